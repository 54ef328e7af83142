import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AuditService, Clock, Database, RequestContext } from '@ddp/core';
import { ContractsService, daysFrom, reminderStage, ReminderStage } from '@ddp/contracts';
import { DeadlineSubject, reminderMail } from './reminder-mail';

export interface OpenDeadline {
  subject: DeadlineSubject;
  subjectId: string;
  contractId: string;
  contractReference: string;
  supplier: { id: string; name: string };
  label: string;
  deadline: string;
  /** Calendar days from today (contract time zone) to the deadline; negative when missed. */
  daysLeft: number;
}

interface DeadlineRow {
  subject: DeadlineSubject;
  subject_id: string;
  contract_id: string;
  contract_reference: string;
  authority_id: string;
  supplier_id: string;
  supplier_name: string;
  label: string;
  deadline: string;
  today: string;
}

/** Where the item lives in the portal, for the mail's link. */
const PATHS: Record<DeadlineSubject, (r: DeadlineRow) => string> = {
  assessment: (r) => `/assessments/${r.subject_id}`,
  report: (r) => `/contracts/${r.contract_id}/reports`,
  action_plan: (r) => `/findings/${r.subject_id}`,
  action: (r) => `/contracts/${r.contract_id}/action-plans`,
  notice_response: (r) => `/defaults/${r.subject_id}`,
};

/**
 * Open deadlines with what they are called and the contract's today; `$1` is the instant "now".
 * `source`: the deadlines to label, the `open_deadlines` view or a query of the same columns.
 */
const deadlinesSql = (source = 'open_deadlines') => `
  SELECT d.subject, d.subject_id, d.contract_id, c.reference AS contract_reference, d.authority_id, d.supplier_id, so.name AS supplier_name,
         CASE d.subject
           WHEN 'report' THEN o.period_start || ' – ' || o.period_end
           WHEN 'assessment' THEN qt.title
           WHEN 'action_plan' THEN f.title
           WHEN 'action' THEN left(x.description, 200)
           ELSE n.reference
         END AS label,
         d.deadline::text, (($1::timestamptz AT TIME ZONE c.time_zone)::date)::text AS today
    FROM ${source} d
    JOIN contracts c ON c.id = d.contract_id
    JOIN organisations so ON so.id = d.supplier_id
    LEFT JOIN report_obligations o ON d.subject = 'report' AND o.id = d.subject_id
    LEFT JOIN assessments a ON d.subject = 'assessment' AND a.id = d.subject_id
    LEFT JOIN questionnaire_templates qt ON qt.id = a.template_id
    LEFT JOIN findings f ON d.subject = 'action_plan' AND f.id = d.subject_id
    LEFT JOIN plan_actions x ON d.subject = 'action' AND x.id = d.subject_id
    LEFT JOIN defaults n ON d.subject = 'notice_response' AND n.id = d.subject_id
   WHERE c.status = 'active'`;

/**
 * The kinds of deadline of the `open_deadlines` view, each on its own table with the view's
 * condition for "open" (keep the two in step: migration 1764580000000). A party's list reads each
 * kind soonest first off an index and merges them, where the view behind an OR of the party's
 * roles sorts every open deadline of the portfolio. An action carries its plan's parties (copied on
 * insert, migration 1764860400000), so a party's open actions are read off its own index too; an
 * obligation whether its contract is active (migration 1764860500000: the view's `c.status = 'active'`,
 * checked in the index, where the open obligations of ended contracts came first and were passed one by one).
 */
const OPEN_DEADLINE_KINDS: Array<{ subject: DeadlineSubject; from: string; deadline: string; contract: string; parties: string; open: string }> = [
  { subject: 'assessment', from: 'assessments k', deadline: 'k.due_date', contract: 'k.contract_id', parties: 'k', open: `k.status IN ('issued', 'in_progress', 'clarification_requested')` },
  { subject: 'report', from: 'report_obligations k', deadline: 'k.due_date', contract: 'k.contract_id', parties: 'k', open: 'k.superseded_at IS NULL AND k.fulfilled_on IS NULL AND k.contract_active' },
  {
    subject: 'action_plan',
    from: 'findings k',
    deadline: 'k.plan_due_date',
    contract: 'k.contract_id',
    parties: 'k',
    open: `k.status = 'open' AND k.plan_due_date IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM action_plan_findings pf JOIN action_plans p ON p.id = pf.plan_id
                        WHERE pf.finding_id = k.id AND p.status IN ('submitted', 'approved', 'verified'))`,
  },
  { subject: 'action', from: 'plan_actions k JOIN action_plans kp ON kp.id = k.plan_id', deadline: 'k.due_date', contract: 'kp.contract_id', parties: 'k', open: `k.status IN ('planned', 'in_progress') AND kp.status = 'approved'` },
  { subject: 'notice_response', from: 'defaults k', deadline: 'k.response_deadline', contract: 'k.contract_id', parties: 'k', open: `k.status = 'notified'` },
];

