import type { EvidenceView, FindingSeverity, FindingStatus } from '@ddp/assessments';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'verified'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const ACTION_STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'verified'] as const;
/** proposed (by the buyer, until the supplier accepts it) → planned → in_progress → done → verified (by the buyer). */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Who proposed an action: the supplier in its plan, or the buyer (to be accepted by the supplier). */
export type ActionProposer = 'supplier' | 'authority';

/** How the actor stands to a plan: its contract's authority, its supplier, or an auditor assigned to the contract. */
/** How the actor stands to a plan: auditors and framework participants read it only. */
export type PlanAccess = 'authority' | 'supplier' | 'auditor' | 'participant';

/** Plan statuses in which the supplier still writes the plan itself (root cause, findings, actions). */
export const EDITABLE_PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'rejected'];

/** Plan statuses in which a finding's plan deadline still runs (nothing has been submitted yet). */
export const UNSUBMITTED_PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'rejected'];

export interface Ref {
  id: string;
  name: string;
}

export interface PlanFindingView {
  id: string;
  title: string;
  severity: FindingSeverity;
  status: FindingStatus;
  planDueDate: string | null;
}

export interface ActionView {
  id: string;
  position: number;
  description: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  proposedBy: ActionProposer;
  /** Due before today (contract time zone) and not done, in an approved plan. */
  overdue: boolean;
  doneOn: string | null;
  doneAt: string | null;
  verifiedAt: string | null;
  /** Also the action's ETag. */
  version: number;
  evidence: EvidenceView[];
}

export interface PlanSummary {
  id: string;
  contract: { id: string; reference: string; title: string };
  authority: Ref;
  supplier: Ref;
  status: PlanStatus;
  rootCause: string;
  /** The buyer's comments of the last rejection. */
  rejectionComments: string | null;
  createdBy: ActionProposer;
  createdOn: string;
  /** A finding's planDueDate has passed while the plan is not submitted (draft or rejected). */
  overdue: boolean;
  overdueActions: number;
  findingCount: number;
  actionCount: number;
  verifiedActions: number;
  /** Also the ETag: every write to the plan or one of its actions moves it. */
  version: number;
  access: PlanAccess;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  approvedAt: string | null;
  verifiedAt: string | null;
}

export interface PlanView extends PlanSummary {
  findings: PlanFindingView[];
  actions: ActionView[];
}

/** An action as a write on it answers: the action, and where its plan stands now. */
export interface ActionResult extends ActionView {
  plan: { id: string; status: PlanStatus; version: number };
}

export interface ActionInput {
  description: string;
  owner: string;
  dueDate: string;
}

export interface CreatePlanInput {
  contractId: string;
  findingIds: string[];
  rootCause: string;
  actions: ActionInput[];
}

export interface UpdatePlanInput {
  rootCause?: string;
  findingIds?: string[];
  /** The supplier's whole list (draft or rejected plan): actions sent with an id are kept and edited, the others removed, new ones added. */
  actions?: Array<ActionInput & { id?: string }>;
  /** The buyer's proposals, appended as 'proposed'. */
  proposedActions?: ActionInput[];
}

export interface UpdateActionInput {
  status?: 'in_progress' | 'done';
  accept?: true;
  description?: string;
  owner?: string;
  dueDate?: string;
}

export interface PlanFilter {
  contractId?: string;
  status?: PlanStatus;
  /** true: plans overdue or with an overdue action; false: neither. */
  overdue?: boolean;
  after?: string;
  limit: number;
}
