import { Checkbox, Group, MultiSelect, NumberInput, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  type AnswerValue,
  type AssessmentRating,
  type QuestionDefinition,
  type RatedColour,
  type StoredAnswer,
  type TemplateDefinition,
  type Translated,
  rateAssessment,
  visibleQuestionCodes,
} from '@ddp/definition';
import { CountryCodes } from 'validator/lib/isISO31661Alpha2';
import { memo, type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RagBadge } from '../../components/rag-badge';
import { formatDate, formatNumber } from '../../lib/format';

/** An answer as the form holds it (and as PUT /answers takes it). */
export interface DraftAnswer {
  value: AnswerValue;
  notApplicable: boolean;
  comment: string | null;
}

/** Answers by question code. */
export type AnswerMap = Readonly<Record<string, DraftAnswer>>;

export interface LiveRating {
  visible: Set<string>;
  rating: AssessmentRating;
  /** Colour and red flag by question code. */
  byCode: Map<string, { colour: RatedColour; redFlag: boolean }>;
}

/** A text in the user's language, else English, else any language the template has. */
export function localise(text: Translated | undefined, language: string): string {
  if (!text) return '';
  const record = text as Record<string, string | undefined>;
  return record[language] ?? text.en ?? Object.values(record).find((v) => typeof v === 'string' && v !== '') ?? '';
}

export function toStoredAnswers(answers: AnswerMap): Map<string, StoredAnswer> {
  return new Map(Object.entries(answers).map(([code, a]) => [code, { value: a.value, notApplicable: a.notApplicable }]));
}

/** Conditions and colours exactly as the API computes them (the same pure functions). */
export function computeRating(definition: TemplateDefinition, answers: AnswerMap): LiveRating {
  const stored = toStoredAnswers(answers);
  const rating = rateAssessment(definition, stored);
  return {
    visible: visibleQuestionCodes(definition, stored),
    rating,
    byCode: new Map(rating.answers.map((a) => [a.questionCode, { colour: a.colour, redFlag: a.redFlag }])),
  };
}

export function useLiveRating(definition: TemplateDefinition, answers: AnswerMap): LiveRating {
  return useMemo(() => computeRating(definition, answers), [definition, answers]);
}

export interface QuestionnaireViewProps {
  definition: TemplateDefinition;
  answers: AnswerMap;
  /** Called with each change; without it the view keeps its own copy (a preview where conditions still work). */
  onChange?: (questionCode: string, answer: DraftAnswer) => void;
  readOnly?: boolean;
  language: string;
  /** Render only this section. */
  sectionCode?: string;
  /** Messages by question code, shown beside the question. */
  errors?: Readonly<Record<string, string>>;
  /** Anything to show under a question (evidence, the buyer's comments); keep it stable (useCallback). */
  renderExtra?: (question: QuestionDefinition) => ReactNode;
  /** The rating, when the caller already computes it. */
  rating?: LiveRating;
  /** The level of the section headings (questions are not headings). */
  headingOrder?: 2 | 3 | 4;
  /** Prefix of the element ids (`question-<code>`), when two views share a page. */
  idPrefix?: string;
}

/** The sections and questions of a template definition, with live conditions and colours. */
export function QuestionnaireView(props: QuestionnaireViewProps) {
  const [own, setOwn] = useState<AnswerMap>(props.answers);
  const controlled = props.onChange !== undefined;
  const answers = controlled ? props.answers : own;
  // One callback for the life of the view, whatever the caller passes: the memoised questions then re-render only when their own answer changes.
  const latest = useRef(props.onChange);
  latest.current = props.onChange;
  const onChange = useCallback((code: string, answer: DraftAnswer) => {
    if (latest.current) latest.current(code, answer);
    else setOwn((prev) => ({ ...prev, [code]: answer }));
  }, []);
  const computed = useLiveRating(props.definition, answers);
  const live = controlled && props.rating ? props.rating : computed;
  const prefix = props.idPrefix ?? '';
  const sections = props.sectionCode ? props.definition.sections.filter((s) => s.code === props.sectionCode) : props.definition.sections;
  return (
    <Stack gap="lg">
      {sections.map((section) => {
        const sectionRating = live.rating.sections.find((s) => s.sectionCode === section.code);
        return (
          <Stack key={section.code} gap="sm" component="section" aria-labelledby={`${prefix}section-${section.code}`}>
            <Group gap="sm" align="center">
              <Title order={props.headingOrder ?? 2} size="h3" id={`${prefix}section-${section.code}`}>
                {localise(section.title, props.language)}
              </Title>
              <SectionSummary code={section.code} colour={sectionRating?.colour} answered={sectionRating?.answered ?? 0} total={sectionRating?.total ?? 0} score={sectionRating?.score ?? null} />
            </Group>
            {section.description && <Text size="sm">{localise(section.description, props.language)}</Text>}
            {section.questions
              .filter((q) => live.visible.has(q.code))
              .map((question) => (
                <QuestionItem
                  key={question.code}
                  question={question}
                  answer={answers[question.code]}
                  colour={live.byCode.get(question.code)?.colour ?? 'grey'}
                  redFlag={live.byCode.get(question.code)?.redFlag ?? false}
                  error={props.errors?.[question.code]}
                  readOnly={props.readOnly ?? false}
                  language={props.language}
                  onChange={onChange}
                  renderExtra={props.renderExtra}
                  idPrefix={prefix}
                />
              ))}
          </Stack>
        );
      })}
    </Stack>
  );
}

