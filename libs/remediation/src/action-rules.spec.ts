import fc from 'fast-check';
import { ACTION_STATUSES, PLAN_STATUSES } from './action-plan.types';
import { editProblem, statusChangeProblem } from './action-rules';

describe('action rules', () => {
  it('moves an action one step forward at a time, in an approved plan only', () => {
    expect(statusChangeProblem('planned', 'in_progress', 'approved')).toBeNull();
    expect(statusChangeProblem('in_progress', 'done', 'approved')).toBeNull();
    expect(statusChangeProblem('planned', 'done', 'approved')).toMatch(/next step is in_progress/);
    expect(statusChangeProblem('done', 'in_progress', 'approved')).toMatch(/moves no further/);
    expect(statusChangeProblem('proposed', 'in_progress', 'approved')).toMatch(/proposed/);
    expect(statusChangeProblem('in_progress', 'in_progress', 'approved')).not.toBeNull();
    for (const plan of PLAN_STATUSES.filter((p) => p !== 'approved')) expect(statusChangeProblem('planned', 'in_progress', plan)).toMatch(/once it is approved/);
  });

  it('never lets an action go backwards or skip a step, whatever the plan', () => {
    const order = ['planned', 'in_progress', 'done'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...ACTION_STATUSES), fc.constantFrom('in_progress' as const, 'done' as const), fc.constantFrom(...PLAN_STATUSES), (from, to, plan) => {
        const allowed = statusChangeProblem(from, to, plan) === null;
        const oneStep = (order as readonly string[]).indexOf(to) === (order as readonly string[]).indexOf(from) + 1 && from !== 'proposed';
        return allowed === (oneStep && plan === 'approved');
      }),
    );
  });

  it('edits actions in a draft or rejected plan, or while they are proposed, never once verified', () => {
    expect(editProblem('planned', 'draft')).toBeNull();
    expect(editProblem('planned', 'rejected')).toBeNull();
    expect(editProblem('proposed', 'submitted')).toBeNull();
    expect(editProblem('proposed', 'approved')).toBeNull();
    expect(editProblem('planned', 'submitted')).not.toBeNull();
    expect(editProblem('in_progress', 'approved')).not.toBeNull();
    expect(editProblem('verified', 'verified')).toMatch(/verified/);
  });
});
