import { answerMatches, isAnswered, StoredAnswer, visibleQuestionCodes } from './conditions';
import { evidenceRuleOf, questionsOf } from './definition-rules';
import type { QuestionDefinition, TemplateDefinition } from './template-definition';

export interface Incomplete {
  /** Codes of required questions without an answer, in template order. */
  missingAnswers: string[];
  /** Codes of answered questions whose answer needs evidence that is not there, in template order. */
  missingEvidence: string[];
}

/**
 * What keeps the assessment from being complete, over the questions asked (hidden ones never count).
 * A not-applicable answer counts as an answer and never needs evidence; a `file` question is answered
 * by its evidence.
 */
export function findIncomplete(
  definition: TemplateDefinition,
  answers: ReadonlyMap<string, StoredAnswer>,
  evidenceCodes: ReadonlySet<string>,
): Incomplete {
  const visible = visibleQuestionCodes(definition, answers);
  const incomplete: Incomplete = { missingAnswers: [], missingEvidence: [] };
  for (const question of questionsOf(definition)) {
    if (!visible.has(question.code)) continue;
    const answer = answers.get(question.code);
    const hasEvidence = evidenceCodes.has(question.code);
    const answered = question.type === 'file' ? hasEvidence || answer?.notApplicable === true : isAnswered(question, answer);
    if (!answered) {
      if (question.required) incomplete.missingAnswers.push(question.code);
    } else if (!hasEvidence && answer?.notApplicable !== true && needsEvidence(question, answer)) {
      incomplete.missingEvidence.push(question.code);
    }
  }
  return incomplete;
}

function needsEvidence(question: QuestionDefinition, answer: StoredAnswer | undefined): boolean {
  const rule = evidenceRuleOf(question);
  if (rule.required === 'when') return answerMatches(answer, rule.anyOf);
  return rule.required === 'always';
}
