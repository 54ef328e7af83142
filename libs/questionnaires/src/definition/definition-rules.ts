import isISO31661Alpha2 from 'validator/lib/isISO31661Alpha2';
import type { AnswerType, EvidenceRule, QuestionDefinition, RatedColour, TemplateDefinition } from './template-definition';

/** Section and question codes: a capital letter, then up to 39 capitals, digits, `_`, `.` or `-`. */
export const CODE_PATTERN = /^[A-Z][A-Z0-9_.-]{0,39}$/;
/** Option values as stored in answers. */
export const OPTION_VALUE_PATTERN = /^[a-z0-9_]{1,40}$/;
const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

/** The bounds of a template definition and of its answers. */
export const TEMPLATE_LIMITS = {
  sections: 100,
  questionsPerSection: 300,
  questions: 1000,
  options: 100,
  ranges: 50,
  /** Entries of a country list (there are 249 ISO 3166-1 codes). */
  countries: 250,
  titleLength: 200,
  textLength: 2000,
  guidanceLength: 5000,
  unitLength: 20,
  weight: 1000,
  answerTextLength: 5000,
} as const;

export const CHOICE_TYPES = ['yes_no', 'single_choice', 'multiple_choice'] as const satisfies readonly AnswerType[];
export type ChoiceType = (typeof CHOICE_TYPES)[number];

/** Question types whose answer is one or more option values. */
export function isChoiceType(type: AnswerType): type is ChoiceType {
  return (CHOICE_TYPES as readonly AnswerType[]).includes(type);
}

/** An ISO 3166-1 alpha-2 code of a real country, in capitals (FR, not fr). */
export function isCountryCode(code: string): boolean {
  return COUNTRY_CODE_PATTERN.test(code) && isISO31661Alpha2(code);
}

/** The evidence rule that applies: a file question needs its file unless it says otherwise. */
export function evidenceRuleOf(question: QuestionDefinition): EvidenceRule {
  return question.evidence ?? { required: question.type === 'file' ? 'always' : 'never' };
}

/** Every question of the template, in template order. */
export function questionsOf(definition: TemplateDefinition): QuestionDefinition[] {
  return definition.sections.flatMap((section) => section.questions);
}

const SEVERITY: Record<RatedColour, number> = { grey: 0, green: 1, amber: 2, red: 3 };

/** How bad a colour is: grey (no colour) < green < amber < red. */
export function severityOf(colour: RatedColour): number {
  return SEVERITY[colour];
}

/** The worst of the colours; grey when there is none or all are grey. */
export function worstColour(colours: Iterable<RatedColour>): RatedColour {
  let worst: RatedColour = 'grey';
  for (const colour of colours) if (SEVERITY[colour] > SEVERITY[worst]) worst = colour;
  return worst;
}
