import { AnswerValue, AssessmentRating, QuestionDefinition, rateAssessment, StoredAnswer, TemplateDefinition, visibleQuestionCodes } from '@ddp/questionnaires';
import type { Random } from './random';

export type RatedColour = 'green' | 'amber' | 'red';

/**
 * How a supplier answers: most suppliers are in good shape, a few are not. The colour wanted for an
 * answer averages 81 % green, 14 % amber, 5 % red over the profiles' shares; about 40 % of the
 * reference questions have no amber option (and some no red one), where green is given instead, so
 * the answers come out near 85 / 11 / 4.
 */
export const SUPPLIER_PROFILES = {
  good: { share: 60, colours: { green: 91, amber: 7, red: 2 } },
  medium: { share: 30, colours: { green: 70, amber: 22, red: 8 } },
  poor: { share: 10, colours: { green: 50, amber: 32, red: 18 } },
} as const;
export type SupplierProfile = keyof typeof SUPPLIER_PROFILES;

/** The values of one question that give each colour (a value can be drawn for any wanted colour). */
interface QuestionPlan {
  question: QuestionDefinition;
  byColour: Partial<Record<RatedColour | 'grey', AnswerValue[]>>;
}

export interface TemplatePlan {
  definition: TemplateDefinition;
  questions: QuestionPlan[];
}

const TEXTS = [
  'See the attached policy and the last audit report.',
  'Covered by our supplier code of conduct (version 2025) and the RBA Code.',
  'Monitored monthly by the site compliance team; results reported to the board.',
  'Managed by the group sustainability department in Taipei and Eindhoven.',
  'Corrective actions are tracked in our supplier portal until closure.',
];
const COMMENTS = [
  'Checked during the last third-party audit.',
  'Documents available on request.',
  'Figures for the last twelve months, all tier-1 sites.',
  'Improvement plan agreed with the site management.',
  'Data provided by our EMS partner.',
];

function push(map: QuestionPlan['byColour'], colour: RatedColour | 'grey', value: AnswerValue): void {
  (map[colour] ??= []).push(value);
}

function planQuestion(question: QuestionDefinition): QuestionPlan {
  const byColour: QuestionPlan['byColour'] = {};
  switch (question.type) {
    case 'yes_no':
    case 'single_choice':
    case 'multiple_choice':
      for (const option of question.options ?? []) {
        const colour = option.redFlag ? 'red' : (option.colour ?? 'grey');
        push(byColour, colour, question.type === 'multiple_choice' ? [option.value] : option.value);
      }
      break;
    case 'number':
      for (const range of question.ranges ?? []) {
        const low = range.min ?? Math.max(question.min ?? 0, (range.max ?? 1) - 10);
        const high = range.max === undefined ? low + 10 : range.max - (question.integer ? 1 : 0.5);
        const value = Math.max(question.min ?? 0, Math.round(((low + Math.max(low, high)) / 2) * (question.integer ? 1 : 10)) / (question.integer ? 1 : 10));
        push(byColour, range.redFlag ? 'red' : range.colour, Math.min(question.max ?? value, value));
      }
      if (!question.ranges?.length) push(byColour, 'grey', Math.max(question.min ?? 0, 40));
      break;
    case 'country_list': {
      const rule = question.countries;
      push(byColour, rule?.otherwise ?? 'grey', ['CN', 'VN', 'MY']);
      push(byColour, rule?.otherwise ?? 'grey', ['TW', 'CZ', 'MX']);
      if (rule?.amber?.length) push(byColour, 'amber', ['CN', rule.amber[0]]);
      if (rule?.red?.length) push(byColour, 'red', ['CN', rule.red[0]]);
      break;
    }
    case 'text':
      for (const text of TEXTS) push(byColour, 'grey', text);
      break;
    case 'date':
      push(byColour, 'grey', '2026-03-31');
      push(byColour, 'grey', '2025-11-15');
      break;
    case 'file':
      // Answered by uploading evidence; the generator writes no files.
      break;
  }
  return { question, byColour };
}

export function planTemplate(definition: TemplateDefinition): TemplatePlan {
  const questions = definition.sections.flatMap((s) => s.questions.map(planQuestion));
  return { definition, questions };
}

export interface GeneratedAnswers {
  answers: Map<string, StoredAnswer & { comment: string | null }>;
  rating: AssessmentRating;
}

/**
 * Answers of one revision: each question gets a value of the colour drawn for it (falling back to
 * what the question offers), `share` of the questions are answered (1 = all), questions hidden by
 * a condition are dropped, then the app's own scoring rates the whole.
 */
export function answerRevision(plan: TemplatePlan, profile: SupplierProfile, random: Random, share: number): GeneratedAnswers {
  const weights = SUPPLIER_PROFILES[profile].colours;
  const answers = new Map<string, StoredAnswer & { comment: string | null }>();
  for (const { question, byColour } of plan.questions) {
    if (share < 1 && !random.chance(share)) continue;
    const wanted = random.weighted(weights);
    const pool = byColour[wanted] ?? byColour.green ?? byColour.grey ?? byColour.amber ?? byColour.red;
    if (!pool) continue;
    const notApplicable = question.notApplicableAllowed === true && random.chance(0.03);
    answers.set(question.code, { value: notApplicable ? null : random.pick(pool), notApplicable, comment: random.chance(0.12) ? random.pick(COMMENTS) : null });
  }
  const visible = visibleQuestionCodes(plan.definition, answers);
  for (const code of [...answers.keys()]) if (!visible.has(code)) answers.delete(code);
  return { answers, rating: rateAssessment(plan.definition, answers) };
}
