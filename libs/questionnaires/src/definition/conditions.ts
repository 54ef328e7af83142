import { questionsOf } from './definition-rules';
import type { AnswerValue, QuestionDefinition, TemplateDefinition } from './template-definition';

/** An answer as the assessment holds it. */
export interface StoredAnswer {
  value: AnswerValue;
  notApplicable: boolean;
}

/**
 * Whether the question counts as answered. "Not applicable" counts. A null value counts only for
 * a `file` question (the evidence is its answer); for any other type a null value is a cleared
 * answer, so the question is unanswered.
 */
export function isAnswered(question: QuestionDefinition, answer: StoredAnswer | undefined): boolean {
  if (answer === undefined) return false;
  return answer.notApplicable || answer.value !== null || question.type === 'file';
}

/** Whether the answer is (multiple choice: holds) one of the values; a not-applicable answer matches nothing. */
export function answerMatches(answer: StoredAnswer | undefined, anyOf: readonly string[]): boolean {
  if (answer === undefined || answer.notApplicable) return false;
  const chosen = Array.isArray(answer.value) ? answer.value : [answer.value];
  return chosen.some((value) => typeof value === 'string' && anyOf.includes(value));
}

/**
 * The codes of the questions asked: those without a condition, and those whose condition's
 * question is itself asked and answered with one of the condition's values. Conditions may point
 * forward or backward in the template.
 */
export function visibleQuestionCodes(definition: TemplateDefinition, answers: ReadonlyMap<string, StoredAnswer>): Set<string> {
  const questions = new Map(questionsOf(definition).map((question) => [question.code, question]));
  const visibility = new Map<string, boolean>();

  const isVisible = (code: string): boolean => {
    const known = visibility.get(code);
    if (known !== undefined) return known;
    const question = questions.get(code);
    if (!question) return false;
    const condition = question.condition;
    if (!condition) {
      visibility.set(code, true);
      return true;
    }
    // Provisionally hidden: in an unvalidated template with a cycle, the questions of the cycle stay hidden.
    visibility.set(code, false);
    const visible = isVisible(condition.questionCode) && answerMatches(answers.get(condition.questionCode), condition.anyOf);
    visibility.set(code, visible);
    return visible;
  };

  return new Set([...questions.keys()].filter(isVisible));
}
