import { ActionIcon, Button, Checkbox, Group, NativeSelect, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import {
  ANSWER_TYPES,
  type AnswerType,
  COLOURS,
  type Colour,
  evidenceRuleOf,
  type QuestionDefinition,
  type SectionDefinition,
  TEMPLATE_LANGUAGES,
  type TemplateDefinition,
  type TemplateLanguage,
  THEMES,
  type Theme,
} from '@ddp/definition';
import { memo, type ReactNode, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../i18n/i18n';
import * as edit from './definition-editing';
import { FieldError, TranslatedInput } from './translated-input';

type Errors = Readonly<Record<string, string>>;
type Change = (update: (d: TemplateDefinition) => TemplateDefinition) => void;

export interface DefinitionEditorProps {
  definition: TemplateDefinition;
  onChange: (definition: TemplateDefinition) => void;
  /** Messages by editor field (`sections[0].questions[2].options[1].colour`). */
  errors: Errors;
  readOnly?: boolean;
}

/** Moves keyboard focus to an element once React has re-rendered (after moving an item up or down). */
function focusLater(id: string, fallback: string): void {
  requestAnimationFrame(() => {
    const button = document.getElementById(id);
    (button && !button.hasAttribute('disabled') ? button : document.getElementById(fallback))?.focus();
  });
}

/** The parts of the definition every question editor needs; stable while they do not change, so that unchanged questions are not re-rendered. */
interface Ctx {
  languages: TemplateLanguage[];
  weighted: boolean;
  sectionCount: number;
  /** The questions a condition may name. */
  choiceQuestions: QuestionDefinition[];
}

/** The errors at or under `prefix` (a section, a question), so that a memoised editor re-renders only when its own change. */
function errorsUnder(errors: Errors, prefix: string): Errors {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`)) out[field] = message;
  return out;
}

function sameRecord(a: Errors, b: Errors): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function sameProps<P extends { errors: Errors }>(a: P, b: P): boolean {
  return (Object.keys(a) as Array<keyof P>).every((k) => (k === 'errors' ? sameRecord(a.errors, b.errors) : a[k] === b[k]));
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Edits a whole template definition: its texts, languages, roll-up, sections, questions and colour rules. */
export function DefinitionEditor({ definition, onChange, errors, readOnly = false }: DefinitionEditorProps) {
  const { t } = useTranslation();
  const latest = useRef({ definition, onChange });
  useLayoutEffect(() => {
    latest.current = { definition, onChange };
  });
  const change: Change = useCallback((update) => latest.current.onChange(update(latest.current.definition)), []);
  const d = definition;
  const choiceQuestions = d.sections.flatMap((s) => s.questions).filter((q) => edit.isChoice(q.type));
  const previousChoices = useRef(choiceQuestions);
  const stableChoices = sameList(previousChoices.current, choiceQuestions) ? previousChoices.current : choiceQuestions;
  useLayoutEffect(() => {
    previousChoices.current = stableChoices;
  });
  const weighted = d.scoring.method === 'weighted';
  const ctx = useMemo<Ctx>(() => ({ languages: d.languages, weighted, sectionCount: d.sections.length, choiceQuestions: stableChoices }), [d.languages, weighted, d.sections.length, stableChoices]);
  return (
    <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Stack gap="lg">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t('templates.editor.general')}
            </Title>
            <Checkbox.Group
              label={t('templates.editor.languages')}
              description={t('templates.editor.languagesHint')}
              value={d.languages}
              error={errors.languages ?? errors['languages[0]']}
              onChange={(values) => values.length > 0 && change((x) => edit.setLanguages(x, values as TemplateLanguage[]))}
            >
              <Group mt={4}>
                {TEMPLATE_LANGUAGES.map((lang) => (
                  <Checkbox key={lang} value={lang} label={LANGUAGE_NAMES[lang]} />
                ))}
              </Group>
            </Checkbox.Group>
            <TranslatedInput label={t('templates.editor.title')} path="title" value={d.title} languages={d.languages} errors={errors} required onChange={(l, v) => change((x) => edit.setTitle(x, l, v))} />
            <TranslatedInput
              label={t('templates.editor.description')}
              path="description"
              value={d.description}
              languages={d.languages}
              errors={errors}
              multiline
              onChange={(l, v) => change((x) => edit.setDescription(x, l, v))}
            />
            <ScoringEditor definition={d} errors={errors} change={change} />
          </Stack>
        </Paper>
        <Title order={2} size="h3">
          {t('templates.editor.sections')}
        </Title>
        <FieldError message={errors.sections} />
        {d.sections.map((section, si) => (
          <SectionEditor key={si} ctx={ctx} section={section} si={si} errors={errorsUnder(errors, `sections[${si}]`)} change={change} readOnly={readOnly} />
        ))}
        {!readOnly && (
          <Button variant="light" w="fit-content" onClick={() => change(edit.addSection)}>
            {t('templates.editor.addSection')}
          </Button>
        )}
      </Stack>
    </fieldset>
  );
}

function ScoringEditor({ definition, errors, change }: { definition: TemplateDefinition; errors: Errors; change: Change }) {
  const { t } = useTranslation();
  const scoring = definition.scoring;
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('templates.editor.scoring')}
        description={t('templates.editor.scoringHint')}
        value={scoring.method}
        error={errors['scoring.method'] ?? errors.scoring}
        data={[
          { value: 'worst', label: t('templates.scoring.worst') },
          { value: 'weighted', label: t('templates.scoring.weighted') },
        ]}
        onChange={(e) => {
          const method = e.currentTarget.value;
          change((x) => edit.setScoring(x, method === 'weighted' ? { method: 'weighted', amberBelow: 75, redBelow: 50 } : { method: 'worst' }));
        }}
      />
      {scoring.method === 'weighted' && (
        <Group grow align="flex-start">
          <NumberInput
            label={t('templates.scoring.amberBelow')}
            min={0}
            max={100}
            value={scoring.amberBelow}
            error={errors['scoring.amberBelow']}
            onChange={(v) => change((x) => edit.setScoring(x, { ...scoring, amberBelow: Number(v) || 0 }))}
          />
          <NumberInput
            label={t('templates.scoring.redBelow')}
            min={0}
            max={100}
            value={scoring.redBelow}
            error={errors['scoring.redBelow']}
            onChange={(v) => change((x) => edit.setScoring(x, { ...scoring, redBelow: Number(v) || 0 }))}
          />
        </Group>
      )}
    </Stack>
  );
}

/** Up, down and remove buttons for an item of a list, each named after the item. */
function MoveButtons({ idPrefix, index, count, name, onMove, onRemove }: { idPrefix: string; index: number; count: number; name: string; onMove: (to: number) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        id={`${idPrefix}-up`}
        variant="subtle"
        color="gray.8"
        aria-label={t('templates.editor.moveUp', { name })}
        disabled={index === 0}
        onClick={() => {
          onMove(index - 1);
          const moved = idPrefix.replace(/\d+$/, String(index - 1));
          focusLater(`${moved}-up`, `${moved}-down`);
        }}
      >
        <span aria-hidden>↑</span>
      </ActionIcon>
      <ActionIcon
        id={`${idPrefix}-down`}
        variant="subtle"
        color="gray.8"
        aria-label={t('templates.editor.moveDown', { name })}
        disabled={index === count - 1}
        onClick={() => {
          onMove(index + 1);
          const moved = idPrefix.replace(/\d+$/, String(index + 1));
          focusLater(`${moved}-down`, `${moved}-up`);
        }}
      >
        <span aria-hidden>↓</span>
      </ActionIcon>
      <ActionIcon variant="subtle" color="red.8" aria-label={t('templates.editor.remove', { name })} onClick={onRemove}>
        <span aria-hidden>✕</span>
      </ActionIcon>
    </Group>
  );
}

const SectionEditor = memo(function SectionEditor({ ctx, section, si, errors, change, readOnly }: { ctx: Ctx; section: SectionDefinition; si: number; errors: Errors; change: Change; readOnly: boolean }) {
  const { t } = useTranslation();
  const path = `sections[${si}]`;
  const name = t('templates.editor.sectionName', { code: section.code || si + 1 });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`tpl-s${si}-heading`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h4" id={`tpl-s${si}-heading`}>
            {name}
          </Title>
          {!readOnly && (
            <MoveButtons
              idPrefix={`tpl-s${si}`}
              index={si}
              count={ctx.sectionCount}
              name={name}
              onMove={(to) => change((x) => edit.moveSection(x, si, to))}
              onRemove={() => window.confirm(t('templates.editor.removeConfirm', { name })) && change((x) => edit.removeSection(x, si))}
            />
          )}
        </Group>
        <FieldError message={errors[path]} />
        <TextInput
          label={t('templates.editor.sectionCode')}
          description={t('templates.editor.codeHint')}
          required
          value={section.code}
          error={errors[`${path}.code`]}
          onChange={(e) => {
            const code = e.currentTarget.value;
            change((x) => edit.setSectionCode(x, si, code));
          }}
        />
        <TranslatedInput
          label={t('templates.editor.sectionTitle')}
          path={`${path}.title`}
          value={section.title}
          languages={ctx.languages}
          errors={errors}
          required
          onChange={(l, v) => change((x) => edit.setSectionTitle(x, si, l, v))}
        />
        <TranslatedInput
          label={t('templates.editor.sectionDescription')}
          path={`${path}.description`}
          value={section.description}
          languages={ctx.languages}
          errors={errors}
          multiline
          onChange={(l, v) => change((x) => edit.setSectionDescription(x, si, l, v))}
        />
        <FieldError message={errors[`${path}.questions`]} />
        {section.questions.map((question, qi) => (
          <QuestionEditor key={qi} ctx={ctx} question={question} si={si} qi={qi} count={section.questions.length} errors={errorsUnder(errors, `${path}.questions[${qi}]`)} change={change} readOnly={readOnly} />
        ))}
        {!readOnly && (
          <Button variant="light" w="fit-content" onClick={() => change((x) => edit.addQuestion(x, si))}>
            {t('templates.editor.addQuestion', { name })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}, sameProps);

interface QuestionProps {
  ctx: Ctx;
  question: QuestionDefinition;
  si: number;
  qi: number;
  errors: Errors;
  change: Change;
}

const QuestionEditor = memo(function QuestionEditor({ ctx, question, si, qi, count, errors, change, readOnly }: QuestionProps & { count: number; readOnly: boolean }) {
  const { t } = useTranslation();
  const path = `sections[${si}].questions[${qi}]`;
  const name = t('templates.editor.questionName', { code: question.code || qi + 1 });
  const weighted = ctx.weighted;
  return (
    <Paper withBorder p="sm" bg="gray.0" role="group" aria-labelledby={`tpl-s${si}-q${qi}-heading`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4} size="h5" id={`tpl-s${si}-q${qi}-heading`}>
            {name}
          </Title>
          {!readOnly && (
            <MoveButtons
              idPrefix={`tpl-s${si}-q${qi}`}
              index={qi}
              count={count}
              name={name}
              onMove={(to) => change((x) => edit.moveQuestion(x, si, qi, to))}
              onRemove={() => window.confirm(t('templates.editor.removeConfirm', { name })) && change((x) => edit.removeQuestion(x, si, qi))}
            />
          )}
        </Group>
        <FieldError message={errors[path]} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('templates.editor.questionCode')}
            required
            value={question.code}
            error={errors[`${path}.code`]}
            onChange={(e) => {
              const code = e.currentTarget.value;
              change((x) => edit.setQuestionCode(x, si, qi, code));
            }}
          />
          <NativeSelect
            label={t('templates.editor.type')}
            value={question.type}
            error={errors[`${path}.type`]}
            data={ANSWER_TYPES.map((type) => ({ value: type, label: t(`templates.type.${type}`) }))}
            onChange={(e) => {
              const type = e.currentTarget.value as AnswerType;
              change((x) => edit.setQuestionType(x, si, qi, type));
            }}
          />
          <NativeSelect
            label={t('templates.editor.theme')}
            value={question.theme}
            error={errors[`${path}.theme`]}
            data={THEMES.map((theme) => ({ value: theme, label: t(`templates.theme.${theme}`) }))}
            onChange={(e) => {
              const theme = e.currentTarget.value as Theme;
              change((x) => edit.updateQuestion(x, si, qi, (q) => ({ ...q, theme })));
            }}
          />
        </SimpleGrid>
        <TranslatedInput
          label={t('templates.editor.questionText')}
          path={`${path}.text`}
          value={question.text}
          languages={ctx.languages}
          errors={errors}
          multiline
          required
          onChange={(l, v) => change((x) => edit.setQuestionText(x, si, qi, l, v))}
        />
        <TranslatedInput
          label={t('templates.editor.guidance')}
          path={`${path}.guidance`}
          value={question.guidance}
          languages={ctx.languages}
          errors={errors}
          multiline
          onChange={(l, v) => change((x) => edit.setQuestionGuidance(x, si, qi, l, v))}
        />
        <Group align="flex-start">
          <Checkbox
            label={t('templates.editor.required')}
            checked={question.required}
            error={errors[`${path}.required`]}
            onChange={(e) => {
              const required = e.currentTarget.checked;
              change((x) => edit.updateQuestion(x, si, qi, (q) => ({ ...q, required })));
            }}
          />
          <Checkbox
            label={t('templates.editor.notApplicable')}
            checked={question.notApplicableAllowed ?? false}
            error={errors[`${path}.notApplicableAllowed`]}
            onChange={(e) => {
              const allowed = e.currentTarget.checked;
              change((x) => edit.setQuestionField(x, si, qi, 'notApplicableAllowed', allowed || undefined));
            }}
          />
        </Group>
        {(weighted || question.weight !== undefined) && (
          <NumberInput
            label={t('templates.editor.weight')}
            description={t('templates.editor.weightHint')}
            min={0}
            max={1000}
            w={200}
            value={question.weight ?? ''}
            error={errors[`${path}.weight`]}
            onChange={(v) => change((x) => edit.setQuestionField(x, si, qi, 'weight', v === '' ? undefined : Number(v)))}
          />
        )}
        {edit.isChoice(question.type) && <OptionsEditor ctx={ctx} question={question} si={si} qi={qi} errors={errors} change={change} readOnly={readOnly} />}
        {question.type === 'number' && <NumberEditor ctx={ctx} question={question} si={si} qi={qi} errors={errors} change={change} readOnly={readOnly} />}
        {question.type === 'country_list' && <CountriesEditor ctx={ctx} question={question} si={si} qi={qi} errors={errors} change={change} />}
        <EvidenceEditor ctx={ctx} question={question} si={si} qi={qi} errors={errors} change={change} />
        <ConditionEditor ctx={ctx} question={question} si={si} qi={qi} errors={errors} change={change} />
      </Stack>
    </Paper>
  );
}, sameProps);

function ColourSelect({ label, value, allowNone, error, onChange }: { label: string; value: Colour | undefined; allowNone: boolean; error?: string; onChange: (colour: Colour | undefined) => void }) {
  const { t } = useTranslation();
  const data = [...(allowNone ? [{ value: '', label: t('templates.colour.none') }] : []), ...COLOURS.map((c) => ({ value: c, label: t(`colour.${c}`) }))];
  return <NativeSelect label={label} value={value ?? ''} data={data} error={error} onChange={(e) => onChange((e.currentTarget.value || undefined) as Colour | undefined)} />;
}

function OptionsEditor({ ctx, question, si, qi, errors, change, readOnly }: QuestionProps & { readOnly: boolean }) {
  const { t } = useTranslation();
  const path = `sections[${si}].questions[${qi}]`;
  const options = question.options ?? [];
  const yesNo = question.type === 'yes_no';
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" fw={600}>
        {t('templates.editor.options')}
      </Text>
      <FieldError message={errors[`${path}.options`]} />
      {options.map((option, oi) => {
        const op = `${path}.options[${oi}]`;
        const name = t('templates.editor.optionName', { value: option.value || oi + 1 });
        return (
          <Paper key={oi} withBorder p="xs" aria-label={name} component="div" role="group">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t('templates.editor.optionValue')}
                  description={yesNo ? undefined : t('templates.editor.optionValueHint')}
                  required
                  readOnly={yesNo}
                  value={option.value}
                  error={errors[`${op}.value`]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    change((x) => edit.setOptionValue(x, si, qi, oi, value));
                  }}
                />
                {!readOnly && !yesNo && (
                  <MoveButtons
                    idPrefix={`tpl-s${si}-q${qi}-o${oi}`}
                    index={oi}
                    count={options.length}
                    name={name}
                    onMove={(to) => change((x) => edit.moveOption(x, si, qi, oi, to))}
                    onRemove={() => change((x) => edit.removeOption(x, si, qi, oi))}
                  />
                )}
              </Group>
              <FieldError message={errors[op]} />
              <TranslatedInput
                label={t('templates.editor.optionLabel')}
                path={`${op}.label`}
                value={option.label}
                languages={ctx.languages}
                errors={errors}
                required
                onChange={(l, v) => change((x) => edit.setOptionLabel(x, si, qi, oi, l, v))}
              />
              <Group align="flex-end">
                <ColourSelect
                  label={t('templates.editor.colour')}
                  value={option.colour}
                  allowNone
                  error={errors[`${op}.colour`]}
                  onChange={(colour) => change((x) => edit.setOptionColour(x, si, qi, oi, colour))}
                />
                <Checkbox
                  label={t('templates.editor.redFlag')}
                  description={t('templates.editor.redFlagHint')}
                  checked={option.redFlag ?? false}
                  error={errors[`${op}.redFlag`]}
                  onChange={(e) => {
                    const flag = e.currentTarget.checked;
                    change((x) => edit.setOptionRedFlag(x, si, qi, oi, flag));
                  }}
                />
              </Group>
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && !yesNo && (
        <Button variant="subtle" w="fit-content" onClick={() => change((x) => edit.addOption(x, si, qi))}>
          {t('templates.editor.addOption')}
        </Button>
      )}
    </Stack>
  );
}

function optionalNumber(v: string | number): number | undefined {
  return v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
}

function NumberEditor({ question, si, qi, errors, change, readOnly }: QuestionProps & { readOnly: boolean }) {
  const { t } = useTranslation();
  const path = `sections[${si}].questions[${qi}]`;
  const ranges = question.ranges ?? [];
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('templates.editor.unit')}
          value={question.unit ?? ''}
          error={errors[`${path}.unit`]}
          onChange={(e) => {
            const unit = e.currentTarget.value;
            change((x) => edit.setQuestionField(x, si, qi, 'unit', unit || undefined));
          }}
        />
        <NumberInput label={t('templates.editor.min')} value={question.min ?? ''} error={errors[`${path}.min`]} onChange={(v) => change((x) => edit.setQuestionField(x, si, qi, 'min', optionalNumber(v)))} />
        <NumberInput label={t('templates.editor.max')} value={question.max ?? ''} error={errors[`${path}.max`]} onChange={(v) => change((x) => edit.setQuestionField(x, si, qi, 'max', optionalNumber(v)))} />
      </SimpleGrid>
      <Checkbox
        label={t('templates.editor.integer')}
        checked={question.integer ?? false}
        error={errors[`${path}.integer`]}
        onChange={(e) => {
          const integer = e.currentTarget.checked;
          change((x) => edit.setQuestionField(x, si, qi, 'integer', integer || undefined));
        }}
      />
      <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" fw={600}>
          {t('templates.editor.ranges')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('templates.editor.rangesHint')}
        </Text>
        <FieldError message={errors[`${path}.ranges`]} />
        {ranges.map((range, ri) => {
          const rp = `${path}.ranges[${ri}]`;
          const name = t('templates.editor.rangeName', { n: ri + 1 });
          return (
            <Group key={ri} align="flex-end" role="group" aria-label={name}>
              <NumberInput
                label={t('templates.editor.rangeMin')}
                value={range.min ?? ''}
                error={errors[`${rp}.min`]}
                w={140}
                onChange={(v) => change((x) => edit.updateRange(x, si, qi, ri, { ...range, min: optionalNumber(v) }))}
              />
              <NumberInput
                label={t('templates.editor.rangeMax')}
                value={range.max ?? ''}
                error={errors[`${rp}.max`]}
                w={140}
                onChange={(v) => change((x) => edit.updateRange(x, si, qi, ri, { ...range, max: optionalNumber(v) }))}
              />
              <ColourSelect
                label={t('templates.editor.colour')}
                value={range.colour}
                allowNone={false}
                error={errors[`${rp}.colour`] ?? errors[rp]}
                onChange={(colour) => change((x) => edit.updateRange(x, si, qi, ri, { ...range, colour: colour ?? 'green', redFlag: colour === 'red' ? range.redFlag : undefined }))}
              />
              <Checkbox
                label={t('templates.editor.redFlag')}
                checked={range.redFlag ?? false}
                error={errors[`${rp}.redFlag`]}
                onChange={(e) => {
                  const flag = e.currentTarget.checked;
                  change((x) => edit.updateRange(x, si, qi, ri, flag ? { ...range, colour: 'red', redFlag: true } : { ...range, redFlag: undefined }));
                }}
              />
              {!readOnly && (
                <ActionIcon variant="subtle" color="red.8" aria-label={t('templates.editor.remove', { name })} onClick={() => change((x) => edit.removeRange(x, si, qi, ri))}>
                  <span aria-hidden>✕</span>
                </ActionIcon>
              )}
            </Group>
          );
        })}
        {!readOnly && (
          <Button variant="subtle" w="fit-content" onClick={() => change((x) => edit.addRange(x, si, qi))}>
            {t('templates.editor.addRange')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

/** ISO codes typed as a list ("FR, DE"): kept as typed while editing, parsed when leaving the field. */
function CodesInput({ label, value, error, onChange }: { label: string; value: string[] | undefined; error?: string; onChange: (codes: string[] | undefined) => void }) {
  const { t } = useTranslation();
  const joined = (value ?? []).join(', ');
  const [text, setText] = useState(joined);
  const [lastJoined, setLastJoined] = useState(joined);
  if (joined !== lastJoined) {
    setLastJoined(joined);
    setText(joined);
  }
  return (
    <TextInput
      label={label}
      description={t('templates.editor.countriesHint')}
      value={text}
      error={error}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={() => {
        const codes = text
          .split(/[\s,;]+/)
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean);
        onChange(codes.length > 0 ? codes : undefined);
      }}
    />
  );
}

function CountriesEditor({ question, si, qi, errors, change }: QuestionProps) {
  const { t } = useTranslation();
  const path = `sections[${si}].questions[${qi}].countries`;
  const rule = question.countries ?? {};
  const set = (next: typeof rule) => {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    change((x) => edit.setQuestionField(x, si, qi, 'countries', Object.keys(clean).length > 0 ? clean : undefined));
  };
  return (
    <Stack gap="xs">
      <FieldError message={errors[path]} />
      <CodesInput label={t('templates.editor.countriesRed')} value={rule.red} error={errors[`${path}.red`]} onChange={(red) => set({ ...rule, red })} />
      <CodesInput label={t('templates.editor.countriesAmber')} value={rule.amber} error={errors[`${path}.amber`]} onChange={(amber) => set({ ...rule, amber })} />
      <ColourSelect label={t('templates.editor.countriesOtherwise')} value={rule.otherwise} allowNone error={errors[`${path}.otherwise`]} onChange={(otherwise) => set({ ...rule, otherwise })} />
    </Stack>
  );
}

function OptionChecks({ label, options, value, error, onChange }: { label: string; options: Array<{ value: string; label: string }>; value: string[]; error?: string; onChange: (values: string[]) => void }): ReactNode {
  return (
    <Checkbox.Group label={label} value={value} error={error} onChange={onChange}>
      <Group mt={4}>
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function optionLabels(question: QuestionDefinition | undefined, language: string): Array<{ value: string; label: string }> {
  return (question?.options ?? []).map((o) => ({ value: o.value, label: (o.label as Record<string, string | undefined>)[language] || o.value }));
}

function EvidenceEditor({ ctx, question, si, qi, errors, change }: QuestionProps) {
  const { t, i18n } = useTranslation();
  const path = `sections[${si}].questions[${qi}].evidence`;
  const required = evidenceRuleOf(question).required;
  const choices = (question.type === 'file' ? ['always'] : edit.isChoice(question.type) ? ['never', 'always', 'when'] : ['never', 'always']) as Array<'never' | 'always' | 'when'>;
  const language = ctx.languages.includes(i18n.language as TemplateLanguage) ? i18n.language : ctx.languages[0];
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('templates.editor.evidence')}
        value={required}
        error={errors[`${path}.required`] ?? errors[path]}
        data={choices.map((c) => ({ value: c, label: t(`templates.evidence.${c}`) }))}
        onChange={(e) => {
          const value = e.currentTarget.value as 'never' | 'always' | 'when';
          change((x) => edit.setEvidence(x, si, qi, value === 'never' ? undefined : value === 'always' ? { required: 'always' } : { required: 'when', anyOf: [] }));
        }}
      />
      {question.evidence?.required === 'when' && (
        <OptionChecks
          label={t('templates.editor.evidenceWhen')}
          options={optionLabels(question, language)}
          value={question.evidence.anyOf}
          error={errors[`${path}.anyOf`]}
          onChange={(anyOf) => change((x) => edit.setEvidence(x, si, qi, { required: 'when', anyOf }))}
        />
      )}
    </Stack>
  );
}

function ConditionEditor({ ctx, question, si, qi, errors, change }: QuestionProps) {
  const { t, i18n } = useTranslation();
  const path = `sections[${si}].questions[${qi}].condition`;
  const candidates = ctx.choiceQuestions.filter((q) => q.code !== question.code && q.code);
  const condition = question.condition;
  const target = candidates.find((q) => q.code === condition?.questionCode);
  const language = ctx.languages.includes(i18n.language as TemplateLanguage) ? i18n.language : ctx.languages[0];
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('templates.editor.condition')}
        description={t('templates.editor.conditionHint')}
        value={condition?.questionCode ?? ''}
        error={errors[`${path}.questionCode`] ?? errors[path]}
        data={[
          { value: '', label: t('templates.editor.conditionAlways') },
          ...(condition && !target ? [{ value: condition.questionCode, label: condition.questionCode }] : []),
          ...candidates.map((q) => ({ value: q.code, label: q.code })),
        ]}
        onChange={(e) => {
          const code = e.currentTarget.value;
          change((x) => edit.setCondition(x, si, qi, code ? { questionCode: code, anyOf: [] } : undefined));
        }}
      />
      {condition && (
        <OptionChecks
          label={t('templates.editor.conditionAnswers', { code: condition.questionCode })}
          options={optionLabels(target, language)}
          value={condition.anyOf}
          error={errors[`${path}.anyOf`]}
          onChange={(anyOf) => change((x) => edit.setCondition(x, si, qi, { questionCode: condition.questionCode, anyOf }))}
        />
      )}
    </Stack>
  );
}
