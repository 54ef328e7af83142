import { Anchor, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../../api/client';
import { isApiError, unwrap } from '../../api/problem';
import { AuditTrail } from '../../components/audit-trail';
import { RagBadge } from '../../components/rag-badge';
import { ErrorMessage, QueryState } from '../../components/states';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import { type Definition, type DefinitionQuestion, localised, sectionsOf } from './definition';
import { EvidenceTable, ifMatch, useContractTimeZone, WriteError } from './shared';

type Assessment = Schemas['AssessmentDto'];
type Answer = Schemas['AnswerViewDto'];

/** The buyer's review of one assessment (auditors and framework participants read it only). */
export default function AssessmentReviewPage() {
  const { id = '' } = useParams();
  const query = useQuery({
    queryKey: ['assessment', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments/{id}', { params: { path: { id } } })),
  });
  return <QueryState query={query}>{(a) => <Review assessment={a} />}</QueryState>;
}

function Review({ assessment: a }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const template = useQuery({
    queryKey: ['template', a.template.id],
    retry: false,
    queryFn: async () => unwrap(await api.GET('/api/v1/questionnaire-templates/{id}', { params: { path: { id: a.template.id } } })),
  });
  const definition = (template.data?.definition ?? null) as Definition | null;
  const lang = i18n.language;
  // Read through a share, the contract is not named (the issuer's business): times then show in the browser's zone.
  const tz = useContractTimeZone(a.contract?.id);
  const [comments, setComments] = useState<Record<string, string>>({});
  const isAuthority = a.access === 'authority';
  const canReview = isAuthority && a.status === 'submitted';
  const canWithdraw = isAuthority && a.status !== 'accepted' && a.status !== 'withdrawn';
  const reload = () => void queryClient.invalidateQueries({ queryKey: ['assessment', a.id] });

  const sent = Object.entries(comments)
    .filter(([, text]) => text.trim() !== '')
    .map(([questionCode, text]) => ({ questionCode, text: text.trim() }));
  const review = useMutation({
    mutationFn: async (decision: 'accept' | 'request_clarification') =>
      unwrap(
        await api.POST('/api/v1/assessments/{id}/review', {
          params: { path: { id: a.id }, header: { 'If-Match': ifMatch(a.version) } },
          body: decision === 'accept' ? { decision, ...(sent.length ? { comments: sent } : {}) } : { decision, comments: sent },
        }),
      ),
    onSuccess: (updated, decision) => {
      queryClient.setQueryData(['assessment', a.id], updated);
      setComments({});
      notifications.show({ color: 'green', message: decision === 'accept' ? t('review.accepted') : t('review.clarificationSent') });
    },
  });
  const withdraw = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/assessments/{id}/withdraw', { params: { path: { id: a.id }, header: { 'If-Match': ifMatch(a.version) } } })),
    onSuccess: (updated) => queryClient.setQueryData(['assessment', a.id], updated),
  });
  // A problem naming comments.N.text belongs to the answer of the N-th comment sent.
  const commentErrors: Record<string, string> = {};
  if (isApiError(review.error)) {
    for (const [field, message] of Object.entries(review.error.fieldErrors)) {
      const m = /^comments\.(\d+)\./.exec(field);
      const code = m ? sent[Number(m[1])]?.questionCode : undefined;
      if (code) commentErrors[code] = message;
    }
  }

  const sections = sectionsOf(a, definition);
  const questions = new Map<string, DefinitionQuestion>((definition?.sections ?? []).flatMap((s) => (s.questions ?? []).map((q) => [q.code, q] as const)));
  const generalEvidence = a.evidence.filter((e) => !e.questionCode);

  return (
    <Stack>
      <Title order={1}>{t('review.title', { template: a.template.title, contract: a.contract?.reference ?? t('review.sharedBy', { supplier: a.supplier.name }) })}</Title>
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {a.contract ? (
            <Info label={t('review.contract')}>
              <Anchor component={Link} to={`/contracts/${a.contract.id}`}>
                {a.contract.reference}
              </Anchor>{' '}
              — {a.contract.title}
            </Info>
          ) : (
            <Info label={t('review.source')}>{t('review.sharedBy', { supplier: a.supplier.name })}</Info>
          )}
          <Info label={t('review.supplier')}>{a.supplier.name}</Info>
          <Info label={t('review.template')}>{t('review.templateVersion', { title: a.template.title, version: a.template.versionNumber })}</Info>
          <Info label={t('review.statusLabel')}>
            <Badge variant="outline" color="dark">
              {t(`review.status.${a.status}`)}
            </Badge>
          </Info>
          <Info label={t('review.overall')}>
            <Group gap="xs">
              <RagBadge colour={a.colour} />
              {a.redFlags > 0 && (
                <Text size="sm" c="red.9" fw={700}>
                  {t('review.redFlags', { count: a.redFlags })}
                </Text>
              )}
            </Group>
          </Info>
          <Info label={t('review.score')}>{a.score === null ? '—' : formatNumber(a.score, { maximumFractionDigits: 1 })}</Info>
          <Info label={t('review.dueDate')}>{formatDate(a.dueDate)}</Info>
          <Info label={t('review.issuedAt')}>{formatDateTime(a.issuedAt, tz)}</Info>
          <Info label={t('review.submittedAt')}>{formatDateTime(a.submittedAt, tz)}</Info>
          {a.acceptedAt && <Info label={t('review.acceptedAt')}>{formatDateTime(a.acceptedAt, tz)}</Info>}
          {a.withdrawnAt && <Info label={t('review.withdrawnAt')}>{formatDateTime(a.withdrawnAt, tz)}</Info>}
          <Info label={t('review.revision')}>{a.revision}</Info>
        </SimpleGrid>
        {a.access !== 'authority' && (
          <Text size="sm" c="dimmed" mt="sm">
            {t(`review.access.${a.access}`)}
          </Text>
        )}
      </Paper>

      {(canReview || canWithdraw) && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="xs">
            {t('review.decisionTitle')}
          </Title>
          {canReview && (
            <Text size="sm" mb="sm">
              {t('review.decisionHelp', { count: sent.length })}
            </Text>
          )}
          <Group>
            {canReview && (
              <>
                <Button color="green.8" onClick={() => review.mutate('accept')} loading={review.isPending && review.variables === 'accept'}>
                  {t('review.accept')}
                </Button>
                <Button color="orange.9" onClick={() => review.mutate('request_clarification')} loading={review.isPending && review.variables === 'request_clarification'}>
                  {t('review.requestClarification')}
                </Button>
              </>
            )}
            {canWithdraw && (
              <Button
                variant="outline"
                color="red.8"
                loading={withdraw.isPending}
                onClick={() => {
                  if (window.confirm(t('review.withdrawConfirm'))) withdraw.mutate();
                }}
              >
                {t('review.withdraw')}
              </Button>
            )}
          </Group>
          <Stack mt="sm" gap="xs">
            {review.isError && Object.keys(commentErrors).length === 0 && <WriteError error={review.error} onReload={reload} />}
            {review.isError && Object.keys(commentErrors).length > 0 && <Text c="red.8" size="sm" role="alert">{t('review.fixComments')}</Text>}
            {withdraw.isError && <WriteError error={withdraw.error} onReload={reload} />}
          </Stack>
        </Paper>
      )}

      {a.access === 'shared' && a.status === 'accepted' && <Adopt assessment={a} />}

      <Title order={2}>{t('review.answers')}</Title>
      {sections.map((s) => (
        <Stack key={s.code} gap="xs">
          <Group>
            <Title order={3}>{s.title ? localised(s.title, lang) : s.code}</Title>
            {s.rating && <RagBadge colour={s.rating.colour} />}
            {s.rating && (
              <Text size="sm" c="dimmed">
                {t('review.answered', { answered: s.rating.answered, total: s.rating.total })}
                {s.rating.score !== null && ` · ${t('review.score')} ${formatNumber(s.rating.score, { maximumFractionDigits: 1 })}`}
              </Text>
            )}
          </Group>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('review.question')}</Table.Th>
                <Table.Th scope="col">{t('review.answer')}</Table.Th>
                <Table.Th scope="col">{t('review.colour')}</Table.Th>
                <Table.Th scope="col">{t('review.commentsAndEvidence')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.answers.map((ans) => (
                <AnswerRow
                  key={ans.questionCode}
                  answer={ans}
                  question={questions.get(ans.questionCode)}
                  lang={lang}
                  assessment={a}
                  canReview={canReview}
                  comment={comments[ans.questionCode] ?? ''}
                  error={commentErrors[ans.questionCode]}
                  onComment={(text) => setComments((c) => ({ ...c, [ans.questionCode]: text }))}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}

      <Title order={2}>{t('review.generalEvidence')}</Title>
      <EvidenceTable items={generalEvidence} />

      <Revisions assessment={a} />
      <AuditTrail entityType="assessment" entityId={a.id} />
    </Stack>
  );
}

function Info({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

export function formatValue(answer: Pick<Answer, 'value' | 'notApplicable'>, question: DefinitionQuestion | undefined, lang: string, t: (k: string) => string): string {
  if (answer.notApplicable) return t('review.notApplicable');
  const v = answer.value;
  if (v === null || v === undefined || v === '') return t('review.notAnswered');
  const label = (x: string) => {
    const o = question?.options?.find((opt) => opt.value === x);
    return o?.label ? localised(o.label, lang) : x;
  };
  if (Array.isArray(v)) return v.map(label).join(', ');
  if (typeof v === 'number') return `${formatNumber(v)}${question?.unit ? ` ${question.unit}` : ''}`;
  return label(v);
}

function AnswerRow(props: {
  answer: Answer;
  question: DefinitionQuestion | undefined;
  lang: string;
  assessment: Assessment;
  canReview: boolean;
  comment: string;
  error?: string;
  onComment: (text: string) => void;
}) {
  const { t } = useTranslation();
  const { answer: ans, question, lang, assessment: a } = props;
  const evidence = a.evidence.filter((e) => e.questionCode === ans.questionCode);
  const previous = a.comments.filter((c) => c.questionCode === ans.questionCode);
  const questionText = question?.text ? localised(question.text, lang) : '';
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {ans.questionCode}
        </Text>
        {questionText && <Text size="sm">{questionText}</Text>}
      </Table.Td>
      <Table.Td>{formatValue(ans, question, lang, t)}</Table.Td>
      <Table.Td>
        <Stack gap={4}>
          <RagBadge colour={ans.colour} />
          {ans.redFlag && (
            <Text size="xs" c="red.9" fw={700}>
              {t('review.redFlag')}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap="xs">
          {ans.comment && (
            <Text size="sm">
              <strong>{t('review.supplierComment')}</strong> {ans.comment}
            </Text>
          )}
          {previous.map((c) => (
            <Text size="sm" key={c.id}>
              <strong>{t('review.reviewComment', { revision: c.revision, organisation: c.organisation.name })}</strong> {c.text}
            </Text>
          ))}
          {evidence.length > 0 && <EvidenceTable items={evidence} />}
          {props.canReview && (
            <Textarea
              label={t('review.commentFor', { code: ans.questionCode })}
              autosize
              minRows={1}
              value={props.comment}
              error={props.error}
              onChange={(e) => props.onComment(e.currentTarget.value)}
            />
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function Revisions({ assessment: a }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  const revision = useQuery({
    queryKey: ['assessment', a.id, 'revision', open],
    enabled: open !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/assessments/{id}/revisions/{number}', { params: { path: { id: a.id, number: open ?? 0 } } })),
  });
  return (
    <Stack gap="xs">
      <Title order={2}>{t('review.revisions')}</Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('review.revision')}</Table.Th>
            <Table.Th scope="col">{t('review.openedAt')}</Table.Th>
            <Table.Th scope="col">{t('review.submittedAt')}</Table.Th>
            <Table.Th scope="col">{t('review.colour')}</Table.Th>
            <Table.Th scope="col">{t('review.score')}</Table.Th>
            <Table.Th scope="col">{t('review.decisionMade')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('review.view')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {a.revisions.map((r) => (
            <Table.Tr key={r.number}>
              <Table.Td>{r.number}</Table.Td>
              <Table.Td>{formatDateTime(r.openedAt)}</Table.Td>
              <Table.Td>{formatDateTime(r.submittedAt)}</Table.Td>
              <Table.Td>
                <RagBadge colour={r.colour} />
              </Table.Td>
              <Table.Td>{r.score === null ? '—' : formatNumber(r.score, { maximumFractionDigits: 1 })}</Table.Td>
              <Table.Td>{r.decision ? `${t(`review.outcome.${r.decision}`)} · ${formatDateTime(r.decidedAt)}` : '—'}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setOpen(r.number)} aria-label={t('review.viewRevision', { number: r.number })}>
                  {t('review.view')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={t('review.viewRevision', { number: open ?? 0 })} size="xl">
        <QueryState query={revision}>
          {(rev) => (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('review.question')}</Table.Th>
                  <Table.Th scope="col">{t('review.answer')}</Table.Th>
                  <Table.Th scope="col">{t('review.colour')}</Table.Th>
                  <Table.Th scope="col">{t('review.supplierComment')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rev.answers.map((ans) => (
                  <Table.Tr key={ans.questionCode}>
                    <Table.Td>{ans.questionCode}</Table.Td>
                    <Table.Td>{formatValue(ans, undefined, i18n.language, t)}</Table.Td>
                    <Table.Td>
                      <RagBadge colour={ans.colour} />
                    </Table.Td>
                    <Table.Td>{ans.comment ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </QueryState>
      </Modal>
    </Stack>
  );
}

/** A buyer adopts an assessment shared with it, for its own contract with the same supplier. */
function Adopt({ assessment: a }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const [contractId, setContractId] = useState('');
  const contracts = useQuery({
    queryKey: ['contracts', 'all'],
    queryFn: async () => unwrap(await api.GET('/api/v1/contracts', { params: { query: { limit: 200 } } })),
  });
  const adopt = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/assessments/{id}/adopt', { params: { path: { id: a.id } }, body: { contractId } })),
  });
  const mine = (contracts.data?.items ?? []).filter((c) => c.role === 'authority' && c.supplier.id === a.supplier.id);
  const fields = isApiError(adopt.error) ? adopt.error.fieldErrors : {};
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {t('review.adopt')}
      </Title>
      <Text size="sm" mb="sm">
        {t('review.adoptHelp')}
      </Text>
      {adopt.isSuccess ? (
        <Anchor component={Link} to={`/assessments/${adopt.data.id}`}>
          {t('review.adopted')}
        </Anchor>
      ) : (
        <Group align="flex-end">
          <NativeSelect
            label={t('review.adoptContract')}
            value={contractId}
            error={fields.contractId}
            onChange={(e) => setContractId(e.currentTarget.value)}
            data={[{ value: '', label: '—' }, ...mine.map((c) => ({ value: c.id, label: `${c.reference} — ${c.title}` }))]}
          />
          <Button onClick={() => adopt.mutate()} disabled={!contractId} loading={adopt.isPending}>
            {t('review.adoptAction')}
          </Button>
        </Group>
      )}
      {adopt.isError && !fields.contractId && <ErrorMessage error={adopt.error} />}
    </Paper>
  );
}
