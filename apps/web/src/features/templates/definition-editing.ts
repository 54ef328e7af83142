import {
  type AnswerType,
  CHOICE_TYPES,
  type EvidenceRule,
  type NumberRange,
  type OptionDefinition,
  type QuestionCondition,
  type QuestionDefinition,
  type ScoringDefinition,
  type SectionDefinition,
  type TemplateDefinition,
  type TemplateLanguage,
  type Translated,
} from '@ddp/definition';

/**
 * Immutable edits of a template definition, for the editor. Every function answers a new
 * definition and leaves its input untouched; indexes out of range change nothing.
 */

export function isChoice(type: AnswerType): boolean {
  return (CHOICE_TYPES as readonly AnswerType[]).includes(type);
}

/** `text` with the same languages as the template: missing ones empty, others dropped. */
function translatedFor(languages: readonly TemplateLanguage[], text: Translated = {}): Translated {
  return Object.fromEntries(languages.map((l) => [l, text[l] ?? ''])) as Translated;
}

const YES: Translated = { fr: 'Oui', nl: 'Ja', en: 'Yes' };
const NO: Translated = { fr: 'Non', nl: 'Nee', en: 'No' };

export function emptyDefinition(languages: TemplateLanguage[] = ['fr', 'nl', 'en']): TemplateDefinition {
  return { languages, title: translatedFor(languages), scoring: { method: 'worst' }, sections: [] };
}

export function setTranslation<T extends Translated | undefined>(text: T, language: TemplateLanguage, value: string): Translated {
  return { ...(text ?? {}), [language]: value };
}

function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

function replaceAt<T>(list: readonly T[], index: number, update: (item: T) => T): T[] {
  return list.map((item, i) => (i === index ? update(item) : item));
}

function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

// ---------- the template ----------

export function setTitle(d: TemplateDefinition, language: TemplateLanguage, value: string): TemplateDefinition {
  return { ...d, title: setTranslation(d.title, language, value) };
}

/** The description: all languages empty removes it (it is optional). */
export function setDescription(d: TemplateDefinition, language: TemplateLanguage, value: string): TemplateDefinition {
  const description = setTranslation(d.description, language, value);
  const { description: _, ...rest } = d;
  return Object.values(description).every((v) => !v) ? rest : { ...d, description: translatedFor(d.languages, description) };
}

export function setScoring(d: TemplateDefinition, scoring: ScoringDefinition): TemplateDefinition {
  return { ...d, scoring };
}

