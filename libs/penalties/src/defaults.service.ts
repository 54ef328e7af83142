import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  AccessPolicy,
  APP_CONFIG,
  AppConfig,
  AuditService,
  Clock,
  Database,
  disjointBranches,
  DomainException,
  ErrorCode,
  NewestFirst,
  Page,
  RequestContext,
} from '@ddp/core';
import {
  addDays,
  ClauseService,
  computePenalty,
  Contract,
  ContractsService,
  daysFrom,
  DefaultSubject,
  endOfDayInstant,
  executionVisibleSql,
  PenaltyBreakdown,
  todayIn,
} from '@ddp/contracts';
import { decidedAmount, DecisionOutcome } from './decision';
import { decisionOutcome, defaultMail, DefaultMailKind } from './default-mail';
import { DEFAULT_COLUMNS, DEFAULT_FROM, DefaultRow, DefaultStatus, DefaultView, NOT_SHOWN_TO_SUPPLIERS, PenaltyProposal, toDefault } from './default.types';

export interface DefaultFilter {
  contractId?: string;
  status?: DefaultStatus;
  after?: string;
  limit: number;
}

export interface RecordDefaultInput {
  contractId: string;
  failing: string;
  /** The day the broken execution condition was found (contract time zone); default today. */
  occurredOn?: string;
}

export interface NoticeInput {
  /** Rewords the failing as the notice states it; default: as proposed. */
  failing?: string;
  /** The clause article the notice cites; default: the clause's article for this kind of failing. */
  article?: string;
  /** The deadline to remedy the failing; default: the clause's remedy period from today. */
  remedyDeadline?: string;
}

export interface DecisionInput {
  outcome: DecisionOutcome;
  /** For `reduced`: the amount, above 0 and below the computed penalty. */
  amountCents?: number;
  reasons: string;
  /** When the failing was remedied (contract time zone); default: read from the record that was late, or not yet. */
  remediedOn?: string;
}

/**
 * The ways an organisation follows a default's contract, as in executionVisibleSql ($1: the
 * organisation). Defaults carry their contract's authority and supplier (copied when written; a
 * contract never changes them), so the first two walk the defaults' own indexes.
 */
const DEFAULT_VISIBILITY = [
  'd.authority_id = $1',
  'd.supplier_id = $1',
  'EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = d.contract_id AND ca.audit_body_id = $1 AND ca.revoked_at IS NULL)',
];

/** One contract's defaults: its index gives them in order, and the visibility is checked on one contract. */
function contractDefaultsPage(ctx: RequestContext, filter: DefaultFilter): { sql: string; params: unknown[]; list: NewestFirst } {
  const list = new NewestFirst('d.created_at', 'd.id', [ctx.requiredActor.organisationId])
    .where(executionVisibleSql('c', '$1'))
    .where(`NOT (c.supplier_id = $1 AND d.status IN (${NOT_SHOWN_TO_SUPPLIERS}))`)
    .filter('d.contract_id = ?::uuid', filter.contractId)
    .filter('d.status = ?', filter.status);
  const tail = list.tail(filter.after, filter.limit);
  return { sql: `SELECT ${DEFAULT_COLUMNS}, ${list.cursorColumn} FROM ${DEFAULT_FROM} ${tail}`, params: list.params, list };
}

/**
 * The page of every default the actor may read. An OR of the ways to see a default would make the
 * database read and sort all of them for each page; instead each way is a branch that walks its
 * index newest first and stops after a page (each branch leaves out the rows of the earlier ones,
 * so a default comes once), and only the merged page's rows are joined for their columns.
 */
function visibleDefaultsPage(ctx: RequestContext, filter: DefaultFilter): { sql: string; params: unknown[]; list: NewestFirst } {
  const list = new NewestFirst('d.created_at', 'd.id', [ctx.requiredActor.organisationId])
    .where(`NOT (d.supplier_id = $1 AND d.status IN (${NOT_SHOWN_TO_SUPPLIERS}))`)
    .filter('d.status = ?', filter.status);
  const keys = list.keysSql(disjointBranches('defaults d', DEFAULT_VISIBILITY), filter.after, filter.limit, { disjoint: true });
  const sql = `SELECT ${DEFAULT_COLUMNS}, ${list.cursorColumn} FROM ${DEFAULT_FROM} JOIN (${keys}) page ON page.id = d.id ${list.orderBy}`;
  return { sql, params: list.params, list };
}