/**
 * How a party stands to a deadline, as disjoint conditions on its row (`parties`) and its contract
 * `c`: together exactly "its supplier, its authority, or an audit body assigned to the contract".
 */
function deadlineRoleConditions(parties: string, org: string): string[] {
  return [
    `${parties}.authority_id = ${org}`,
    `${parties}.supplier_id = ${org} AND ${parties}.authority_id <> ${org}`,
    `${parties}.supplier_id <> ${org} AND ${parties}.authority_id <> ${org}
       AND EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = c.id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL)`,
  ];
}

/**
 * Deadlines across the contract's execution: the reminders the worker mails (7, 3 and 1 days
 * before, and the day after a deadline is missed), read from the `open_deadlines` view, and the list
 * of what is due for an organisation, read kind by kind (`OPEN_DEADLINE_KINDS`).
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The worker: mails each reminder stage of each open deadline once to every active user of the
   * supplier, in its language. The stage is recorded (unique) in the transaction that queues the
   * mails, so two workers, a retry or an hourly rerun never mail it twice; a worker that was down
   * on the day sends the stage it missed when it comes back (not the earlier ones).
   */
  async sendReminders(ctx: RequestContext = RequestContext.system()): Promise<number> {
    const now = this.clock.now();
    // The window in UTC dates is a day wider than the stages: each row's stage is then exact in its zone.
    const rows = await this.db.query<DeadlineRow>(ctx, `${deadlinesSql()} AND d.deadline BETWEEN ($1::timestamptz)::date - 9 AND ($1::timestamptz)::date + 9 ORDER BY d.deadline, d.subject_id`, [now]);
    let sent = 0;
    for (const row of rows) {
      const stage = reminderStage(row.today, row.deadline);
      if (stage) sent += await this.remind(ctx, row, stage);
    }
    return sent;
  }

  /**
   * What is due for the actor's organisation (its supplier obligations, or those it awaits as a
   * buyer or auditor), soonest first: the first `limit` of each kind and role, merged, then labelled.
   */
  async forOrganisation(ctx: RequestContext, options: { contractId?: string; limit: number }): Promise<OpenDeadline[]> {
    const params: unknown[] = [this.clock.now(), ctx.requiredActor.organisationId, options.limit];
    const contractParam = options.contractId === undefined ? undefined : `$${params.push(options.contractId)}`;
    const branches = OPEN_DEADLINE_KINDS.flatMap((kind) =>
      deadlineRoleConditions(kind.parties, '$2').map(
        (role) => `(SELECT '${kind.subject}'::text AS subject, k.id AS subject_id, ${kind.contract} AS contract_id, ${kind.parties}.authority_id, ${kind.parties}.supplier_id, ${kind.deadline} AS deadline
            FROM ${kind.from} JOIN contracts c ON c.id = ${kind.contract}
           WHERE c.status = 'active' AND ${kind.open} AND ${role} ${contractParam ? `AND ${kind.contract} = ${contractParam}` : ''}
           ORDER BY ${kind.deadline}, k.id LIMIT $3)`,
      ),
    );
    const rows = await this.db.query<DeadlineRow>(
      ctx,
      `${deadlinesSql(`(${branches.join(' UNION ALL ')} ORDER BY deadline, subject, subject_id LIMIT $3)`)} ORDER BY d.deadline, d.subject, d.subject_id`,
      params,
    );
    return rows.map((r) => ({
      subject: r.subject,
      subjectId: r.subject_id,
      contractId: r.contract_id,
      contractReference: r.contract_reference,
      supplier: { id: r.supplier_id, name: r.supplier_name },
      label: r.label,
      deadline: r.deadline,
      daysLeft: daysFrom(r.today, r.deadline),
    }));
  }

  private async remind(ctx: RequestContext, row: DeadlineRow, stage: ReminderStage): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      const [recorded] = await this.db.query<{ stage: string }>(
        tx,
        `INSERT INTO deadline_reminders (subject, subject_id, deadline, stage, organisation_id, recipients)
         VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT DO NOTHING RETURNING stage`,
        [row.subject, row.subject_id, row.deadline, stage, row.supplier_id],
      );
      if (!recorded) return 0;
      const recipients = await this.contracts.mailOrganisation(
        tx,
        row.supplier_id,
        (language) => ({
          template: `reminder-${stage}`,
          ...reminderMail(stage, language, {
            subject: row.subject,
            label: row.label,
            deadline: row.deadline,
            daysLeft: daysFrom(row.today, row.deadline),
            contractReference: row.contract_reference,
            link: this.config.publicLink(PATHS[row.subject](row)),
          }),
        }),
        'everyone',
      );
      await this.db.query(tx, `UPDATE deadline_reminders SET recipients = $5 WHERE subject = $1 AND subject_id = $2 AND deadline = $3 AND stage = $4`, [row.subject, row.subject_id, row.deadline, stage, recipients]);
      await this.audit.record(tx, { action: 'deadline.reminded', entityType: row.subject, entityId: row.subject_id, organisationId: row.supplier_id, after: { deadline: row.deadline, stage, recipients } });
      return 1;
    });
  }
}
