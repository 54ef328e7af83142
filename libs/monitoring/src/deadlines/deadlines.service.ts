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

/** Open deadlines with what they are called and the contract's today; `$1` is the instant "now". */
const DEADLINES_SQL = `
  SELECT d.subject, d.subject_id, d.contract_id, c.reference AS contract_reference, d.authority_id, d.supplier_id, so.name AS supplier_name,
         CASE d.subject
           WHEN 'report' THEN o.period_start || ' – ' || o.period_end
           WHEN 'assessment' THEN qt.title
           WHEN 'action_plan' THEN f.title
           WHEN 'action' THEN left(x.description, 200)
           ELSE n.reference
         END AS label,
         d.deadline::text, (($1::timestamptz AT TIME ZONE c.time_zone)::date)::text AS today
    FROM open_deadlines d
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
 * Deadlines across the contract's execution, read from the `open_deadlines` view: the reminders
 * the worker mails (7, 3 and 1 days before, and the day after a deadline is missed) and the list
 * of what is due for an organisation.
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
    const rows = await this.db.query<DeadlineRow>(ctx, `${DEADLINES_SQL} AND d.deadline BETWEEN ($1::timestamptz)::date - 9 AND ($1::timestamptz)::date + 9 ORDER BY d.deadline, d.subject_id`, [now]);
    let sent = 0;
    for (const row of rows) {
      const stage = reminderStage(row.today, row.deadline);
      if (stage) sent += await this.remind(ctx, row, stage);
    }
    return sent;
  }

  /** What is due for the actor's organisation (its supplier obligations, or those it awaits as a buyer), soonest first. */
  async forOrganisation(ctx: RequestContext, options: { contractId?: string; limit: number }): Promise<OpenDeadline[]> {
    const org = ctx.requiredActor.organisationId;
    const rows = await this.db.query<DeadlineRow>(
      ctx,
      `${DEADLINES_SQL} AND (d.supplier_id = $2 OR d.authority_id = $2 OR EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = c.id AND ca.audit_body_id = $2 AND ca.revoked_at IS NULL))
         AND ($3::uuid IS NULL OR d.contract_id = $3) ORDER BY d.deadline, d.subject, d.subject_id LIMIT $4`,
      [this.clock.now(), org, options.contractId ?? null, options.limit],
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