/** Changes the languages: every text gets an (empty) entry for a new language; a dropped language's texts go. */
export function setLanguages(d: TemplateDefinition, languages: TemplateLanguage[]): TemplateDefinition {
  const ordered = (['fr', 'nl', 'en'] as const).filter((l) => languages.includes(l));
  const tr = (text: Translated): Translated => translatedFor(ordered, text);
  const trOpt = (text: Translated | undefined): Translated | undefined => text && tr(text);
  return stripUndefined({
    ...d,
    languages: ordered,
    title: tr(d.title),
    description: trOpt(d.description),
    sections: d.sections.map((s) =>
      stripUndefined({
        ...s,
        title: tr(s.title),
        description: trOpt(s.description),
        questions: s.questions.map((q) =>
          stripUndefined({
            ...q,
            text: tr(q.text),
            guidance: trOpt(q.guidance),
            options: q.options?.map((o) => ({ ...o, label: tr(o.label) })),
          }),
        ),
      }),
    ),
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------- sections ----------

/** The first code of the form `${prefix}${n}` (n from 1) not in `taken`. */
export function nextCode(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function addSection(d: TemplateDefinition): TemplateDefinition {
  const code = nextCode('S', d.sections.map((s) => s.code));
  const section: SectionDefinition = { code, title: translatedFor(d.languages), questions: [] };
  return { ...d, sections: [...d.sections, section] };
}

export function updateSection(d: TemplateDefinition, index: number, update: (s: SectionDefinition) => SectionDefinition): TemplateDefinition {
  return { ...d, sections: replaceAt(d.sections, index, update) };
}

export function setSectionCode(d: TemplateDefinition, index: number, code: string): TemplateDefinition {
  return updateSection(d, index, (s) => ({ ...s, code }));
}

export function setSectionTitle(d: TemplateDefinition, index: number, language: TemplateLanguage, value: string): TemplateDefinition {
  return updateSection(d, index, (s) => ({ ...s, title: setTranslation(s.title, language, value) }));
}

/** A section's description: all languages empty removes it. */
export function setSectionDescription(d: TemplateDefinition, index: number, language: TemplateLanguage, value: string): TemplateDefinition {
  return updateSection(d, index, (s) => {
    const description = setTranslation(s.description, language, value);
    const { description: _, ...rest } = s;
    return Object.values(description).every((v) => !v) ? rest : { ...s, description: translatedFor(d.languages, description) };
  });
}

export function moveSection(d: TemplateDefinition, from: number, to: number): TemplateDefinition {
  return { ...d, sections: move(d.sections, from, to) };
}

export function removeSection(d: TemplateDefinition, index: number): TemplateDefinition {
  return { ...d, sections: removeAt(d.sections, index) };
}

// ---------- questions ----------

export function allQuestionCodes(d: TemplateDefinition): string[] {
  return d.sections.flatMap((s) => s.questions.map((q) => q.code));
}

export function yesNoOptions(languages: readonly TemplateLanguage[]): OptionDefinition[] {
  return [
    { value: 'yes', label: translatedFor(languages, YES) },
    { value: 'no', label: translatedFor(languages, NO) },
  ];
}

export function addQuestion(d: TemplateDefinition, sectionIndex: number): TemplateDefinition {
  const section = d.sections[sectionIndex];
  if (!section) return d;
  const code = nextCode(`${section.code}-`, allQuestionCodes(d));
  const question: QuestionDefinition = {
    code,
    theme: 'other',
    type: 'yes_no',
    text: translatedFor(d.languages),
    required: true,
    options: yesNoOptions(d.languages),
  };
  return updateSection(d, sectionIndex, (s) => ({ ...s, questions: [...s.questions, question] }));
}

export function updateQuestion(d: TemplateDefinition, sectionIndex: number, questionIndex: number, update: (q: QuestionDefinition) => QuestionDefinition): TemplateDefinition {
  return updateSection(d, sectionIndex, (s) => ({ ...s, questions: replaceAt(s.questions, questionIndex, update) }));
}

/** Renames a question and the conditions that name it. */
export function setQuestionCode(d: TemplateDefinition, sectionIndex: number, questionIndex: number, code: string): TemplateDefinition {
  const old = d.sections[sectionIndex]?.questions[questionIndex]?.code;
  if (old === undefined) return d;
  const renamed = updateQuestion(d, sectionIndex, questionIndex, (q) => ({ ...q, code }));
  if (!old) return renamed;
  return {
    ...renamed,
    sections: renamed.sections.map((s) => ({
      ...s,
      questions: s.questions.map((q) => (q.condition?.questionCode === old ? { ...q, condition: { ...q.condition, questionCode: code } } : q)),
    })),
  };
}

export function moveQuestion(d: TemplateDefinition, sectionIndex: number, from: number, to: number): TemplateDefinition {
  return updateSection(d, sectionIndex, (s) => ({ ...s, questions: move(s.questions, from, to) }));
}

export function removeQuestion(d: TemplateDefinition, sectionIndex: number, questionIndex: number): TemplateDefinition {
  return updateSection(d, sectionIndex, (s) => ({ ...s, questions: removeAt(s.questions, questionIndex) }));
}

/** Changes the answer type, keeping what fits the new type and dropping the fields of the old one. */
export function setQuestionType(d: TemplateDefinition, sectionIndex: number, questionIndex: number, type: AnswerType): TemplateDefinition {
  return updateQuestion(d, sectionIndex, questionIndex, (q) => {
    const { options, unit, min, max, integer, ranges, countries, evidence, ...rest } = q;
    const next: QuestionDefinition = { ...rest, type };
    if (type === 'yes_no') next.options = q.type === 'yes_no' && options ? options : yesNoOptions(d.languages);
    else if (isChoice(type)) {
      const kept = q.type !== 'yes_no' && options ? options : [];
      next.options = kept.length > 0 ? kept : [newOption(d.languages, []), newOption(d.languages, ['option_1'])];
    }
    if (type === 'number') Object.assign(next, stripUndefined({ unit, min, max, integer, ranges }));
    if (type === 'country_list' && countries) next.countries = countries;
    if (evidence && !(evidence.required === 'when' && !isChoice(type)) && !(evidence.required === 'never' && type === 'file')) next.evidence = evidence;
    if (type === 'file') next.evidence = { required: 'always' };
    return next;
  });
}

export function setQuestionText(d: TemplateDefinition, s: number, q: number, language: TemplateLanguage, value: string): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, text: setTranslation(question.text, language, value) }));
}