/**
 * Defaults and notices of default (Belgian RD 14 Jan 2013 art. 44): a default is proposed by the
 * worker for a missed deadline or recorded by the buyer; the buyer confirms it into a notice
 * (reference, failing, clause article, deadline to remedy, deadline to answer); the supplier may
 * answer until 23:59:59 of the last day of the response period in the contract's time zone, and
 * silence until then is recorded as the facts acknowledged; the buyer then decides the penalty,
 * which enters the ledger and never changes.
 */
@Injectable()
export class DefaultsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly contracts: ContractsService,
    private readonly clauses: ClauseService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.access.register('default', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(
        ctx,
        `SELECT d.id FROM defaults d JOIN contracts c ON c.id = d.contract_id
          WHERE d.id = ANY($1::uuid[]) AND ${executionVisibleSql('c', '$2')}
            AND NOT (c.supplier_id = $2 AND d.status IN (${NOT_SHOWN_TO_SUPPLIERS}))`,
        [ids, ctx.requiredActor.organisationId],
      );
      return new Set(rows.map((r) => r.id));
    });
  }

  /**
   * The worker: proposes a default for every deadline missed (the day after it, contract time zone)
   * of a report, an assessment, a red finding's plan or an action of an approved plan. Each missed
   * deadline is proposed once, however many workers run (unique index, ON CONFLICT DO NOTHING).
   */
  async proposeMissed(ctx: RequestContext = RequestContext.system()): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      const proposed = await this.db.query<{ id: string; authority_id: string; subject: string; subject_id: string; missed_deadline: string }>(
        tx,
        `INSERT INTO defaults (contract_id, authority_id, supplier_id, origin, subject, subject_id, missed_deadline, occurred_on, failing, status, clause_id)
         SELECT d.contract_id, d.authority_id, d.supplier_id, 'missed_deadline', d.subject, d.subject_id, d.deadline, d.deadline + 1,
                CASE d.subject
                  WHEN 'report' THEN format('Periodic report for %s to %s not submitted by its due date %s', o.period_start, o.period_end, d.deadline)
                  WHEN 'assessment' THEN format('Questionnaire "%s" not submitted by its due date %s', qt.title, d.deadline)
                  WHEN 'action_plan' THEN format('No corrective action plan submitted by %s for the finding "%s"', d.deadline, f.title)
                  ELSE format('Corrective action "%s" not completed by its due date %s', left(x.description, 200), d.deadline)
                END,
                'proposed',
                COALESCE((SELECT cc.id FROM contract_clauses cc WHERE cc.contract_id = d.contract_id AND cc.effective_from <= d.deadline ORDER BY cc.effective_from DESC LIMIT 1),
                         (SELECT cc.id FROM contract_clauses cc WHERE cc.contract_id = d.contract_id ORDER BY cc.version_number LIMIT 1))
           FROM open_deadlines d
           JOIN contracts c ON c.id = d.contract_id
           LEFT JOIN report_obligations o ON d.subject = 'report' AND o.id = d.subject_id
           LEFT JOIN assessments a ON d.subject = 'assessment' AND a.id = d.subject_id
           LEFT JOIN questionnaire_templates qt ON qt.id = a.template_id
           LEFT JOIN findings f ON d.subject = 'action_plan' AND f.id = d.subject_id
           LEFT JOIN plan_actions x ON d.subject = 'action' AND x.id = d.subject_id
          WHERE c.status = 'active' AND d.subject <> 'notice_response'
            AND d.deadline < ($1::timestamptz AT TIME ZONE c.time_zone)::date
         ORDER BY d.contract_id, d.deadline
         ON CONFLICT (subject, subject_id, missed_deadline) WHERE origin = 'missed_deadline' DO NOTHING
         RETURNING id, authority_id, subject, subject_id, missed_deadline::text`,
        [this.clock.now()],
      );
      for (const row of proposed) {
        await this.audit.record(tx, { action: 'default.proposed', entityType: 'default', entityId: row.id, organisationId: row.authority_id, after: { subject: row.subject, subjectId: row.subject_id, missedDeadline: row.missed_deadline } });
      }
      return proposed.length;
    });
  }

  /**
   * The worker: records silence as the facts acknowledged once a notice's response period is over
   * (the day after its last day, contract time zone). Running it again changes nothing.
   */
  async acknowledgeSilence(ctx: RequestContext = RequestContext.system()): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      const rows = await this.db.query<{ id: string; authority_id: string }>(
        tx,
        `WITH acknowledged AS (
           UPDATE defaults d SET status = 'acknowledged', acknowledged_at = $1, version = d.version + 1, updated_at = $1
             FROM contracts c
            WHERE c.id = d.contract_id AND d.status = 'notified' AND d.response_deadline < ($1::timestamptz AT TIME ZONE c.time_zone)::date
           RETURNING d.id, d.authority_id)
         SELECT * FROM acknowledged`,
        [this.clock.now()],
      );
      for (const row of rows) await this.audit.record(tx, { action: 'default.facts_acknowledged', entityType: 'default', entityId: row.id, organisationId: row.authority_id });
      return rows.length;
    });
  }

  /** A buyer records a broken execution condition (a failed audit, an expired label…). */
  async record(ctx: RequestContext, input: RecordDefaultInput): Promise<DefaultView> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.contracts.requireRole(tx, input.contractId, ['authority']);
      const today = todayIn(contract.timeZone, this.clock.now());
      const occurredOn = input.occurredOn ?? today;
      if (occurredOn > today) throw DomainException.validation([{ field: 'occurredOn', message: `occurredOn must not be after today (${today})` }]);
      if (occurredOn < contract.startDate) throw DomainException.validation([{ field: 'occurredOn', message: `occurredOn must not be before the contract's start (${contract.startDate})` }]);
      const clause = await this.clauses.inForceOn(tx, contract.id, occurredOn);
      const [row] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO defaults (contract_id, authority_id, supplier_id, origin, subject, occurred_on, failing, status, clause_id, created_by)
         VALUES ($1, $2, $3, 'recorded', 'execution_condition', $4, $5, 'proposed', $6, $7) RETURNING id`,
        [contract.id, contract.authority.id, contract.supplier.id, occurredOn, input.failing, clause?.id ?? null, tx.requiredActor.userId],
      );
      await this.audit.record(tx, { action: 'default.recorded', entityType: 'default', entityId: row.id, organisationId: contract.authority.id, after: { contractId: contract.id, occurredOn, failing: input.failing } });
      return this.view(tx, row.id, contract);
    });
  }

  async list(ctx: RequestContext, filter: DefaultFilter): Promise<Page<DefaultView>> {
    const { sql, params, list } = filter.contractId ? contractDefaultsPage(ctx, filter) : visibleDefaultsPage(ctx, filter);
    const rows = await this.db.query<DefaultRow & { cursor_at: string }>(ctx, sql, params);
    return list.page(rows, filter.limit, toDefault);
  }

  /** One default; the authority and auditors also see the penalty it would carry if decided today. */
  async get(ctx: RequestContext, id: string): Promise<DefaultView> {
    await this.access.require(ctx, 'default', id);
    return this.view(ctx, id);
  }

  /** The buyer confirms a proposed or recorded default into a notice of default, mailed to the supplier. */
  async sendNotice(ctx: RequestContext, id: string, input: NoticeInput, expectedVersion?: number): Promise<DefaultView> {
    return this.db.transaction(ctx, async (tx) => {
      const row = await this.lockForAuthority(tx, id, expectedVersion);
      if (row.status !== 'proposed') throw new DomainException(ErrorCode.InvalidState, `The default is ${row.status}: only a proposed default becomes a notice`);
      const contract = await this.contracts.getWithRole(tx, row.contract_id);
      const now = this.clock.now();
      const sentOn = todayIn(contract.timeZone, now);
      // The notice is an event of the day it is sent: the clause in force that day sets its periods.
      const { terms } = await this.clauses.termsOn(tx, contract.id, sentOn);
      const article = input.article ?? terms.articles[row.subject as DefaultSubject];
      if (!article) throw DomainException.validation([{ field: 'article', message: 'article is required: the clause names no article for this kind of failing' }]);
      const remedyDeadline = input.remedyDeadline ?? addDays(sentOn, terms.noticeRemedyDays);
      if (remedyDeadline < sentOn) throw DomainException.validation([{ field: 'remedyDeadline', message: `remedyDeadline must be today (${sentOn}) or later` }]);
      const responseDeadline = addDays(sentOn, terms.noticeResponseDays);
      const year = Number(sentOn.slice(0, 4));
      const [counter] = await this.db.query<{ last_number: number }>(
        tx,
        `INSERT INTO notice_counters (authority_id, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (authority_id, year) DO UPDATE SET last_number = notice_counters.last_number + 1 RETURNING last_number`,
        [row.authority_id, year],
      );
      const reference = `ND-${year}-${String(counter.last_number).padStart(4, '0')}`;
      const failing = input.failing ?? row.failing;
      await this.db.query(
        tx,
        `UPDATE defaults SET status = 'notified', reference = $2, article = $3, failing = $4, remedy_deadline = $5, response_deadline = $6,
           sent_at = $7, sent_on = $8, notified_by = $9, version = version + 1, updated_at = $7 WHERE id = $1`,
        [id, reference, article, failing, remedyDeadline, responseDeadline, now, sentOn, tx.requiredActor.userId],
      );
      await this.audit.record(tx, { action: 'default.notice_sent', entityType: 'default', entityId: id, organisationId: row.authority_id, after: { reference, article, failing, remedyDeadline, responseDeadline, sentOn } });
      await this.mail(tx, 'notice', contract, contract.supplier.id, { reference, failing, article, remedyDeadline, responseDeadline, id });
      return this.view(tx, id, contract);
    });
  }

  /** The buyer sets aside a proposal that is not a default after all (e.g. delivered on paper). */
  async dismiss(ctx: RequestContext, id: string, reasons: string, expectedVersion?: number): Promise<DefaultView> {
    return this.db.transaction(ctx, async (tx) => {
      const row = await this.lockForAuthority(tx, id, expectedVersion);
      if (row.status !== 'proposed') throw new DomainException(ErrorCode.InvalidState, `The default is ${row.status}: only a proposed default can be dismissed`);
      await this.db.query(tx, `UPDATE defaults SET status = 'dismissed', dismissal_reasons = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [id, reasons, this.clock.now()]);
      await this.audit.record(tx, { action: 'default.dismissed', entityType: 'default', entityId: id, organisationId: row.authority_id, after: { reasons } });
      return this.view(tx, id);
    });
  }

  /** The supplier's defence, until 23:59:59 of the response period's last day (contract time zone). */
  async respond(ctx: RequestContext, id: string, text: string, expectedVersion?: number): Promise<DefaultView> {
    return this.db.transaction(ctx, async (tx) => {
      await this.access.require(tx, 'default', id);
      const [row] = await this.db.query<DefaultRow>(tx, `SELECT ${DEFAULT_COLUMNS} FROM ${DEFAULT_FROM} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
      const contract = await this.contracts.requireRole(tx, row.contract_id, ['supplier']);
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw new DomainException(ErrorCode.PreconditionFailed);
      if (row.status === 'answered') throw new DomainException(ErrorCode.InvalidState, 'The notice has been answered already');
      const now = this.clock.now();
      if (row.status !== 'notified' || now >= endOfDayInstant(row.response_deadline!, contract.timeZone)) {
        throw new DomainException(ErrorCode.ResponsePeriodEnded, `The response period ended with ${row.response_deadline} (23:59:59, ${contract.timeZone})`);
      }
      await this.db.query(tx, `UPDATE defaults SET status = 'answered', response_text = $2, responded_at = $3, responded_by = $4, version = version + 1, updated_at = $3 WHERE id = $1`, [id, text, now, tx.requiredActor.userId]);
      await this.audit.record(tx, { action: 'default.answered', entityType: 'default', entityId: id, organisationId: row.supplier_id, after: { text } });
      await this.mail(tx, 'response', contract, contract.authority.id, { reference: row.reference!, failing: row.failing, article: row.article!, remedyDeadline: row.remedy_deadline!, responseDeadline: row.response_deadline!, id });
      return this.view(tx, id, contract);
    });
  }

  /**
   * The buyer decides, once, after the supplier answered or the response period ended: the
   * penalty computed by the clause in force on the default's date is applied, reduced (with an
   * amount below it) or waived, always with reasons. The ledger entry is immutable.
   */
  async decide(ctx: RequestContext, id: string, input: DecisionInput, expectedVersion?: number): Promise<DefaultView> {
    return this.db.transaction(ctx, async (tx) => {
      const row = await this.lockForAuthority(tx, id, expectedVersion);
      if (row.status === 'decided') throw new DomainException(ErrorCode.InvalidState, 'The default has been decided already; correct its ledger entry instead');
      if (!['notified', 'answered', 'acknowledged'].includes(row.status)) throw new DomainException(ErrorCode.InvalidState, `The default is ${row.status}: send a notice first`);
      // One decision at a time per contract: the cumulative cap reads what was applied before.
      const contract = await this.contracts.requireRole(tx, row.contract_id, ['authority'], true);
      const now = this.clock.now();
      const today = todayIn(contract.timeZone, now);
      const periodOver = now >= endOfDayInstant(row.response_deadline!, contract.timeZone);
      if (row.status === 'notified' && !periodOver) {
        throw new DomainException(ErrorCode.ResponsePeriodOpen, `The supplier may answer until ${row.response_deadline} (23:59:59, ${contract.timeZone}); decide after its answer or after that`);
      }
      if (input.remediedOn !== undefined && (input.remediedOn > today || input.remediedOn < row.occurred_on)) {
        throw DomainException.validation([{ field: 'remediedOn', message: `remediedOn must be between the default (${row.occurred_on}) and today (${today})` }]);
      }
      const proposal = await this.proposal(tx, row, contract, today, input.remediedOn);
      const amount = decidedAmount(input.outcome, input.amountCents, proposal.amountCents);
      const [entry] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, default_id, subject, subject_id, missed_deadline, calculation, reasons, decided_on, decided_at, decided_by)
         VALUES ($1, $2, $3, 'penalty', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [contract.id, contract.authority.id, contract.supplier.id, input.outcome, amount, proposal.amountCents, contract.currency, id, row.subject, row.subject_id, row.missed_deadline, JSON.stringify(proposal), input.reasons, today, now, tx.requiredActor.userId],
      );
      await this.db.query(
        tx,
        `UPDATE defaults SET status = 'decided', decision = $2, decision_reasons = $3, decided_at = $4, decided_by = $5, remedied_on = $6,
           acknowledged_at = CASE WHEN status = 'notified' THEN $4 ELSE acknowledged_at END, version = version + 1, updated_at = $4
         WHERE id = $1`,
        [id, input.outcome, input.reasons, now, tx.requiredActor.userId, proposal.remediedOn],
      );
      await this.audit.record(tx, {
        action: 'default.decided',
        entityType: 'default',
        entityId: id,
        organisationId: contract.authority.id,
        after: { outcome: input.outcome, amountCents: amount, computedCents: proposal.amountCents, currency: contract.currency, reasons: input.reasons, penaltyId: entry.id },
      });
      await this.mail(tx, 'decision', contract, contract.supplier.id, {
        reference: row.reference!,
        failing: row.failing,
        article: row.article!,
        remedyDeadline: row.remedy_deadline!,
        responseDeadline: row.response_deadline!,
        id,
        decision: { outcome: input.outcome, cents: amount },
      });
      return this.view(tx, id, contract);
    });
  }

  /** The penalty a decision on `today` would carry, with its calculation (clause in force on the default's date). */
  private async proposal(ctx: RequestContext, row: DefaultRow, contract: Contract, today: string, remediedOn?: string): Promise<PenaltyProposal> {
    const { clauseId, terms } = await this.clauses.termsOn(ctx, contract.id, row.occurred_on);
    const remedied = remediedOn ?? (await this.remediedOn(ctx, row, contract.timeZone));
    const until = remedied && remedied <= today ? remedied : today;
    const daysUntilRemedied = row.remedy_deadline ? Math.max(0, daysFrom(row.remedy_deadline, until)) : 0;
    const [applied] = await this.db.query<{ total: string }>(ctx, `SELECT COALESCE(SUM(amount_cents), 0)::text AS total FROM penalties WHERE contract_id = $1 AND kind = 'penalty'`, [contract.id]);
    const breakdown: PenaltyBreakdown = computePenalty({
      terms: terms.penalties ?? {},
      contractValueCents: contract.valueCents,
      daysUntilRemedied,
      alreadyAppliedCents: Math.max(0, Number(applied.total)),
    });
    return { ...breakdown, clauseId, currency: contract.currency, contractValueCents: contract.valueCents, remedyDeadline: row.remedy_deadline, remediedOn: remedied ?? null, asOf: today, daysUntilRemedied };
  }

  /** When the late record was finally delivered, read from it (contract time zone), if it was. */
  private async remediedOn(ctx: RequestContext, row: DefaultRow, timeZone: string): Promise<string | null> {
    if (row.origin !== 'missed_deadline') return null;
    const [found] = await this.db.query<{ on: string | null }>(
      ctx,
      `SELECT (CASE $1::text
          WHEN 'report' THEN (SELECT r.first_submitted_on FROM reports r WHERE r.obligation_id = $2)
          WHEN 'assessment' THEN (SELECT (min(v.submitted_at) AT TIME ZONE $3)::date FROM assessment_revisions v WHERE v.assessment_id = $2)
          WHEN 'action_plan' THEN (SELECT min(p.submitted_on) FROM action_plan_findings pf JOIN action_plans p ON p.id = pf.plan_id WHERE pf.finding_id = $2)
          WHEN 'action' THEN (SELECT x.done_on FROM plan_actions x WHERE x.id = $2)
        END)::text AS on`,
      [row.subject, row.subject_id, timeZone],
    );
    return found?.on ?? null;
  }

  private async lockForAuthority(tx: RequestContext, id: string, expectedVersion?: number): Promise<DefaultRow> {
    await this.access.require(tx, 'default', id);
    const [row] = await this.db.query<DefaultRow>(tx, `SELECT ${DEFAULT_COLUMNS} FROM ${DEFAULT_FROM} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
    if (row.authority_id !== tx.requiredActor.organisationId) throw new DomainException(ErrorCode.Forbidden, "Only the contract's authority may do this");
    if (expectedVersion !== undefined && row.version !== expectedVersion) throw new DomainException(ErrorCode.PreconditionFailed);
    return row;
  }

  private async view(ctx: RequestContext, id: string, known?: Contract): Promise<DefaultView> {
    const [row] = await this.db.query<DefaultRow>(ctx, `SELECT ${DEFAULT_COLUMNS} FROM ${DEFAULT_FROM} WHERE d.id = $1`, [id]);
    const now = this.clock.now();
    const view = toDefault(row);
    const actorOrg = ctx.requiredActor.organisationId;
    if (actorOrg !== row.supplier_id && ['notified', 'answered', 'acknowledged'].includes(row.status)) {
      const contract = known ?? (await this.contracts.getWithRole(ctx, row.contract_id));
      view.penaltyProposal = await this.proposal(ctx, row, contract, todayIn(contract.timeZone, now));
    }
    return view;
  }

  private async mail(
    tx: RequestContext,
    kind: DefaultMailKind,
    contract: Contract,
    to: string,
    d: { reference: string; failing: string; article: string; remedyDeadline: string; responseDeadline: string; id: string; decision?: { outcome: DecisionOutcome; cents: number } },
  ): Promise<void> {
    const counterpart = to === contract.supplier.id ? contract.authority.name : contract.supplier.name;
    await this.contracts.mailOrganisation(tx, to, (language) => ({
      template: `default-${kind}`,
      ...defaultMail(kind, language, {
        reference: d.reference,
        contractReference: contract.reference,
        counterpart,
        failing: d.failing,
        article: d.article,
        remedyDeadline: d.remedyDeadline,
        responseDeadline: d.responseDeadline,
        outcome: d.decision && decisionOutcome(language, d.decision.outcome, d.decision.cents, contract.currency),
        link: this.config.publicLink(`/defaults/${d.id}`),
      }),
    }));
  }
}
