/**
 * The content of a questionnaire template version: sections, questions, colour rules and the
 * roll-up. Stored as JSON with the version; a published version is never changed. Everything
 * the supplier sees of the scoring is here: there is no hidden rule.
 */

export const TEMPLATE_LANGUAGES = ['fr', 'nl', 'en'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

/** A text in each of the template's languages (every language the template declares). */
export type Translated = Partial<Record<TemplateLanguage, string>>;

export const COLOURS = ['green', 'amber', 'red'] as const;
export type Colour = (typeof COLOURS)[number];
/** grey: not answered, not applicable, hidden by a condition, or a type that carries no colour. */
export type RatedColour = Colour | 'grey';

export const ANSWER_TYPES = ['yes_no', 'single_choice', 'multiple_choice', 'number', 'text', 'date', 'file', 'country_list'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const THEMES = [
  'forced_labour',
  'child_labour',
  'freedom_of_association',
  'non_discrimination',
  'working_hours_wages',
  'health_safety',
  'minerals',
  'environment',
  'circularity',
  'management_system',
  'site_disclosure',
  'labels',
  'other',
] as const;
export type Theme = (typeof THEMES)[number];

/** A choice of a yes_no, single_choice or multiple_choice question. yes_no has exactly `yes` and `no`. */
export interface OptionDefinition {
  /** Stable value stored in answers: `^[a-z0-9_]{1,40}$`. */
  value: string;
  label: Translated;
  /** The colour this choice gives; omitted: the choice carries no colour (grey). */
  colour?: Colour;
  /** A red-flag answer is always red and makes its section and the overall rating red, whatever the weights. */
  redFlag?: boolean;
}

/** A number range: min <= value < max (either bound may be omitted). The first matching range wins. */
export interface NumberRange {
  min?: number;
  max?: number;
  colour: Colour;
  redFlag?: boolean;
}

/** Colours of a country_list answer: the worst colour among the listed countries. */
export interface CountryRule {
  /** ISO 3166-1 alpha-2 codes that give amber. */
  amber?: string[];
  /** ISO 3166-1 alpha-2 codes that give red. */
  red?: string[];
  /** The colour of any other country; omitted: grey (no colour). */
  otherwise?: Colour;
}

/**
 * Shown only when the answer to `questionCode` (a yes_no, single_choice or multiple_choice question)
 * is one of `anyOf` (multiple choice: contains one of them). A question hidden by its condition is
 * not asked: not required, not scored, and an answer to it is ignored.
 */
export interface QuestionCondition {
  questionCode: string;
  anyOf: string[];
}

export type EvidenceRule = { required: 'never' } | { required: 'always' } | { required: 'when'; anyOf: string[] };

export interface QuestionDefinition {
  /** Stable across versions: `^[A-Z][A-Z0-9_.-]{0,39}$`, unique in the template. */
  code: string;
  theme: Theme;
  type: AnswerType;
  text: Translated;
  guidance?: Translated;
  required: boolean;
  /** Whether the supplier may answer "not applicable" (grey, counts as answered). */
  notApplicableAllowed?: boolean;
  evidence?: EvidenceRule;
  condition?: QuestionCondition;
  /** yes_no (exactly yes/no), single_choice and multiple_choice. */
  options?: OptionDefinition[];
  /** number only. */
  unit?: string;
  min?: number;
  max?: number;
  /** Whole numbers only (number type). */
  integer?: boolean;
  ranges?: NumberRange[];
  /** country_list only. */
  countries?: CountryRule;
  /** weighted roll-up: the weight of this question (>= 0, default 1). */
  weight?: number;
}

export interface SectionDefinition {
  /** Stable: `^[A-Z][A-Z0-9_.-]{0,39}$`, unique in the template. */
  code: string;
  title: Translated;
  description?: Translated;
  questions: QuestionDefinition[];
}

export type ScoringDefinition =
  | { method: 'worst' }
  | {
      method: 'weighted';
      /** A score (0-100) below this is amber. */
      amberBelow: number;
      /** A score below this is red; must be <= amberBelow. */
      redBelow: number;
    };

export interface TemplateDefinition {
  /** The languages every text is given in: at least one of fr, nl, en. */
  languages: TemplateLanguage[];
  title: Translated;
  description?: Translated;
  scoring: ScoringDefinition;
  sections: SectionDefinition[];
}

/**
 * An answer as stored: `value` by type — yes_no: 'yes' | 'no'; single_choice: option value;
 * multiple_choice: option values (distinct, at least one); number: finite number;
 * text: string (1..5000); date: 'YYYY-MM-DD'; file: null (the evidence is the answer);
 * country_list: ISO alpha-2 codes (distinct, at least one). `notApplicable` answers have value null.
 */
export type AnswerValue = string | number | string[] | null;

export interface AnswerInput {
  questionCode: string;
  value: AnswerValue;
  notApplicable?: boolean;
  comment?: string | null;
}

/**
 * A problem with one field (`sections[0].questions[2].code`): the same shape as `@ddp/core`'s
 * FieldError, declared here so that these rules import nothing from the API's core (the web
 * portal runs them in the browser).
 */
export interface DefinitionFieldError {
  field: string;
  message: string;
}