/** Guidance: all languages empty removes it. */
export function setQuestionGuidance(d: TemplateDefinition, s: number, q: number, language: TemplateLanguage, value: string): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const guidance = setTranslation(question.guidance, language, value);
    const { guidance: _, ...rest } = question;
    return Object.values(guidance).every((v) => !v) ? rest : { ...question, guidance: translatedFor(d.languages, guidance) };
  });
}

export function setCondition(d: TemplateDefinition, s: number, q: number, condition: QuestionCondition | undefined): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const { condition: _, ...rest } = question;
    return condition ? { ...rest, condition } : rest;
  });
}

export function setEvidence(d: TemplateDefinition, s: number, q: number, evidence: EvidenceRule | undefined): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const { evidence: _, ...rest } = question;
    return evidence ? { ...rest, evidence } : rest;
  });
}

/** Sets (or with undefined removes) an optional field of a question, such as weight, unit, min or max. */
export function setQuestionField<K extends 'weight' | 'unit' | 'min' | 'max' | 'integer' | 'notApplicableAllowed' | 'countries'>(
  d: TemplateDefinition,
  s: number,
  q: number,
  key: K,
  value: QuestionDefinition[K] | undefined,
): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const copy = { ...question };
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  });
}

// ---------- options ----------

function newOption(languages: readonly TemplateLanguage[], taken: readonly string[]): OptionDefinition {
  return { value: nextCode('option_', taken), label: translatedFor(languages) };
}

export function addOption(d: TemplateDefinition, s: number, q: number): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const options = question.options ?? [];
    return { ...question, options: [...options, newOption(d.languages, options.map((o) => o.value))] };
  });
}

export function updateOption(d: TemplateDefinition, s: number, q: number, o: number, update: (option: OptionDefinition) => OptionDefinition): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, options: replaceAt(question.options ?? [], o, update) }));
}

export function setOptionLabel(d: TemplateDefinition, s: number, q: number, o: number, language: TemplateLanguage, value: string): TemplateDefinition {
  return updateOption(d, s, q, o, (option) => ({ ...option, label: setTranslation(option.label, language, value) }));
}

/** The colour of a choice (undefined: none). A red flag is always red, so another colour drops it. */
export function setOptionColour(d: TemplateDefinition, s: number, q: number, o: number, colour: OptionDefinition['colour']): TemplateDefinition {
  return updateOption(d, s, q, o, ({ colour: _, redFlag, ...rest }) => stripUndefined({ ...rest, colour, redFlag: colour === 'red' ? redFlag : undefined }));
}

/** A red flag makes the choice red. */
export function setOptionRedFlag(d: TemplateDefinition, s: number, q: number, o: number, redFlag: boolean): TemplateDefinition {
  return updateOption(d, s, q, o, ({ redFlag: _, ...rest }) => (redFlag ? { ...rest, colour: 'red', redFlag: true } : rest));
}

/** Renames an option value, and the conditions and evidence rules that name it. */
export function setOptionValue(d: TemplateDefinition, s: number, q: number, o: number, value: string): TemplateDefinition {
  const question = d.sections[s]?.questions[q];
  const old = question?.options?.[o]?.value;
  if (!question || old === undefined) return d;
  const rename = (values: string[]) => values.map((v) => (v === old ? value : v));
  let next = updateOption(d, s, q, o, (option) => ({ ...option, value }));
  next = updateQuestion(next, s, q, (qu) => (qu.evidence?.required === 'when' ? { ...qu, evidence: { required: 'when', anyOf: rename(qu.evidence.anyOf) } } : qu));
  return {
    ...next,
    sections: next.sections.map((sec) => ({
      ...sec,
      questions: sec.questions.map((qu) => (qu.condition?.questionCode === question.code ? { ...qu, condition: { ...qu.condition, anyOf: rename(qu.condition.anyOf) } } : qu)),
    })),
  };
}

export function moveOption(d: TemplateDefinition, s: number, q: number, from: number, to: number): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, options: move(question.options ?? [], from, to) }));
}

