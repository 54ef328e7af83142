import { ActionStatus, PlanStatus } from './action-plan.types';

/** The steps a supplier takes an action through once its plan is approved; anything else is skipping or stepping back. */
const NEXT_STEP: Partial<Record<ActionStatus, ActionStatus>> = { planned: 'in_progress', in_progress: 'done' };

/**
 * Why an action may not move from `from` to `to` in a plan that is `plan`; null when it may.
 * Actions move one step at a time (planned → in_progress → done), and only in an approved plan.
 */
export function statusChangeProblem(from: ActionStatus, to: 'in_progress' | 'done', plan: PlanStatus): string | null {
  if (plan !== 'approved') return `The plan is ${plan}: its actions are carried out once it is approved`;
  if (NEXT_STEP[from] !== to) {
    const next = NEXT_STEP[from];
    return `The action is ${from}: ${next ? `its next step is ${next}` : 'it moves no further by itself'}; actions go planned → in_progress → done one step at a time`;
  }
  return null;
}

/** Why the action's description, owner or due date may not change now; null when they may. */
export function editProblem(action: ActionStatus, plan: PlanStatus): string | null {
  if (plan === 'verified') return 'The plan is verified: nothing in it changes any more';
  if (action === 'proposed' || plan === 'draft' || plan === 'rejected') return null;
  return `The plan is ${plan}: an action is edited only while the plan is a draft or rejected, or while it is still proposed`;
}

