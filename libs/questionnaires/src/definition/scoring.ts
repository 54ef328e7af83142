import { StoredAnswer, isAnswered, visibleQuestionCodes } from './conditions';
import { worstColour } from './definition-rules';
import type { AnswerType, Colour, CountryRule, QuestionDefinition, RatedColour, ScoringDefinition, TemplateDefinition } from './template-definition';

export interface AnswerRating {
  questionCode: string;
  colour: RatedColour;
  redFlag: boolean;
}

export interface SectionRating {
  sectionCode: string;
  colour: RatedColour;
  /** Weighted method: 0-100 with one decimal, null when no answer carries a colour and a weight. */
  score: number | null;
  /** Questions asked that have an answer (not applicable included). */
  answered: number;
  /** Questions asked (those hidden by a condition are not). */
  total: number;
}

export interface AssessmentRating {
  colour: RatedColour;
  score: number | null;
  redFlags: number;
  /** One per question of the template, in template order (hidden questions are grey). */
  answers: AnswerRating[];
  sections: SectionRating[];
}

/** The points of a colour in the weighted roll-up. */
export const COLOUR_POINTS: Record<Colour, number> = { green: 100, amber: 50, red: 0 };

type Rated = Omit<AnswerRating, 'questionCode'>;
type Rater = (question: QuestionDefinition, value: NonNullable<StoredAnswer['value']>) => Rated;

const GREY: Rated = { colour: 'grey', redFlag: false };

/** The colour of one answer, regardless of whether its question is asked (see `rateAssessment`). */
export function rateAnswer(question: QuestionDefinition, answer: StoredAnswer | undefined): AnswerRating {
  const rated = answer === undefined || answer.notApplicable || answer.value === null ? GREY : RATERS[question.type](question, answer.value);
  return { questionCode: question.code, ...rated };
}

const RATERS: Record<AnswerType, Rater> = {
  yes_no: rateChoice,
  single_choice: rateChoice,
  multiple_choice: rateChoice,
  number: rateNumber,
  country_list: rateCountries,
  text: () => GREY,
  date: () => GREY,
  file: () => GREY,
};

/** The worst colour of the chosen options (one for yes_no and single_choice); a red flag is red. */
function rateChoice(question: QuestionDefinition, value: NonNullable<StoredAnswer['value']>): Rated {
  const chosen = Array.isArray(value) ? value : [value];
  const options = (question.options ?? []).filter((option) => chosen.includes(option.value));
  const redFlag = options.some((option) => option.redFlag === true);
  return { colour: redFlag ? 'red' : worstColour(options.map((option) => option.colour ?? 'grey')), redFlag };
}

/** The first range with min <= value < max. */
function rateNumber(question: QuestionDefinition, value: NonNullable<StoredAnswer['value']>): Rated {
  if (typeof value !== 'number') return GREY;
  const range = question.ranges?.find(({ min, max }) => (min === undefined || value >= min) && (max === undefined || value < max));
  if (!range) return GREY;
  return range.redFlag ? { colour: 'red', redFlag: true } : { colour: range.colour, redFlag: false };
}

/** The worst colour among the countries listed (see `CountryRule`). */
function rateCountries(question: QuestionDefinition, value: NonNullable<StoredAnswer['value']>): Rated {
  const rule = question.countries;
  if (!rule || !Array.isArray(value)) return GREY;
  return { colour: worstColour(value.map((country) => countryColour(rule, country))), redFlag: false };
}

function countryColour(rule: CountryRule, country: string): RatedColour {
  if (rule.red?.includes(country)) return 'red';
  if (rule.amber?.includes(country)) return 'amber';
  return rule.otherwise ?? 'grey';
}

/** An answer counted in a roll-up: asked, with the weight of its question. */
interface Counted {
  rating: AnswerRating;
  weight: number;
}

/**
 * Rates the assessment over the questions asked. `worst`: the worst answer colour, per section and
 * overall. `weighted`: green 100, amber 50, red 0 averaged by weight, per section and overall (the
 * overall average is over all answers, not over the sections), coloured by the thresholds. With
 * either method a red-flag answer makes its section and the whole assessment red.
 */
export function rateAssessment(definition: TemplateDefinition, answers: ReadonlyMap<string, StoredAnswer>): AssessmentRating {
  const visible = visibleQuestionCodes(definition, answers);
  const ratings: AnswerRating[] = [];
  const counted: Counted[] = [];
  const sections = definition.sections.map((section): SectionRating => {
    const asked: Counted[] = [];
    let answered = 0;
    for (const question of section.questions) {
      if (!visible.has(question.code)) {
        ratings.push({ questionCode: question.code, ...GREY });
        continue;
      }
      const answer = answers.get(question.code);
      const rating = rateAnswer(question, answer);
      ratings.push(rating);
      asked.push({ rating, weight: question.weight ?? 1 });
      if (isAnswered(question, answer)) answered += 1;
    }
    counted.push(...asked);
    return { sectionCode: section.code, ...rollUp(asked, definition.scoring), answered, total: asked.length };
  });
  const redFlags = counted.filter(({ rating }) => rating.redFlag).length;
  return { ...rollUp(counted, definition.scoring), redFlags, answers: ratings, sections };
}

function rollUp(counted: readonly Counted[], scoring: ScoringDefinition): { colour: RatedColour; score: number | null } {
  const redFlag = counted.some(({ rating }) => rating.redFlag);
  if (scoring.method === 'worst') return { colour: redFlag ? 'red' : worstColour(counted.map(({ rating }) => rating.colour)), score: null };
  const score = weightedScore(counted);
  return { colour: redFlag ? 'red' : colourOfScore(score, scoring.amberBelow, scoring.redBelow), score };
}

/** The weighted average of the points of the coloured answers with a weight, to one decimal. */
function weightedScore(counted: readonly Counted[]): number | null {
  let points = 0;
  let weights = 0;
  for (const { rating, weight } of counted) {
    if (rating.colour === 'grey' || weight <= 0) continue;
    points += weight * COLOUR_POINTS[rating.colour];
    weights += weight;
  }
  return weights > 0 ? Math.round((points / weights) * 10) / 10 : null;
}

function colourOfScore(score: number | null, amberBelow: number, redBelow: number): RatedColour {
  if (score === null) return 'grey';
  if (score < redBelow) return 'red';
  return score < amberBelow ? 'amber' : 'green';
}