export function removeOption(d: TemplateDefinition, s: number, q: number, o: number): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, options: removeAt(question.options ?? [], o) }));
}

// ---------- number ranges ----------

export function addRange(d: TemplateDefinition, s: number, q: number): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, ranges: [...(question.ranges ?? []), { colour: 'green' }] }));
}

export function updateRange(d: TemplateDefinition, s: number, q: number, r: number, range: NumberRange): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => ({ ...question, ranges: replaceAt(question.ranges ?? [], r, () => stripUndefined(range)) }));
}

export function removeRange(d: TemplateDefinition, s: number, q: number, r: number): TemplateDefinition {
  return updateQuestion(d, s, q, (question) => {
    const ranges = removeAt(question.ranges ?? [], r);
    const { ranges: _, ...rest } = question;
    return ranges.length > 0 ? { ...question, ranges } : rest;
  });
}

// ---------- errors ----------

/** The API names fields `definition.sections[0].questions[2].text.fr`; the editor names them without the prefix. */
export function editorField(apiField: string): string {
  return apiField.replace(/^definition\.?/, '');
}

/** Errors by editor field, the first message of each. */
export function errorsByField(errors: ReadonlyArray<{ field: string; message: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[editorField(e.field)] ??= e.message;
  return out;
}

/** Every field the editor shows an error next to, for the definition as it is. */
export function editorFields(d: TemplateDefinition): Set<string> {
  const fields = new Set<string>(['', 'languages', 'title', 'description', 'scoring', 'scoring.method', 'scoring.amberBelow', 'scoring.redBelow', 'sections']);
  const texts = (path: string) => {
    fields.add(path);
    for (const l of ['fr', 'nl', 'en']) fields.add(`${path}.${l}`);
  };
  texts('title');
  texts('description');
  d.languages.forEach((_, i) => fields.add(`languages[${i}]`));
  d.sections.forEach((section, si) => {
    const sp = `sections[${si}]`;
    [sp, `${sp}.code`, `${sp}.questions`].forEach((f) => fields.add(f));
    texts(`${sp}.title`);
    texts(`${sp}.description`);
    section.questions.forEach((question, qi) => {
      const qp = `${sp}.questions[${qi}]`;
      for (const key of ['', '.code', '.theme', '.type', '.required', '.notApplicableAllowed', '.weight', '.unit', '.min', '.max', '.integer', '.options', '.ranges', '.countries', '.evidence', '.evidence.required', '.evidence.anyOf', '.condition', '.condition.questionCode', '.condition.anyOf']) {
        fields.add(`${qp}${key}`);
      }
      texts(`${qp}.text`);
      texts(`${qp}.guidance`);
      question.options?.forEach((_, oi) => {
        const op = `${qp}.options[${oi}]`;
        [op, `${op}.value`, `${op}.colour`, `${op}.redFlag`].forEach((f) => fields.add(f));
        texts(`${op}.label`);
      });
      question.ranges?.forEach((_, ri) => {
        const rp = `${qp}.ranges[${ri}]`;
        [rp, `${rp}.min`, `${rp}.max`, `${rp}.colour`, `${rp}.redFlag`].forEach((f) => fields.add(f));
      });
    });
  });
  return fields;
}

/**
 * Errors a field of the editor shows: exact matches, plus deeper ones the editor has no input for
 * (`…evidence.anyOf[1]`, `…countries.red[0]`) shown at the nearest field it has.
 */
export function placeErrors(d: TemplateDefinition, errors: Record<string, string>): { placed: Record<string, string>; unplaced: Array<{ field: string; message: string }> } {
  const known = editorFields(d);
  const placed: Record<string, string> = {};
  const unplaced: Array<{ field: string; message: string }> = [];
  for (const [field, message] of Object.entries(errors)) {
    let at: string | undefined = field;
    while (at !== undefined && !known.has(at)) at = parentField(at);
    if (at === undefined || at === '') unplaced.push({ field, message });
    else placed[at] = placed[at] ? `${placed[at]}; ${message}` : message;
  }
  return { placed, unplaced };
}

function parentField(field: string): string | undefined {
  if (field === '') return undefined;
  const match = /^(.*?)(\[\d+\]|\.[^.[]+)$/.exec(field);
  return match ? match[1] : '';
}