function SectionSummary({ code, colour, answered, total, score }: { code: string; colour: RatedColour | undefined; answered: number; total: number; score: number | null }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" data-section-rating={code}>
      <RagBadge colour={colour} />
      <Text size="sm" c="dimmed">
        {t('assessments.answeredOf', { answered, total })}
        {score !== null && ` · ${t('assessments.score', { score: formatNumber(score) })}`}
      </Text>
    </Group>
  );
}

interface QuestionItemProps {
  question: QuestionDefinition;
  answer: DraftAnswer | undefined;
  colour: RatedColour;
  redFlag: boolean;
  error: string | undefined;
  readOnly: boolean;
  language: string;
  onChange: (questionCode: string, answer: DraftAnswer) => void;
  renderExtra?: (question: QuestionDefinition) => ReactNode;
  idPrefix: string;
}

const EMPTY: DraftAnswer = { value: null, notApplicable: false, comment: null };

/** One question; memoised so that typing in one re-renders that one only. */
export const QuestionItem = memo(function QuestionItem({ question, answer, colour, redFlag, error, readOnly, language, onChange, renderExtra, idPrefix }: QuestionItemProps) {
  const { t } = useTranslation();
  const current = answer ?? EMPTY;
  const text = localise(question.text, language);
  const guidance = question.guidance ? localise(question.guidance, language) : undefined;
  const set = (patch: Partial<DraftAnswer>) => onChange(question.code, { ...current, ...patch });
  const inputId = `${idPrefix}answer-${question.code}`;
  const plain = readOnly || question.type === 'file';
  return (
    <Paper withBorder p="md" id={`${idPrefix}question-${question.code}`} tabIndex={-1} data-question={question.code}>
      <Stack gap="xs">
        <Group justify="space-between" align="center" wrap="nowrap">
          <Text size="sm" c="dimmed" ff="monospace">
            {question.code}
            {question.required && ` · ${t('assessments.required')}`}
          </Text>
          <Group gap={4} wrap="nowrap">
            {redFlag && (
              <Text size="xs" fw={700} c="red.9">
                {t('assessments.redFlag')}
              </Text>
            )}
            <RagBadge colour={colour} />
          </Group>
        </Group>
        {plain && (
          <>
            <Text fw={600}>{text}</Text>
            {guidance && (
              <Text size="sm" c="dimmed">
                {guidance}
              </Text>
            )}
          </>
        )}
        {readOnly ? (
          <ReadOnlyAnswer question={question} answer={current} language={language} />
        ) : (
          <>
            <AnswerInput question={question} answer={current} language={language} inputId={inputId} label={text} guidance={guidance} error={error} required={question.required} onValue={(value) => set({ value, notApplicable: false })} />
            {question.notApplicableAllowed && (
              <Checkbox
                label={t('assessments.notApplicable')}
                checked={current.notApplicable}
                onChange={(e) => set({ notApplicable: e.currentTarget.checked, value: null })}
              />
            )}
            <Textarea
              label={t('assessments.commentOn', { code: question.code })}
              rows={1}
              resize="vertical"
              maxLength={5000}
              value={current.comment ?? ''}
              onChange={(e) => set({ comment: e.currentTarget.value === '' ? null : e.currentTarget.value })}
            />
          </>
        )}
        {readOnly && error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
        {renderExtra?.(question)}
      </Stack>
    </Paper>
  );
});

let countryCache: { language: string; data: Array<{ value: string; label: string }> } | undefined;

function countryOptions(language: string): Array<{ value: string; label: string }> {
  if (countryCache?.language === language) return countryCache.data;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language], { type: 'region' });
  } catch {
    names = undefined;
  }
  const data = [...CountryCodes]
    .map((code) => ({ value: code, label: `${names?.of(code) ?? code} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  countryCache = { language, data };
  return data;
}

interface AnswerInputProps {
  question: QuestionDefinition;
  answer: DraftAnswer;
  language: string;
  inputId: string;
  label: string;
  guidance: string | undefined;
  error: string | undefined;
  required: boolean;
  onValue: (value: AnswerValue) => void;
}

/** The input for the question's answer type. */
function AnswerInput({ question, answer, language, inputId, label, guidance, error, required, onValue }: AnswerInputProps) {
  const { t } = useTranslation();
  const disabled = answer.notApplicable;
  const options = (question.options ?? []).map((o) => ({ value: o.value, label: localise(o.label, language) || o.value }));
  switch (question.type) {
    case 'yes_no':
    case 'single_choice':
      return (
        <Radio.Group
          label={label}
          description={guidance}
          withAsterisk={required}
          value={typeof answer.value === 'string' ? answer.value : null}
          onChange={(v) => onValue(v)}
          error={error}
          name={inputId}
        >
          <Group gap="md" mt={4}>
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} disabled={disabled} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group
          label={label}
          description={guidance}
          withAsterisk={required}
          value={Array.isArray(answer.value) ? answer.value : []}
          onChange={(v) => onValue(v.length === 0 ? null : v)}
          error={error}
        >
          <Stack gap={4} mt={4}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'number':
      return (
        <NumberInput
          id={inputId}
          label={question.unit ? `${label} (${question.unit})` : label}
          description={[guidance, rangeText(question, t)].filter(Boolean).join(' · ') || undefined}
          withAsterisk={required}
          disabled={disabled}
          min={question.min}
          max={question.max}
          allowDecimal={!question.integer}
          value={typeof answer.value === 'number' ? answer.value : ''}
          onChange={(v) => {
            if (typeof v === 'number') onValue(v);
            else if (v === '') onValue(null);
          }}
          error={error}
          maw={260}
        />
      );
    case 'text':
      return (
        <Textarea
          id={inputId}
          label={label}
          description={guidance}
          withAsterisk={required}
          disabled={disabled}
          rows={3}
          resize="vertical"
          maxLength={5000}
          value={typeof answer.value === 'string' ? answer.value : ''}
          onChange={(e) => onValue(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          error={error}
        />
      );
    case 'date':
      return (
        <TextInput
          id={inputId}
          type="date"
          label={label}
          description={guidance}
          withAsterisk={required}
          disabled={disabled}
          min="1900-01-01"
          max="2100-12-31"
          value={typeof answer.value === 'string' ? answer.value : ''}
          onChange={(e) => onValue(e.currentTarget.value === '' ? null : e.currentTarget.value)}
          error={error}
          maw={220}
        />
      );
    case 'country_list':
      return (
        <MultiSelect
          id={inputId}
          label={label}
          description={guidance ?? t('assessments.countries')}
          withAsterisk={required}
          disabled={disabled}
          searchable
          data={countryOptions(language)}
          value={Array.isArray(answer.value) ? answer.value : []}
          onChange={(v) => onValue(v.length === 0 ? null : v)}
          error={error}
          limit={50}
        />
      );
    case 'file':
      return (
        <>
          <Text size="sm">{t('assessments.fileAnswer')}</Text>
          {error && (
            <Text size="sm" c="red.9" role="alert">
              {error}
            </Text>
          )}
        </>
      );
  }
}

function rangeText(question: QuestionDefinition, t: (key: string, options?: Record<string, unknown>) => string): string | undefined {
  const { min, max } = question;
  if (min !== undefined && max !== undefined) return t('assessments.range.between', { min: formatNumber(min), max: formatNumber(max) });
  if (min !== undefined) return t('assessments.range.min', { min: formatNumber(min) });
  if (max !== undefined) return t('assessments.range.max', { max: formatNumber(max) });
  return undefined;
}

/** An answer as text (a submitted revision, a preview). */
function ReadOnlyAnswer({ question, answer, language }: { question: QuestionDefinition; answer: DraftAnswer; language: string }) {
  const { t } = useTranslation();
  let text: string;
  if (answer.notApplicable) text = t('assessments.notApplicable');
  else if (answer.value === null) text = question.type === 'file' ? t('assessments.fileAnswer') : t('assessments.noAnswer');
  else if (Array.isArray(answer.value)) {
    const labels = answer.value.map((v) => {
      const option = question.options?.find((o) => o.value === v);
      return option ? localise(option.label, language) : question.type === 'country_list' ? countryOptions(language).find((c) => c.value === v)?.label ?? v : v;
    });
    text = labels.join(', ');
  } else if (typeof answer.value === 'number') text = `${formatNumber(answer.value)}${question.unit ? ` ${question.unit}` : ''}`;
  else if (question.type === 'date') text = formatDate(answer.value);
  else {
    const option = question.options?.find((o) => o.value === answer.value);
    text = option ? localise(option.label, language) : answer.value;
  }
  return (
    <Stack gap={2}>
      <Text size="sm">
        <Text span fw={600}>
          {t('assessments.answer')}:{' '}
        </Text>
        <Text span style={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </Text>
      </Text>
      {answer.comment && (
        <Text size="sm">
          <Text span fw={600}>
            {t('assessments.comment')}:{' '}
          </Text>
          <Text span style={{ whiteSpace: 'pre-wrap' }}>
            {answer.comment}
          </Text>
        </Text>
      )}
    </Stack>
  );
}
