import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  AccessPolicy,
  APP_CONFIG,
  AppConfig,
  AuditEntry,
  AuditService,
  calendarDateIn,
  Clock,
  Database,
  DomainException,
  ErrorCode,
  FieldError,
  isCalendarDate,
  Language,
  NewestFirst,
  Page,
  RequestContext,
} from '@ddp/core';
import { ContractsService } from '@ddp/contracts';
import { EvidenceService, EvidenceView, FindingSeverity, FindingStatus, UploadedEvidence } from '@ddp/assessments';
import { ActionPlanMailKind, actionPlanMail } from './action-plan-mail';
import { actionOverdueSql, overdueActionsSql, planAccessSql, planOverdueSql, planPendingOverdueSql, planVisibleBranches, planVisibleSql, todaySql } from './action-plan-sql';
import {
  ActionInput,
  ActionProposer,
  ActionResult,
  ActionStatus,
  ActionView,
  CreatePlanInput,
  EDITABLE_PLAN_STATUSES,
  PlanAccess,
  PlanFilter,
  PlanFindingView,
  PlanStatus,
  PlanSummary,
  PlanView,
  Ref,
  UpdateActionInput,
  UpdatePlanInput,
} from './action-plan.types';
import { editProblem, statusChangeProblem } from './action-rules';

/** At most this many actions in one plan (the DTOs bound each request the same way). */
export const MAX_ACTIONS = 100;

/** `$2` is the actor's organisation, `$3` the domain clock's instant. */
const PLAN_COLUMNS = `p.id, p.contract_id, c.reference AS contract_reference, c.title AS contract_title, c.time_zone,
  p.authority_id, ao.name AS authority_name, p.supplier_id, so.name AS supplier_name, p.status, p.root_cause, p.rejection_comments,
  CASE WHEN p.created_by_organisation_id = p.authority_id THEN 'authority' ELSE 'supplier' END AS created_by,
  to_char(p.created_on, 'YYYY-MM-DD') AS created_on, p.version, p.created_at, p.updated_at, p.submitted_at, p.approved_at, p.verified_at,
  ${planAccessSql('p', '$2')} AS access,
  ${planOverdueSql('p', todaySql('c', '$3'))} AS overdue,
  ${overdueActionsSql('p', todaySql('c', '$3'))} AS overdue_actions,
  (SELECT count(*) FROM action_plan_findings cf WHERE cf.plan_id = p.id)::int AS finding_count,
  (SELECT count(*) FROM plan_actions cx WHERE cx.plan_id = p.id)::int AS action_count,
  (SELECT count(*) FROM plan_actions cx WHERE cx.plan_id = p.id AND cx.status = 'verified')::int AS verified_actions`;
const PLAN_FROM = `action_plans p JOIN contracts c ON c.id = p.contract_id JOIN organisations ao ON ao.id = p.authority_id JOIN organisations so ON so.id = p.supplier_id`;
const PLAN_SQL = `SELECT ${PLAN_COLUMNS} FROM ${PLAN_FROM} WHERE p.id = $1`;

/** `$1` the plan, `$2` the domain clock's instant, `$3` one action or NULL for all. */
const ACTIONS_SQL = `SELECT x.id, x.position, x.description, x.owner, to_char(x.due_date, 'YYYY-MM-DD') AS due_date, x.status, x.proposed_by, x.version,
    to_char(x.done_on, 'YYYY-MM-DD') AS done_on, x.done_at, x.verified_at, ${actionOverdueSql('x', 'p', todaySql('c', '$2'))} AS overdue
  FROM plan_actions x JOIN action_plans p ON p.id = x.plan_id JOIN contracts c ON c.id = p.contract_id
  WHERE x.plan_id = $1 AND ($3::uuid IS NULL OR x.id = $3::uuid) ORDER BY x.position`;

const EVIDENCE_SQL = `SELECT e.id, e.action_id, e.file_name, e.content_type, e.size_bytes, e.sha256, to_char(e.document_date, 'YYYY-MM-DD') AS document_date, e.uploaded_at
  FROM evidence_files e JOIN plan_actions x ON x.id = e.action_id WHERE x.plan_id = $1 AND ($2::uuid IS NULL OR x.id = $2::uuid) ORDER BY e.uploaded_at, e.id`;

interface PlanRow {
  id: string;
  contract_id: string;
  contract_reference: string;
  contract_title: string;
  time_zone: string;
  authority_id: string;
  authority_name: string;
  supplier_id: string;
  supplier_name: string;
  status: PlanStatus;
  root_cause: string;
  rejection_comments: string | null;
  created_by: ActionProposer;
  created_on: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  approved_at: Date | null;
  verified_at: Date | null;
  access: PlanAccess | null;
  overdue: boolean;
  overdue_actions: number;
  finding_count: number;
  action_count: number;
  verified_actions: number;
}

