import { Alert, Anchor, Button, Group, List, Paper, Progress, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { isAnswered, type QuestionDefinition, type TemplateDefinition } from '@ddp/definition';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '../../api/problem';
import { useCurrentUser } from '../../auth/auth';
import { DaysLeft } from '../../components/days-left';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { type Assessment, answersOf, assessmentKey, etagOf, type Evidence, fetchAssessment, fetchDefinition, isOpen, submitAssessment, templateKey } from './assessment-api';
import type { QueueState } from './autosave-queue';
import { daysUntil } from './days';
import { EvidenceBlock } from './evidence-block';
import { type AnswerMap, type DraftAnswer, type LiveRating, localise, QuestionnaireView, useLiveRating } from './questionnaire-view';
import { RevisionsPanel } from './revisions-panel';
import { SharePanel } from './share-panel';
import { useAutosave } from './use-autosave';
import { WorkbookPanel } from './workbook-panel';

type Comment = Assessment['comments'][number];
const NO_FILES: Evidence[] = [];
/** Text shades with at least 4.5:1 contrast on white; the colour's name is written too. */
const TAB_COLOUR: Record<string, string> = { green: 'green.9', amber: 'orange.9', red: 'red.9', grey: 'gray.7' };

/** /assessments/:id for the supplier: the questionnaire, autosaved, with evidence, submission, workbook and sharing. */
export default function QuestionnairePage() {
  const { id = '' } = useParams();
  const assessment = useQuery({ queryKey: assessmentKey(id), queryFn: () => fetchAssessment(id), staleTime: Infinity, refetchOnWindowFocus: false });
  const templateId = assessment.data?.template.id;
  const definition = useQuery({ queryKey: templateKey(templateId ?? ''), enabled: !!templateId, queryFn: () => fetchDefinition(templateId!), staleTime: Infinity });
  return (
    <QueryState query={assessment}>
      {(a) => <QueryState query={definition}>{(d) => <Questionnaire key={a.id} assessment={a} definition={d} reload={async () => (await assessment.refetch()).data ?? a} />}</QueryState>}
    </QueryState>
  );
}

interface MissingItem {
  code: string;
  kind: 'answer' | 'evidence';
}

function Questionnaire({ assessment, definition, reload }: { assessment: Assessment; definition: TemplateDefinition; reload: () => Promise<Assessment> }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const language = i18n.language;
  const open = isOpen(assessment.status);
  const languageRef = useRef(language);
  languageRef.current = language;
  const { queue, state } = useAutosave(assessment.id, etagOf(assessment.version), () =>
    (definition.languages as string[]).includes(languageRef.current) ? languageRef.current : undefined,
  );
  const [answers, setAnswers] = useState<AnswerMap>(() => (open ? { ...answersOf(assessment), ...queue.restore() } : answersOf(assessment)));
  const [evidence, setEvidence] = useState<Evidence[]>(assessment.evidence);
  const [section, setSection] = useState<string>(definition.sections[0]?.code ?? '');
  const [focusCode, setFocusCode] = useState<string | null>(null);
  const [missing, setMissing] = useState<MissingItem[]>([]);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [staleSubmit, setStaleSubmit] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const live = useLiveRating(definition, answers);
  useEffect(() => {
    // A closed assessment takes no draft: anything kept from before would only resurface later.
    if (!open) queue.discard();
  }, [open, queue]);

  const onChange = useCallback(
    (code: string, answer: DraftAnswer) => {
      setAnswers((prev) => ({ ...prev, [code]: answer }));
      setMissing((prev) => (prev.some((m) => m.code === code && m.kind === 'answer') ? prev.filter((m) => !(m.code === code && m.kind === 'answer')) : prev));
      queue.change(code, answer);
    },
    [queue],
  );

  const sectionOf = useMemo(() => new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.code, s.code] as const))), [definition]);
  const questionByCode = useMemo(() => new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const))), [definition]);

  const jumpTo = useCallback(
    (code: string) => {
      const target = sectionOf.get(code);
      if (target) setSection(target);
      setFocusCode(code);
    },
    [sectionOf],
  );
  useEffect(() => {
    if (!focusCode) return;
    const element = document.getElementById(`question-${focusCode}`);
    if (element) {
      element.scrollIntoView?.({ block: 'center' });
      element.focus();
    }
    setFocusCode(null);
  }, [focusCode, section]);

  const evidenceByCode = useMemo(() => {
    const map = new Map<string, Evidence[]>();
    for (const e of evidence) if (e.questionCode) map.set(e.questionCode, [...(map.get(e.questionCode) ?? []), e]);
    return map;
  }, [evidence]);
  const commentsByCode = useMemo(() => {
    const map = new Map<string, Comment[]>();
    for (const c of assessment.comments) map.set(c.questionCode, [...(map.get(c.questionCode) ?? []), c]);
    return map;
  }, [assessment.comments]);

  const addEvidence = useCallback(
    (e: Evidence) => {
      setEvidence((prev) => [...prev, e]);
      setMissing((prev) => prev.filter((m) => !(m.code === e.questionCode && m.kind === 'evidence')));
      void queryClient.invalidateQueries({ queryKey: ['assessments', 'list'] });
    },
    [queryClient],
  );

  const renderExtra = useCallback(
    (question: QuestionDefinition) => (
      <>
        <BuyerComments comments={commentsByCode.get(question.code)} />
        <EvidenceBlock assessmentId={assessment.id} question={question} files={evidenceByCode.get(question.code) ?? NO_FILES} canUpload={open} onUploaded={addEvidence} />
      </>
    ),
    [assessment.id, commentsByCode, evidenceByCode, open, addEvidence],
  );

  const errors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const m of missing) out[m.code] ??= m.kind === 'answer' ? t('assessments.missing.answer') : t('assessments.missing.evidence');
    return { ...out, ...state.errors };
  }, [missing, state.errors, t]);

  const progress = useMemo(() => requiredProgress(definition, answers, live, evidenceByCode), [definition, answers, live, evidenceByCode]);

  const reloadAndReapply = async () => {
    const fresh = await reload();
    setAnswers({ ...answersOf(fresh), ...queue.unsavedAnswers() });
    setEvidence(fresh.evidence);
    setStaleSubmit(false);
    queue.rebase(etagOf(fresh.version));
  };

  const submit = async () => {
    setSubmitError(null);
    setMissing([]);
    setSubmitting(true);
    try {
      if (!(await queue.drain())) {
        const status = queue.getState().status;
        if (status === 'stale') setStaleSubmit(true);
        else setSubmitError(new Error(status === 'invalid' ? t('assessments.save.invalid') : t('assessments.submit.unsaved')));
        return;
      }
      idempotencyKey.current ??= crypto.randomUUID();
      const submitted = await submitAssessment(assessment.id, queue.getState().etag, idempotencyKey.current);
      idempotencyKey.current = null;
      queue.setEtag(etagOf(submitted.version));
      queryClient.setQueryData(assessmentKey(assessment.id), submitted);
      void queryClient.invalidateQueries({ queryKey: ['assessments', 'list'] });
      notifications.show({ color: 'green', message: t('assessments.submit.done') });
    } catch (error) {
      if (isApiError(error) && error.problem.code === 'assessment_incomplete') {
        idempotencyKey.current = null;
        const items: MissingItem[] = (error.problem.errors ?? []).flatMap((e): MissingItem[] => {
          const match = /^(answers|evidence)\.(.+)$/.exec(e.field);
          return match ? [{ code: match[2], kind: match[1] === 'answers' ? 'answer' : 'evidence' }] : [];
        });
        setMissing(items);
      } else if (isApiError(error) && error.status === 412) {
        idempotencyKey.current = null;
        setStaleSubmit(true);
      } else {
        setSubmitError(error);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const applyServer = (fresh: Assessment) => {
    queue.setEtag(etagOf(fresh.version));
    setAnswers({ ...answersOf(fresh), ...queue.unsavedAnswers() });
    setEvidence(fresh.evidence);
    queryClient.setQueryData(assessmentKey(assessment.id), fresh);
  };

  const drainFirst = async () => {
    if (!(await queue.drain())) throw new Error(t('assessments.submit.unsaved'));
  };

  const clarifications = assessment.status === 'clarification_requested' ? assessment.comments.filter((c) => c.revision === assessment.revision - 1) : [];

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={1}>{assessment.template.title}</Title>
        <Text>
          {/* The supplier always reads its own buyer and contract (they are null only for a buyer it shared the assessment with). */}
          {assessment.contract?.reference} · {assessment.contract?.title} · {t('assessments.buyer', { name: assessment.authority?.name })}
        </Text>
        <Group gap="sm">
          <Text>{t(`assessments.status.${assessment.status}`)}</Text>
          <Text>· {t('assessments.dueOn', { date: formatDate(assessment.dueDate) })}</Text>
          {open && <DaysLeft days={daysUntil(assessment.dueDate)} />}
          {assessment.revision > 1 && <Text>· {t('assessments.revisionN', { number: assessment.revision })}</Text>}
        </Group>
      </Stack>

      <Paper withBorder p="md">
        <Group justify="space-between" align="center">
          <Group gap="sm">
            <Text fw={600}>{t('assessments.overall')}</Text>
            <RagBadge colour={live.rating.colour} />
            {live.rating.score !== null && <Text size="sm">{t('assessments.score', { score: formatNumber(live.rating.score) })}</Text>}
            {live.rating.redFlags > 0 && (
              <Text size="sm" fw={700} c="red.9">
                {t('assessments.redFlags', { count: live.rating.redFlags })}
              </Text>
            )}
          </Group>
          {open && <SaveStatus state={state} />}
        </Group>
        <Stack gap={4} mt="sm">
          <Text size="sm" id="progress-label">
            {t('assessments.progress', { answered: progress.answered, total: progress.total })}
          </Text>
          <Progress.Root size="lg">
            <Progress.Section value={progress.total === 0 ? 100 : (progress.answered / progress.total) * 100} aria-labelledby="progress-label" />
          </Progress.Root>
        </Stack>
      </Paper>

      {(state.status === 'stale' || staleSubmit) && (
        <Alert color="orange" title={t('state.stale')} role="alert">
          <Button size="xs" onClick={() => void reloadAndReapply()}>
            {t('state.reload')}
          </Button>
        </Alert>
      )}

      {clarifications.length > 0 && (
        <Alert color="blue" title={t('assessments.clarification.title')}>
          <List size="sm">
            {clarifications.map((c) => (
              <List.Item key={c.id}>
                {/* blue.9: the primary blue has less than 4.5:1 on the alert's pale blue. */}
                <Anchor component="button" type="button" c="blue.9" onClick={() => jumpTo(c.questionCode)}>
                  {c.questionCode}
                </Anchor>
                : {c.text}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}

      {!open && (
        <Text>{t('assessments.readOnly')}</Text>
      )}

      <Tabs value={section} onChange={(v) => v && setSection(v)} keepMounted={false}>
        <Tabs.List aria-label={t('assessments.sections')}>
          {definition.sections.map((s) => {
            const r = live.rating.sections.find((x) => x.sectionCode === s.code);
            return (
              <Tabs.Tab key={s.code} value={s.code}>
                {localise(s.title, language)}{' '}
                <Text span size="xs" fw={700} c={TAB_COLOUR[r?.colour ?? 'grey']}>
                  ({t(`colour.${r?.colour ?? 'grey'}`)}, {r?.answered ?? 0}/{r?.total ?? 0})
                </Text>
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        {definition.sections.map((s) => (
          <Tabs.Panel key={s.code} value={s.code} pt="md">
            <QuestionnaireView
              definition={definition}
              answers={answers}
              onChange={onChange}
              readOnly={!open}
              language={language}
              sectionCode={s.code}
              errors={errors}
              renderExtra={renderExtra}
              rating={live}
            />
            <SectionSteps sections={definition.sections.map((x) => x.code)} current={s.code} onGo={setSection} />
          </Tabs.Panel>
        ))}
      </Tabs>

      {open && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('assessments.submit.title')}
            </Title>
            <Text size="sm">{t('assessments.submit.help')}</Text>
            {missing.length > 0 && (
              <Alert color="red" title={t('assessments.submit.incomplete', { count: missing.length })} role="alert">
                <List size="sm">
                  {missing.map((m) => (
                    <List.Item key={`${m.kind}-${m.code}`}>
                      <Anchor component="button" type="button" onClick={() => jumpTo(m.code)}>
                        {m.code}
                        {questionByCode.get(m.code) ? ` · ${localise(questionByCode.get(m.code)!.text, language)}` : ''}
                      </Anchor>{' '}
                      — {m.kind === 'answer' ? t('assessments.missing.answer') : t('assessments.missing.evidence')}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {submitError !== null && (isApiError(submitError) ? <ErrorMessage error={submitError} /> : <Alert color="red" role="alert">{(submitError as Error).message}</Alert>)}
            <Group>
              <Button onClick={() => void submit()} loading={submitting}>
                {t('action.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}

      <WorkbookPanel assessment={assessment} canUpload={open} beforeUpload={drainFirst} onImported={applyServer} />
      <RevisionsPanel assessment={assessment} definition={definition} language={language} />
      {assessment.status === 'accepted' && me.role === 'admin' && <SharePanel assessment={assessment} onChanged={(a) => queryClient.setQueryData(assessmentKey(assessment.id), a)} />}
    </Stack>
  );
}

/** Required questions asked, and how many are answered (a file question: by its evidence), as the API counts for submission. */
function requiredProgress(definition: TemplateDefinition, answers: AnswerMap, live: LiveRating, evidenceByCode: Map<string, Evidence[]>): { answered: number; total: number } {
  let answered = 0;
  let total = 0;
  for (const section of definition.sections) {
    for (const q of section.questions) {
      if (!q.required || !live.visible.has(q.code)) continue;
      total += 1;
      const answer = answers[q.code];
      const done = q.type === 'file' ? evidenceByCode.has(q.code) || answer?.notApplicable === true : isAnswered(q, answer);
      if (done) answered += 1;
    }
  }
  return { answered, total };
}

function SaveStatus({ state }: { state: QueueState }) {
  const { t } = useTranslation();
  const text: Record<QueueState['status'], string> = {
    idle: '',
    pending: t('assessments.save.pending'),
    saving: t('state.saving'),
    saved: t('state.saved'),
    offline: t('state.offline'),
    error: t('assessments.save.error'),
    invalid: t('assessments.save.invalid'),
    stale: t('state.stale'),
    closed: t('assessments.save.closed'),
  };
  const bad = ['offline', 'error', 'invalid', 'stale', 'closed'].includes(state.status);
  return (
    <Text size="sm" role="status" aria-live="polite" c={bad ? 'red.9' : undefined} maw={420}>
      {text[state.status]}
    </Text>
  );
}

function BuyerComments({ comments }: { comments: Comment[] | undefined }) {
  const { t } = useTranslation();
  if (!comments || comments.length === 0) return null;
  return (
    <Alert color="blue" variant="light" title={t('assessments.clarification.comment')}>
      <Stack gap={4}>
        {comments.map((c) => (
          <Text size="sm" key={c.id}>
            <Text span fw={600}>
              {t('assessments.clarification.by', { name: c.organisation.name, revision: c.revision, date: formatDateTime(c.createdAt) })}
            </Text>{' '}
            {c.text}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

/** Previous and next section, under each section. */
function SectionSteps({ sections, current, onGo }: { sections: string[]; current: string; onGo: (code: string) => void }) {
  const { t } = useTranslation();
  const index = sections.indexOf(current);
  const go = (code: string) => {
    onGo(code);
    window.scrollTo?.({ top: 0 });
  };
  return (
    <Group justify="space-between" mt="md">
      {index > 0 ? (
        <Button variant="default" onClick={() => go(sections[index - 1])}>
          {t('action.previous')}
        </Button>
      ) : (
        <span />
      )}
      {index < sections.length - 1 && (
        <Button variant="default" onClick={() => go(sections[index + 1])}>
          {t('action.next')}
        </Button>
      )}
    </Group>
  );
}