/** A plan the actor may read. */
type ReadablePlan = PlanRow & { access: PlanAccess };

interface ActionRow {
  id: string;
  position: number;
  description: string;
  owner: string;
  due_date: string;
  status: ActionStatus;
  proposed_by: ActionProposer;
  version: number;
  done_on: string | null;
  done_at: Date | null;
  verified_at: Date | null;
  overdue: boolean;
}

interface EvidenceRow {
  id: string;
  action_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  document_date: string;
  uploaded_at: Date;
}

interface FindingRow {
  id: string;
  title: string;
  severity: FindingSeverity;
  status: FindingStatus;
  plan_due_date: string | null;
}

/**
 * Corrective action plans: the supplier proposes a plan for one or more findings of a contract
 * (root cause, actions with owners and due dates); the contract's authority approves it, rejects
 * it with comments, or proposes actions the supplier accepts. Once approved, the supplier carries
 * the actions out with evidence; the buyer verifies each, and the last verification closes the
 * plan's findings in the same transaction.
 */
@Injectable()
export class ActionPlansService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly clock: Clock,
    private readonly contracts: ContractsService,
    private readonly evidence: EvidenceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.access.register('action-plan', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(ctx, `SELECT p.id FROM action_plans p WHERE p.id = ANY($1::uuid[]) AND ${planVisibleSql('p', '$2')}`, [ids, ctx.requiredActor.organisationId]);
      return new Set(rows.map((r) => r.id));
    });
  }

  /**
   * The contract's supplier proposes a plan (a draft; its actions planned); the contract's
   * authority may draft one for the supplier (its actions proposed, to be accepted).
   */
  async create(ctx: RequestContext, input: CreatePlanInput): Promise<PlanView> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.contracts.getWithRole(tx, input.contractId);
      if (contract.role !== 'supplier' && contract.role !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'A plan is proposed by the contract’s supplier, or drafted for it by the contract’s authority');
      checkDateFormats(input.actions, 'actions');
      const today = this.today(contract.timeZone);
      const findingIds = [...new Set(input.findingIds)];
      if (findingIds.length === 0) throw DomainException.validation([{ field: 'findingIds', message: 'a plan covers at least one finding' }]);
      const errors = [...(await this.findingErrors(tx, contract.id, findingIds, null)), ...dueDateErrors(input.actions, today, 'actions')];
      if (errors.length > 0) throw unprocessable(errors);

      const actor = tx.requiredActor;
      const proposedBy: ActionProposer = contract.role === 'supplier' ? 'supplier' : 'authority';
      const [{ id }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO action_plans (contract_id, authority_id, supplier_id, status, root_cause, created_on, created_by, created_by_organisation_id)
         VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7) RETURNING id`,
        [contract.id, contract.authority.id, contract.supplier.id, input.rootCause, today, actor.userId, actor.organisationId],
      );
      await this.db.query(tx, `INSERT INTO action_plan_findings (plan_id, finding_id) SELECT $1, unnest($2::uuid[])`, [id, findingIds]);
      await this.insertActions(tx, id, input.actions, 1, proposedBy);
      const view = await this.view(tx, id);
      await this.record(tx, view, { action: 'action_plan.created', entityType: 'action_plan', entityId: id, after: snapshot(view) });
      if (proposedBy === 'authority') await this.notify(tx, view, 'proposed');
      return view;
    });
  }

  async list(ctx: RequestContext, filter: PlanFilter): Promise<Page<PlanSummary>> {
    // $1 is the plan id of the single-record reads that share PLAN_COLUMNS; $2 the actor's organisation; $3 now.
    const list = new NewestFirst('p.created_at', 'p.id', [null, ctx.requiredActor.organisationId, this.clock.now()])
      .where('$1::int IS NULL')
      .filter('p.contract_id = ?::uuid', filter.contractId)
      .filter('p.status = ?', filter.status);
    if (filter.overdue !== undefined) {
      list.where(planPendingOverdueSql('p', 'c', '$3', filter.overdue));
    }
    const keys = list.keysSql(planVisibleBranches('$2'), filter.after, filter.limit);
    const rows = await this.db.query<ReadablePlan & { cursor_at: string }>(
      ctx,
      `WITH page AS (${keys}) SELECT ${PLAN_COLUMNS}, ${list.cursorColumn} FROM ${PLAN_FROM} JOIN page ON page.id = p.id ${list.orderBy}`,
      list.params,
    );
    return list.page(rows, filter.limit, toSummary);
  }

  /** The plan with its findings, actions and their evidence; 404 unless the actor may read it. */
  async get(ctx: RequestContext, id: string): Promise<PlanView> {
    return this.view(ctx, id);
  }

  /**
   * The supplier rewrites its draft or rejected plan (root cause, findings, the whole list of
   * actions); the authority appends proposed actions to any plan not yet verified.
   */
  async update(ctx: RequestContext, id: string, input: UpdatePlanInput, expectedVersion?: number): Promise<PlanView> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, id, true);
      const bySupplier = input.rootCause !== undefined || input.findingIds !== undefined || input.actions !== undefined;
      const byAuthority = input.proposedActions !== undefined;
      if (plan.access === 'auditor' || plan.access === 'participant') throw new DomainException(ErrorCode.Forbidden, 'Auditors and framework participants read plans; they do not write them');
      if (bySupplier && plan.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier writes its plan’s root cause, findings and actions; the buyer proposes actions with proposedActions');
      if (byAuthority && plan.access !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s authority proposes actions; the supplier edits its list with actions');
      checkVersion(plan.version, expectedVersion, 'The plan');
      if (bySupplier && !EDITABLE_PLAN_STATUSES.includes(plan.status)) throw new DomainException(ErrorCode.InvalidState, `The plan is ${plan.status}: the supplier changes it only as a draft or once rejected`);
      if (byAuthority && plan.status === 'verified') throw new DomainException(ErrorCode.InvalidState, 'The plan is verified: nothing is added to it any more');
      if (!bySupplier && !byAuthority) return this.view(tx, id);
      checkDateFormats(input.actions ?? [], 'actions');
      checkDateFormats(input.proposedActions ?? [], 'proposedActions');

      const before = await this.view(tx, id);
      const today = this.today(plan.time_zone);
      const findingIds = input.findingIds ? [...new Set(input.findingIds)] : undefined;
      if (findingIds?.length === 0) throw DomainException.validation([{ field: 'findingIds', message: 'a plan covers at least one finding' }]);
      const errors: FieldError[] = findingIds ? await this.findingErrors(tx, plan.contract_id, findingIds, id) : [];
      const existing = await this.db.query<{ id: string; due_date: string }>(tx, `SELECT id, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM plan_actions WHERE plan_id = $1 ORDER BY position FOR UPDATE`, [id]);
      let removed: string[] = [];
      if (input.actions) {
        const dueDates = new Map(existing.map((a) => [a.id, a.due_date]));
        const kept = new Set<string>();
        input.actions.forEach((action, i) => {
          if (action.id !== undefined) {
            if (!dueDates.has(action.id)) errors.push({ field: `actions.${i}.id`, message: 'id names no action of this plan' });
            else if (kept.has(action.id)) errors.push({ field: `actions.${i}.id`, message: 'id is sent twice' });
            kept.add(action.id);
          }
          // An action kept as it was may keep a date that has passed since; a new or moved date may not be past.
          const unchanged = action.id !== undefined && dueDates.get(action.id) === action.dueDate;
          if (!unchanged && action.dueDate < today) errors.push({ field: `actions.${i}.dueDate`, message: `dueDate must be today (${today}) or later: an action cannot be due before the plan exists` });
        });
        removed = existing.filter((a) => !kept.has(a.id)).map((a) => a.id);
        if (removed.length > 0) {
          const withEvidence = await this.db.query<{ action_id: string }>(tx, `SELECT DISTINCT action_id FROM evidence_files WHERE action_id = ANY($1::uuid[])`, [removed]);
          for (const { action_id } of withEvidence) errors.push({ field: 'actions', message: `the action ${action_id} has evidence: keep it in the list` });
        }
      }
      if (input.proposedActions) {
        errors.push(...dueDateErrors(input.proposedActions, today, 'proposedActions'));
        if (existing.length + input.proposedActions.length > MAX_ACTIONS) errors.push({ field: 'proposedActions', message: `a plan holds at most ${MAX_ACTIONS} actions` });
      }
      if (errors.length > 0) throw unprocessable(errors);

      if (findingIds) {
        await this.db.query(tx, `DELETE FROM action_plan_findings WHERE plan_id = $1`, [id]);
        await this.db.query(tx, `INSERT INTO action_plan_findings (plan_id, finding_id) SELECT $1, unnest($2::uuid[])`, [id, findingIds]);
      }
      if (input.actions) await this.replaceActions(tx, id, input.actions, removed);
      if (input.proposedActions && input.proposedActions.length > 0) {
        const last = existing.length > 0 ? (await this.db.query<{ last: number }>(tx, `SELECT max(position) AS last FROM plan_actions WHERE plan_id = $1`, [id]))[0].last : 0;
        await this.insertActions(tx, id, input.proposedActions, last + 1, 'authority');
      }
      await this.db.query(tx, `UPDATE action_plans SET root_cause = COALESCE($2, root_cause), version = version + 1, updated_at = now() WHERE id = $1`, [id, input.rootCause ?? null]);
      const after = await this.view(tx, id);
      await this.record(tx, after, { action: byAuthority ? 'action_plan.actions_proposed' : 'action_plan.updated', entityType: 'action_plan', entityId: id, before: snapshot(before), after: snapshot(after) });
      if (byAuthority && input.proposedActions!.length > 0) await this.notify(tx, after, 'proposed');
      return after;
    });
  }

  /** The supplier submits its draft or rejected plan: at least one action, none still proposed by the buyer. */
  async submit(ctx: RequestContext, id: string, expectedVersion?: number): Promise<PlanView> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, id, true);
      if (plan.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier submits its plan');
      checkVersion(plan.version, expectedVersion, 'The plan');
      if (!EDITABLE_PLAN_STATUSES.includes(plan.status)) throw new DomainException(ErrorCode.InvalidState, `The plan is ${plan.status}: only a draft or a rejected plan is submitted`);
      await this.requireComplete(tx, id, 'submitted');
      const findings = await this.db.query<{ finding_id: string }>(tx, `SELECT finding_id FROM action_plan_findings WHERE plan_id = $1 ORDER BY finding_id`, [id]);
      const errors = await this.findingErrors(tx, plan.contract_id, findings.map((f) => f.finding_id), id, { requireOpen: false });
      if (errors.length > 0) throw unprocessable(errors);
      const now = this.clock.now();
      await this.db.query(tx, `UPDATE action_plans SET status = 'submitted', submitted_at = $2, submitted_on = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        now,
        calendarDateIn(plan.time_zone, now),
      ]);
      return this.transitioned(tx, plan, 'submitted');
    });
  }

  /** The contract's authority approves a submitted plan (no action may still be proposed). */
  async approve(ctx: RequestContext, id: string, expectedVersion?: number): Promise<PlanView> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, id, true);
      if (plan.access !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s authority approves a plan');
      checkVersion(plan.version, expectedVersion, 'The plan');
      if (plan.status !== 'submitted') throw new DomainException(ErrorCode.InvalidState, `The plan is ${plan.status}: only a submitted plan is approved`);
      await this.requireComplete(tx, id, 'approved');
      await this.db.query(tx, `UPDATE action_plans SET status = 'approved', approved_at = $2, approved_by = $3, version = version + 1, updated_at = now() WHERE id = $1`, [
        id,
        this.clock.now(),
        tx.requiredActor.userId,
      ]);
      return this.transitioned(tx, plan, 'approved');
    });
  }

  /** The contract's authority rejects a submitted plan with comments; the supplier revises and resubmits it. */
  async reject(ctx: RequestContext, id: string, comments: string, expectedVersion?: number): Promise<PlanView> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, id, true);
      if (plan.access !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s authority rejects a plan');
      checkVersion(plan.version, expectedVersion, 'The plan');
      if (plan.status !== 'submitted') throw new DomainException(ErrorCode.InvalidState, `The plan is ${plan.status}: only a submitted plan is rejected`);
      await this.db.query(tx, `UPDATE action_plans SET status = 'rejected', rejection_comments = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, comments]);
      return this.transitioned(tx, plan, 'rejected', comments);
    });
  }

  /**
   * The supplier's work on one action: accept a proposed action, move it planned → in_progress →
   * done once the plan is approved, or edit it while the plan is a draft or rejected (or while
   * the action is still proposed).
   */
  async updateAction(ctx: RequestContext, planId: string, actionId: string, input: UpdateActionInput, expectedVersion?: number): Promise<ActionResult> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, planId, true);
      const action = await this.lockAction(tx, planId, actionId);
      if (plan.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier carries out and edits its actions');
      checkVersion(action.version, expectedVersion, 'The action');
      if (input.accept && input.status) throw DomainException.validation([{ field: 'status', message: 'send accept or status, not both: a proposed action is accepted first' }]);
      if (input.dueDate !== undefined && !isCalendarDate(input.dueDate)) throw DomainException.validation([{ field: 'dueDate', message: 'dueDate must be a date YYYY-MM-DD' }]);
      const edits = input.description !== undefined || input.owner !== undefined || input.dueDate !== undefined;
      if (!edits && !input.accept && !input.status) return this.actionResult(tx, plan.id, actionId);
      if (plan.status === 'verified') throw new DomainException(ErrorCode.InvalidState, 'The plan is verified: nothing in it changes any more');

      let status = action.status;
      if (edits) {
        const problem = editProblem(action.status, plan.status);
        if (problem) throw new DomainException(ErrorCode.InvalidState, problem);
      }
      if (input.accept) {
        if (action.status !== 'proposed') throw new DomainException(ErrorCode.InvalidState, `The action is ${action.status}: only a proposed action is accepted`);
        status = 'planned';
      }
      if (input.status) {
        const problem = statusChangeProblem(action.status, input.status, plan.status);
        if (problem) throw new DomainException(ErrorCode.InvalidState, problem);
        status = input.status;
      }
      const today = this.today(plan.time_zone);
      if (input.dueDate !== undefined && input.dueDate !== action.due_date && input.dueDate < today) {
        throw unprocessable([{ field: 'dueDate', message: `dueDate must be today (${today}) or later` }]);
      }

      const done = status === 'done' && action.status !== 'done';
      const now = this.clock.now();
      await this.db.query(
        tx,
        `UPDATE plan_actions SET description = COALESCE($2, description), owner = COALESCE($3, owner), due_date = COALESCE($4::date, due_date), status = $5,
           done_at = CASE WHEN $6 THEN $7::timestamptz ELSE done_at END, done_on = CASE WHEN $6 THEN $8::date ELSE done_on END, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [actionId, input.description ?? null, input.owner ?? null, input.dueDate ?? null, status, done, now, calendarDateIn(plan.time_zone, now)],
      );
      await this.db.query(tx, `UPDATE action_plans SET version = version + 1, updated_at = now() WHERE id = $1`, [planId]);
      const result = await this.actionResult(tx, planId, actionId);
      const what = input.accept ? 'action_plan.action_accepted' : input.status ? `action_plan.action_${input.status}` : 'action_plan.action_updated';
      await this.record(tx, plan, { action: what, entityType: 'plan_action', entityId: actionId, before: actionSnapshot(action), after: actionSnapshot(result) });
      return result;
    });
  }

  /**
   * The contract's authority verifies a done action. The last verification verifies the plan and
   * closes its findings, in the same transaction.
   */
  async verifyAction(ctx: RequestContext, planId: string, actionId: string, expectedVersion?: number): Promise<ActionResult> {
    return this.db.transaction(ctx, async (tx) => {
      const plan = await this.load(tx, planId, true);
      const action = await this.lockAction(tx, planId, actionId);
      if (plan.access !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s authority verifies actions');
      checkVersion(action.version, expectedVersion, 'The action');
      if (plan.status !== 'approved' || action.status !== 'done') {
        throw new DomainException(ErrorCode.InvalidState, `The action is ${action.status} in a plan that is ${plan.status}: only a done action of an approved plan is verified`);
      }
      const now = this.clock.now();
      const actor = tx.requiredActor;
      await this.db.query(tx, `UPDATE plan_actions SET status = 'verified', verified_at = $2, verified_by = $3, version = version + 1, updated_at = now() WHERE id = $1`, [actionId, now, actor.userId]);
      await this.record(tx, plan, { action: 'action_plan.action_verified', entityType: 'plan_action', entityId: actionId, before: { status: 'done' }, after: { status: 'verified' } });
      const [{ open }] = await this.db.query<{ open: number }>(tx, `SELECT count(*)::int AS open FROM plan_actions WHERE plan_id = $1 AND status <> 'verified'`, [planId]);
      if (open > 0) {
        await this.db.query(tx, `UPDATE action_plans SET version = version + 1, updated_at = now() WHERE id = $1`, [planId]);
        return this.actionResult(tx, planId, actionId);
      }

      await this.db.query(tx, `UPDATE action_plans SET status = 'verified', verified_at = $2, verified_by = $3, version = version + 1, updated_at = now() WHERE id = $1`, [planId, now, actor.userId]);
      const closed = await this.db.query<{ id: string; status: FindingStatus }>(
        tx,
        `WITH prior AS (SELECT f.id, f.status FROM findings f JOIN action_plan_findings pf ON pf.finding_id = f.id WHERE pf.plan_id = $1 AND f.status <> 'closed' FOR UPDATE OF f),
              closed AS (UPDATE findings f SET status = 'closed', closed_at = $2, updated_at = now() FROM prior b WHERE f.id = b.id RETURNING f.id)
         SELECT b.id, b.status FROM prior b JOIN closed USING (id) ORDER BY b.id`,
        [planId, now],
      );
      await this.record(tx, plan, { action: 'action_plan.verified', entityType: 'action_plan', entityId: planId, before: { status: 'approved' }, after: { status: 'verified', closedFindings: closed.map((f) => f.id) } });
      for (const finding of closed) {
        await this.record(tx, plan, { action: 'finding.closed', entityType: 'finding', entityId: finding.id, before: { status: finding.status }, after: { status: 'closed', planId } });
      }
      await this.notify(tx, plan, 'verified');
      return this.actionResult(tx, planId, actionId);
    });
  }

  /** The supplier attaches evidence to an action of its plan (until the plan is verified). */
  async attachEvidence(ctx: RequestContext, planId: string, actionId: string, upload: UploadedEvidence): Promise<EvidenceView> {
    return this.evidence.attachTo(ctx, { kind: 'action', id: actionId }, upload, async (tx) => {
      const plan = await this.load(tx, planId, true);
      await this.lockAction(tx, planId, actionId);
      if (plan.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier adds evidence to its actions');
      if (plan.status === 'verified') throw new DomainException(ErrorCode.InvalidState, 'The plan is verified: its evidence no longer changes');
      return { timeZone: plan.time_zone };
    });
  }

  async listEvidence(ctx: RequestContext, planId: string, actionId: string): Promise<EvidenceView[]> {
    await this.load(ctx, planId);
    const [action] = await this.db.query<{ id: string }>(ctx, `SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2`, [actionId, planId]);
    if (!action) throw DomainException.notFound('The action');
    return this.evidence.listFor(ctx, { kind: 'action', id: actionId });
  }

  /** The plan row, 404 unless the actor may read it; locked when `forUpdate`. */
  private async load(ctx: RequestContext, id: string, forUpdate = false): Promise<ReadablePlan> {
    const [row] = await this.db.query<PlanRow>(ctx, `${PLAN_SQL}${forUpdate ? ' FOR UPDATE OF p' : ''}`, [id, ctx.requiredActor.organisationId, this.clock.now()]);
    if (!row?.access) throw DomainException.notFound();
    return row as ReadablePlan;
  }

  private async lockAction(tx: RequestContext, planId: string, actionId: string): Promise<ActionRow> {
    const [row] = await this.db.query<ActionRow>(
      tx,
      `SELECT id, position, description, owner, to_char(due_date, 'YYYY-MM-DD') AS due_date, status, proposed_by, version, to_char(done_on, 'YYYY-MM-DD') AS done_on, done_at, verified_at, false AS overdue
         FROM plan_actions WHERE id = $1 AND plan_id = $2 FOR UPDATE`,
      [actionId, planId],
    );
    if (!row) throw DomainException.notFound('The action');
    return row;
  }

  private async view(ctx: RequestContext, id: string): Promise<PlanView> {
    const plan = await this.load(ctx, id);
    const now = this.clock.now();
    const findings = await this.db.query<FindingRow>(
      ctx,
      `SELECT f.id, f.title, f.severity, f.status, to_char(f.plan_due_date, 'YYYY-MM-DD') AS plan_due_date
         FROM action_plan_findings pf JOIN findings f ON f.id = pf.finding_id WHERE pf.plan_id = $1 ORDER BY f.created_at, f.id`,
      [id],
    );
    const actions = await this.actionViews(ctx, id, null, now);
    return { ...toSummary(plan), findings: findings.map(toFinding), actions };
  }

  private async actionViews(ctx: RequestContext, planId: string, actionId: string | null, now: Date): Promise<ActionView[]> {
    const rows = await this.db.query<ActionRow>(ctx, ACTIONS_SQL, [planId, now, actionId]);
    const evidence = await this.db.query<EvidenceRow>(ctx, EVIDENCE_SQL, [planId, actionId]);
    const byAction = new Map<string, EvidenceView[]>();
    for (const e of evidence) byAction.set(e.action_id, [...(byAction.get(e.action_id) ?? []), toEvidence(e)]);
    return rows.map((r) => toAction(r, byAction.get(r.id) ?? []));
  }

  private async actionResult(ctx: RequestContext, planId: string, actionId: string): Promise<ActionResult> {
    const [plan] = await this.db.query<{ status: PlanStatus; version: number }>(ctx, `SELECT status, version FROM action_plans WHERE id = $1`, [planId]);
    const [action] = await this.actionViews(ctx, planId, actionId, this.clock.now());
    return { ...action, plan: { id: planId, status: plan.status, version: plan.version } };
  }

  /**
   * What stops the findings from going into this plan: 404 for any the actor may not read;
   * for the others, one problem each (another contract, no longer open, in another plan that
   * is not rejected). Locks them, so two plans cannot take one finding at the same time.
   */
  private async findingErrors(tx: RequestContext, contractId: string, ids: string[], planId: string | null, options = { requireOpen: true }): Promise<FieldError[]> {
    if (ids.length === 0) return [];
    await this.access.require(tx, 'finding', ids);
    await this.db.query(tx, `SELECT id FROM findings WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const rows = await this.db.query<{ id: string; contract_id: string; status: FindingStatus; in_plan: boolean }>(
      tx,
      `SELECT f.id, f.contract_id, f.status, EXISTS (SELECT 1 FROM action_plan_findings pf JOIN action_plans op ON op.id = pf.plan_id
          WHERE pf.finding_id = f.id AND op.status <> 'rejected' AND op.id IS DISTINCT FROM $2::uuid) AS in_plan
         FROM findings f WHERE f.id = ANY($1::uuid[])`,
      [ids, planId],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const errors: FieldError[] = [];
    ids.forEach((id, i) => {
      const finding = byId.get(id)!;
      const problem =
        finding.contract_id !== contractId
          ? 'is a finding of another contract'
          : options.requireOpen && finding.status !== 'open'
            ? `is ${finding.status}: only open findings get a plan`
            : finding.in_plan
              ? 'is in another action plan already (one that is not rejected)'
              : null;
      if (problem) errors.push({ field: 'findingIds', message: `findingIds[${i}] (${id}) ${problem}` });
    });
    return errors;
  }

  private async requireComplete(tx: RequestContext, id: string, goal: 'submitted' | 'approved'): Promise<void> {
    const rows = await this.db.query<{ position: number; status: ActionStatus }>(tx, `SELECT position, status FROM plan_actions WHERE plan_id = $1 ORDER BY position`, [id]);
    const errors: FieldError[] = [];
    if (rows.length === 0) errors.push({ field: 'actions', message: 'a plan needs at least one action' });
    rows.forEach((a, i) => {
      if (a.status === 'proposed') errors.push({ field: `actions.${i}.status`, message: `action ${a.position} is still proposed by the buyer: the supplier accepts it (or removes it from a draft) first` });
    });
    if (errors.length > 0) throw new DomainException(ErrorCode.PlanIncomplete, `The plan cannot be ${goal}: ${errors.map((e) => e.message).join('; ')}`, errors);
  }

  private async insertActions(tx: RequestContext, planId: string, actions: ActionInput[], firstPosition: number, proposedBy: ActionProposer): Promise<void> {
    if (actions.length === 0) return;
    await this.db.query(
      tx,
      `INSERT INTO plan_actions (plan_id, position, description, owner, due_date, status, proposed_by)
       SELECT $1, $2::int + ord::int - 1, d, o, due::date, $3, $4 FROM unnest($5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(d, o, due, ord)`,
      [planId, firstPosition, proposedBy === 'authority' ? 'proposed' : 'planned', proposedBy, actions.map((a) => a.description), actions.map((a) => a.owner), actions.map((a) => a.dueDate)],
    );
  }

  /** The supplier's list replaces the plan's: sent ids are kept (and edited), the rest removed, new ones planned; positions follow the list. */
  private async replaceActions(tx: RequestContext, planId: string, actions: Array<ActionInput & { id?: string }>, removed: string[]): Promise<void> {
    if (removed.length > 0) await this.db.query(tx, `DELETE FROM plan_actions WHERE plan_id = $1 AND id = ANY($2::uuid[])`, [planId, removed]);
    // Out of the way first: (plan, position) is unique at every row.
    await this.db.query(tx, `UPDATE plan_actions SET position = -position WHERE plan_id = $1`, [planId]);
    const kept = actions.map((a, i) => ({ ...a, position: i + 1 })).filter((a) => a.id !== undefined);
    if (kept.length > 0) {
      await this.db.query(
        tx,
        `UPDATE plan_actions x SET description = t.d, owner = t.o, due_date = t.due::date, position = t.pos,
           version = x.version + CASE WHEN (x.description, x.owner, x.due_date) IS DISTINCT FROM (t.d, t.o, t.due::date) THEN 1 ELSE 0 END, updated_at = now()
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) AS t(id, d, o, due, pos) WHERE x.id = t.id AND x.plan_id = $1`,
        [planId, kept.map((a) => a.id), kept.map((a) => a.description), kept.map((a) => a.owner), kept.map((a) => a.dueDate), kept.map((a) => a.position)],
      );
    }
    const added = actions.map((a, i) => ({ ...a, position: i + 1 })).filter((a) => a.id === undefined);
    if (added.length > 0) {
      await this.db.query(
        tx,
        `INSERT INTO plan_actions (plan_id, position, description, owner, due_date, status, proposed_by)
         SELECT $1, pos, d, o, due::date, 'planned', 'supplier' FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS t(d, o, due, pos)`,
        [planId, added.map((a) => a.description), added.map((a) => a.owner), added.map((a) => a.dueDate), added.map((a) => a.position)],
      );
    }
  }

  /** After a status change: the view, the audit events and the mail to the other side. */
  private async transitioned(tx: RequestContext, before: ReadablePlan, status: 'submitted' | 'approved' | 'rejected', comments?: string): Promise<PlanView> {
    const view = await this.view(tx, before.id);
    await this.record(tx, view, {
      action: `action_plan.${status}`,
      entityType: 'action_plan',
      entityId: before.id,
      before: { status: before.status, version: before.version },
      after: { status, version: view.version, ...(comments !== undefined ? { comments } : {}) },
    });
    await this.notify(tx, view, status, comments);
    return view;
  }

  /** Both parties of the plan see its events. */
  private async record(tx: RequestContext, plan: PlanRow | PlanView, entry: Omit<AuditEntry, 'organisationId'>): Promise<void> {
    const { authority, supplier } = partiesOf(plan);
    await this.audit.record(tx, { ...entry, organisationId: authority.id });
    await this.audit.record(tx, { ...entry, organisationId: supplier.id });
  }

  /** Mails the admins of the other side, in their organisation's language: the buyer for a submission, the supplier otherwise. */
  private async notify(tx: RequestContext, plan: PlanRow | PlanView, kind: ActionPlanMailKind, comments?: string): Promise<void> {
    const { authority, supplier, reference } = partiesOf(plan);
    const [to, from] = kind === 'submitted' ? [authority, supplier] : [supplier, authority];
    const [org] = await this.db.query<{ preferred_language: Language }>(tx, `SELECT preferred_language FROM organisations WHERE id = $1`, [to.id]);
    const mail = actionPlanMail(kind, org.preferred_language, { contractReference: reference, counterpart: from.name, link: this.config.publicLink(`/action-plans/${plan.id}`), comments });
    await this.contracts.mailAdmins(tx, to.id, { template: `action_plan_${kind}`, ...mail });
  }

  private today(timeZone: string): string {
    return calendarDateIn(timeZone, this.clock.now());
  }
}

/** The contract reference and the two parties, from a row or a view. */
function partiesOf(plan: PlanRow | PlanView): { reference: string; authority: Ref; supplier: Ref } {
  if ('contract' in plan) return { reference: plan.contract.reference, authority: plan.authority, supplier: plan.supplier };
  return { reference: plan.contract_reference, authority: { id: plan.authority_id, name: plan.authority_name }, supplier: { id: plan.supplier_id, name: plan.supplier_name } };
}

function unprocessable(errors: FieldError[]): DomainException {
  return new DomainException(ErrorCode.Unprocessable, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

function checkVersion(current: number, expected: number | undefined, what: string): void {
  if (expected !== undefined && current !== expected) throw new DomainException(ErrorCode.PreconditionFailed, `${what} is at version ${current}, not ${expected}: reload it`);
}

/** Dates the DTOs let through are real dates; a caller other than the api gets the same 400. */
function checkDateFormats(actions: ActionInput[], field: string): void {
  const errors = actions.flatMap((a, i) => (isCalendarDate(a.dueDate) ? [] : [{ field: `${field}.${i}.dueDate`, message: 'dueDate must be a date YYYY-MM-DD' }]));
  if (errors.length > 0) throw DomainException.validation(errors);
}

function dueDateErrors(actions: ActionInput[], today: string, field: string): FieldError[] {
  return actions.flatMap((a, i) => (a.dueDate < today ? [{ field: `${field}.${i}.dueDate`, message: `dueDate must be today (${today}) or later: an action cannot be due before the plan exists` }] : []));
}

function snapshot(plan: PlanView) {
  return {
    status: plan.status,
    rootCause: plan.rootCause,
    findingIds: plan.findings.map((f) => f.id),
    actions: plan.actions.map((a) => ({ id: a.id, description: a.description, owner: a.owner, dueDate: a.dueDate, status: a.status, proposedBy: a.proposedBy })),
  };
}

function actionSnapshot(a: { description: string; owner: string; status: ActionStatus } & ({ due_date: string } | { dueDate: string })) {
  return { description: a.description, owner: a.owner, dueDate: 'dueDate' in a ? a.dueDate : a.due_date, status: a.status };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toSummary(r: ReadablePlan): PlanSummary {
  return {
    id: r.id,
    contract: { id: r.contract_id, reference: r.contract_reference, title: r.contract_title },
    authority: { id: r.authority_id, name: r.authority_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    status: r.status,
    rootCause: r.root_cause,
    rejectionComments: r.rejection_comments,
    createdBy: r.created_by,
    createdOn: r.created_on,
    overdue: r.overdue,
    overdueActions: r.overdue_actions,
    findingCount: r.finding_count,
    actionCount: r.action_count,
    verifiedActions: r.verified_actions,
    version: r.version,
    access: r.access,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    approvedAt: iso(r.approved_at),
    verifiedAt: iso(r.verified_at),
  };
}

function toFinding(r: FindingRow): PlanFindingView {
  return { id: r.id, title: r.title, severity: r.severity, status: r.status, planDueDate: r.plan_due_date };
}

function toAction(r: ActionRow, evidence: EvidenceView[]): ActionView {
  return {
    id: r.id,
    position: r.position,
    description: r.description,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    proposedBy: r.proposed_by,
    overdue: r.overdue,
    doneOn: r.done_on,
    doneAt: iso(r.done_at),
    verifiedAt: iso(r.verified_at),
    version: r.version,
    evidence,
  };
}

function toEvidence(r: EvidenceRow): EvidenceView {
  return {
    id: r.id,
    questionCode: null,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    documentDate: r.document_date,
    uploadedAt: r.uploaded_at.toISOString(),
    revisionAdded: null,
  };
}
