import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EvidenceService, EvidenceView, UploadedEvidence } from '@ddp/assessments';
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
  FieldError,
  Language,
  NewestFirst,
  Page,
  RequestContext,
} from '@ddp/core';
import { ContractRole, contractRoleSql, ContractsService, contractVisibleSql, daysFrom, evaluateKpi, KpiDefinition, KpiResult, parseKpiValue, todayIn } from '@ddp/contracts';
import { ReportMailKind, reportMail } from './report-mail';
import { KpiValue, KpiValueInput, ReportFilter, ReportStatus, ReportSubmissionView, ReportSummary, ReportView, UpdateReportInput } from './report.types';

/** Statuses in which the supplier may still change a report. */
const WRITABLE: ReportStatus[] = ['draft', 'returned'];

interface ReportRow {
  id: string;
  obligation_id: string;
  contract_id: string;
  status: ReportStatus;
  submission_count: number;
  first_submitted_at: Date | null;
  first_submitted_on: string | null;
  days_late: number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  authority_id: string;
  authority_name: string;
  supplier_id: string;
  supplier_name: string;
  contract_reference: string;
  time_zone: string;
  period_start: string;
  period_end: string;
  due_date: string;
  clause_id: string;
  access: ContractRole | null;
}

interface ReportDetailRow extends ReportRow {
  narrative: string;
  kpi_values: KpiValue[];
  clause_version: number;
  kpis: KpiDefinition[];
}

interface SubmissionRow {
  number: number;
  narrative: string;
  kpi_values: KpiValue[];
  kpi_results: KpiResult[];
  submitted_at: Date;
  submitted_on: string;
  days_late: number;
  decision: 'accepted' | 'returned' | null;
  comments: string | null;
  decided_at: Date | null;
}

/** $2: the actor's organisation. */
const REPORT_COLUMNS = `r.id, r.obligation_id, r.contract_id, r.status, r.submission_count, r.first_submitted_at, to_char(r.first_submitted_on, 'YYYY-MM-DD') AS first_submitted_on,
  r.days_late, r.version, r.created_at, r.updated_at, r.authority_id, ao.name AS authority_name, r.supplier_id, so.name AS supplier_name,
  c.reference AS contract_reference, c.time_zone, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, to_char(o.period_end, 'YYYY-MM-DD') AS period_end,
  to_char(o.due_date, 'YYYY-MM-DD') AS due_date, o.clause_id, ${contractRoleSql('c', '$2')} AS access`;
const REPORT_FROM = `reports r JOIN report_obligations o ON o.id = r.obligation_id JOIN contracts c ON c.id = r.contract_id
  JOIN organisations ao ON ao.id = r.authority_id JOIN organisations so ON so.id = r.supplier_id`;
const DETAIL_SQL = `SELECT ${REPORT_COLUMNS}, r.narrative, r.kpi_values, k.version_number AS clause_version, COALESCE(k.terms->'reporting'->'kpis', '[]'::jsonb) AS kpis
  FROM ${REPORT_FROM} JOIN contract_clauses k ON k.id = o.clause_id WHERE r.id = $1`;

/**
 * The ways an organisation has a part in a report's contract, as in contractVisibleSql ($2: the
 * organisation). Reports carry their contract's authority and supplier (copied when written; a
 * contract never changes them), so the first two walk the reports' own indexes.
 */
const REPORT_VISIBILITY = [
  'r.authority_id = $2',
  'r.supplier_id = $2',
  'EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = r.contract_id AND cp.organisation_id = $2)',
  'EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = r.contract_id AND ca.audit_body_id = $2 AND ca.revoked_at IS NULL)',
];

/** $1 is the report id of the single-record reads that share REPORT_COLUMNS (none here); $2 the actor's organisation. */
const listParams = (ctx: RequestContext): unknown[] => [null, ctx.requiredActor.organisationId];

/** One contract's reports: its index gives them in order, and the visibility is checked on one contract. */
function contractReportsPage(ctx: RequestContext, filter: ReportFilter): { sql: string; params: unknown[]; list: NewestFirst } {
  const list = new NewestFirst('r.created_at', 'r.id', listParams(ctx))
    .where('$1::int IS NULL')
    .where(contractVisibleSql('c', '$2'))
    .filter('r.contract_id = ?::uuid', filter.contractId)
    .filter('r.status = ?', filter.status);
  const tail = list.tail(filter.after, filter.limit);
  return { sql: `SELECT ${REPORT_COLUMNS}, ${list.cursorColumn} FROM ${REPORT_FROM} ${tail}`, params: list.params, list };
}

/**
 * The page of every report the actor may read. An OR of the ways to see a report would make the
 * database read and sort all of them for each page; instead each way is a branch that walks its
 * index newest first and stops after a page (each branch leaves out the rows of the earlier ones,
 * so a report comes once), and only the merged page's rows are joined for their columns.
 */
function visibleReportsPage(ctx: RequestContext, filter: ReportFilter): { sql: string; params: unknown[]; list: NewestFirst } {
  const list = new NewestFirst('r.created_at', 'r.id', listParams(ctx)).filter('r.status = ?', filter.status);
  const keys = list.keysSql(disjointBranches('reports r', REPORT_VISIBILITY), filter.after, filter.limit, { disjoint: true });
  const sql = `SELECT ${REPORT_COLUMNS}, ${list.cursorColumn} FROM ${REPORT_FROM} JOIN (${keys}) page ON page.id = r.id WHERE $1::int IS NULL ${list.orderBy}`;
  return { sql, params: list.params, list };
}

/**
 * Periodic reports: the supplier writes one per obligation (a narrative and the KPI values the
 * clause version of the period asks for) and submits it; each submission is an immutable
 * snapshot with its KPI results and lateness; the awarding authority accepts it or returns it with
 * comments. Readable by the contract's buyers, its supplier and its assigned auditors.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
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
    this.access.register('report', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(ctx, `SELECT r.id FROM reports r JOIN contracts c ON c.id = r.contract_id WHERE r.id = ANY($1::uuid[]) AND ${contractVisibleSql('c', '$2')}`, [
        ids,
        ctx.requiredActor.organisationId,
      ]);
      return new Set(rows.map((r) => r.id));
    });
  }

  /** The supplier starts the report of an obligation, from the first day of its period; one per obligation. */
  async create(ctx: RequestContext, obligationId: string): Promise<ReportView> {
    return this.db.transaction(ctx, async (tx) => {
      const actor = tx.requiredActor;
      // FOR SHARE: a reconciliation cannot supersede the obligation while its report is being created.
      const [obligation] = await this.db.query<{ contract_id: string; authority_id: string; supplier_id: string; superseded: boolean; period_start: string; time_zone: string; access: ContractRole | null }>(
        tx,
        `SELECT o.contract_id, o.authority_id, o.supplier_id, o.superseded_at IS NOT NULL AS superseded, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, c.time_zone,
           ${contractRoleSql('c', '$2')} AS access
         FROM report_obligations o JOIN contracts c ON c.id = o.contract_id WHERE o.id = $1 FOR SHARE OF o`,
        [obligationId, actor.organisationId],
      );
      if (!obligation?.access) throw DomainException.notFound('The obligation');
      if (obligation.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s supplier writes its reports');
      if (obligation.superseded) throw new DomainException(ErrorCode.InvalidState, 'The obligation was replaced by a later version of the clause');
      const today = todayIn(obligation.time_zone, this.clock.now());
      if (today < obligation.period_start) throw new DomainException(ErrorCode.InvalidState, `The period starts on ${obligation.period_start}: its report is written from then`);
      const [created] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO reports (obligation_id, contract_id, authority_id, supplier_id, status, created_by) VALUES ($1, $2, $3, $4, 'draft', $5)
         ON CONFLICT (obligation_id) DO NOTHING RETURNING id`,
        [obligationId, obligation.contract_id, obligation.authority_id, obligation.supplier_id, actor.userId],
      );
      if (!created) {
        const [existing] = await this.db.query<{ id: string }>(tx, `SELECT id FROM reports WHERE obligation_id = $1`, [obligationId]);
        throw new DomainException(ErrorCode.Conflict, `This obligation has a report already: ${existing.id}`);
      }
      const entry = { action: 'report.created', entityType: 'report', entityId: created.id, after: { obligationId, contractId: obligation.contract_id, status: 'draft' } };
      await this.audit.record(tx, { ...entry, organisationId: obligation.supplier_id });
      await this.audit.record(tx, { ...entry, organisationId: obligation.authority_id });
      return this.get(tx, created.id);
    });
  }

  /** The supplier saves the narrative and/or the KPI values (the whole list) of a draft or returned report. */
  async update(ctx: RequestContext, id: string, input: UpdateReportInput, expectedVersion: number | undefined): Promise<ReportView> {
    return this.db.transaction(ctx, async (tx) => {
      const report = await this.lockForSupplier(tx, id, expectedVersion);
      if (input.narrative === undefined && input.kpiValues === undefined) return this.get(tx, id);
      const kpiValues = input.kpiValues === undefined ? undefined : checkedKpiValues(report.kpis, input.kpiValues);
      await this.db.query(
        tx,
        `UPDATE reports SET narrative = COALESCE($2, narrative), kpi_values = COALESCE($3::jsonb, kpi_values), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, input.narrative ?? null, kpiValues === undefined ? null : JSON.stringify(kpiValues)],
      );
      const entry = {
        action: 'report.updated',
        entityType: 'report',
        entityId: id,
        before: { version: report.version, narrativeLength: report.narrative.length, kpiValues: report.kpi_values },
        after: { version: report.version + 1, narrativeLength: (input.narrative ?? report.narrative).length, kpiValues: kpiValues ?? report.kpi_values },
      };
      await this.audit.record(tx, { ...entry, organisationId: report.supplier_id });
      await this.audit.record(tx, { ...entry, organisationId: report.authority_id });
      return this.get(tx, id);
    });
  }

  /**
   * Submits the report: every KPI of the clause version needs a value (else 422 listing the
   * missing codes). Writes an immutable submission with the KPI results and its lateness; the
   * first submission's lateness is the report's. The buyer's admins are mailed.
   */
  async submit(ctx: RequestContext, id: string, expectedVersion: number | undefined): Promise<ReportView> {
    return this.db.transaction(ctx, async (tx) => {
      const report = await this.lockForSupplier(tx, id, expectedVersion);
      const values = new Map(report.kpi_values.map((v) => [v.code, v]));
      const missing = report.kpis.filter((kpi) => !values.has(kpi.code));
      if (missing.length > 0) {
        throw new DomainException(
          ErrorCode.ReportIncomplete,
          `Missing KPI values: ${missing.map((kpi) => kpi.code).join(', ')}`,
          missing.map((kpi) => ({ field: `kpiValues.${kpi.code}`, message: `${kpi.code} (${kpi.name}) needs a value` })),
        );
      }
      const submittedAt = this.clock.now();
      const submittedOn = todayIn(report.time_zone, submittedAt);
      const daysLate = Math.max(0, daysFrom(report.due_date, submittedOn));
      const ordered = report.kpis.map((kpi) => values.get(kpi.code)!);
      const results = report.kpis.map((kpi) => evaluateKpi(kpi, values.get(kpi.code)!.value));
      const number = report.submission_count + 1;
      await this.db.query(
        tx,
        `INSERT INTO report_submissions (report_id, number, narrative, kpi_values, kpi_results, submitted_at, submitted_on, submitted_by, days_late)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, number, report.narrative, JSON.stringify(ordered), JSON.stringify(results), submittedAt, submittedOn, tx.requiredActor.userId, daysLate],
      );
      // Lateness is that of the first submission: a late report stays recorded as late.
      await this.db.query(
        tx,
        `UPDATE reports SET status = 'submitted', submission_count = $2, first_submitted_at = COALESCE(first_submitted_at, $3), first_submitted_on = COALESCE(first_submitted_on, $4),
           days_late = COALESCE(days_late, $5), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, number, submittedAt, submittedOn, daysLate],
      );
      // The obligation is met from the first submission on (what `open_deadlines` reads, by index).
      await this.db.query(tx, `UPDATE report_obligations SET fulfilled_on = $2 WHERE id = $1 AND fulfilled_on IS NULL`, [report.obligation_id, submittedOn]);
      const entry = {
        action: 'report.submitted',
        entityType: 'report',
        entityId: id,
        before: { status: report.status },
        after: { status: 'submitted', submission: number, submittedOn, daysLate, results: results.map((r) => ({ code: r.code, value: r.value, colour: r.colour })) },
      };
      await this.audit.record(tx, { ...entry, organisationId: report.supplier_id });
      await this.audit.record(tx, { ...entry, organisationId: report.authority_id });
      await this.notify(tx, report, 'submitted', report.authority_id, report.supplier_name);
      return this.get(tx, id);
    });
  }

  /** The awarding authority accepts a submitted report, or returns it to the supplier with comments. */
  async decide(ctx: RequestContext, id: string, decision: 'accepted' | 'returned', comments: string | undefined, expectedVersion: number | undefined): Promise<ReportView> {
    return this.db.transaction(ctx, async (tx) => {
      const report = await this.load(tx, id, true);
      if (report.access !== 'authority') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s awarding authority reviews its reports');
      checkVersion(report, expectedVersion);
      if (report.status !== 'submitted') throw new DomainException(ErrorCode.InvalidState, `The report is ${report.status}; only a submitted report is reviewed`);
      if (decision === 'returned' && !comments) throw DomainException.validation([{ field: 'comments', message: 'comments must say what to change' }]);
      const actor = tx.requiredActor;
      await this.db.query(tx, `UPDATE report_submissions SET decision = $3, comments = $4, decided_at = $5, decided_by = $6 WHERE report_id = $1 AND number = $2`, [
        id,
        report.submission_count,
        decision,
        comments ?? null,
        this.clock.now(),
        actor.userId,
      ]);
      await this.db.query(tx, `UPDATE reports SET status = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, decision]);
      const entry = { action: `report.${decision}`, entityType: 'report', entityId: id, before: { status: report.status }, after: { status: decision, submission: report.submission_count, comments: comments ?? null } };
      await this.audit.record(tx, { ...entry, organisationId: report.authority_id });
      await this.audit.record(tx, { ...entry, organisationId: report.supplier_id });
      await this.notify(tx, report, decision, report.supplier_id, report.authority_name, comments);
      return this.get(tx, id);
    });
  }

  /** One report with its obligation, KPI definitions, current values, submissions and attachments. */
  async get(ctx: RequestContext, id: string): Promise<ReportView> {
    const report = await this.load(ctx, id);
    const submissions = await this.db.query<SubmissionRow>(
      ctx,
      `SELECT number, narrative, kpi_values, kpi_results, submitted_at, to_char(submitted_on, 'YYYY-MM-DD') AS submitted_on, days_late, decision, comments, decided_at
       FROM report_submissions WHERE report_id = $1 ORDER BY number`,
      [id],
    );
    const attachments = await this.evidence.listFor(ctx, { kind: 'report', id });
    return toView(report, submissions.map(toSubmission), attachments, todayIn(report.time_zone, this.clock.now()));
  }

  /** Reports of the contracts the actor has a part in, newest first (keyset). */
  async list(ctx: RequestContext, filter: ReportFilter): Promise<Page<ReportSummary>> {
    const { sql, params, list } = filter.contractId ? contractReportsPage(ctx, filter) : visibleReportsPage(ctx, filter);
    const rows = await this.db.query<ReportRow & { cursor_at: string }>(ctx, sql, params);
    const now = this.clock.now();
    return list.page(rows, filter.limit, (r) => toSummary(r, todayIn(r.time_zone, now)));
  }

  /** Evidence for a draft or returned report, by its supplier. */
  async attach(ctx: RequestContext, id: string, upload: UploadedEvidence): Promise<EvidenceView> {
    return this.evidence.attachTo(ctx, { kind: 'report', id }, upload, async (tx) => {
      const report = await this.lockForSupplier(tx, id, undefined);
      return { timeZone: report.time_zone };
    });
  }

  async attachments(ctx: RequestContext, id: string): Promise<EvidenceView[]> {
    await this.load(ctx, id);
    return this.evidence.listFor(ctx, { kind: 'report', id });
  }

  /** The report, 404 unless the actor has a part in its contract; locked when `forUpdate`. */
  private async load(ctx: RequestContext, id: string, forUpdate = false): Promise<ReportDetailRow> {
    const [row] = await this.db.query<ReportDetailRow>(ctx, `${DETAIL_SQL}${forUpdate ? ' FOR UPDATE OF r' : ''}`, [id, ctx.requiredActor.organisationId]);
    if (!row?.access) throw DomainException.notFound();
    return row;
  }

  /** For the supplier's writes: readable (else 404), its own (else 403), at the expected version (else 412), still open (else 409). */
  private async lockForSupplier(tx: RequestContext, id: string, expectedVersion: number | undefined): Promise<ReportDetailRow> {
    const report = await this.load(tx, id, true);
    if (report.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the contract’s supplier writes its reports');
    checkVersion(report, expectedVersion);
    if (!WRITABLE.includes(report.status)) throw new DomainException(ErrorCode.InvalidState, `The report is ${report.status}: it can no longer change`);
    return report;
  }

  /** Mails the admins of `organisationId` in its language. */
  private async notify(tx: RequestContext, report: ReportRow, kind: ReportMailKind, organisationId: string, counterpart: string, comments?: string): Promise<void> {
    const [organisation] = await this.db.query<{ preferred_language: Language }>(tx, `SELECT preferred_language FROM organisations WHERE id = $1`, [organisationId]);
    const mail = reportMail(kind, organisation.preferred_language, {
      contractReference: report.contract_reference,
      periodStart: report.period_start,
      periodEnd: report.period_end,
      counterpart,
      comments,
      link: this.config.publicLink(`/reports/${report.id}`),
    });
    await this.contracts.mailAdmins(tx, organisationId, { template: `report_${kind}`, ...mail });
  }
}

/**
 * The KPI values of a save checked against the clause version's KPIs: each code a KPI (once), the
 * unit (when given) the KPI's, the value valid for the unit. 422 listing every problem by index;
 * else the values in canonical form, in the clause's KPI order.
 */
export function checkedKpiValues(kpis: KpiDefinition[], inputs: KpiValueInput[]): KpiValue[] {
  const byCode = new Map(kpis.map((kpi) => [kpi.code, kpi]));
  const values = new Map<string, string>();
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  inputs.forEach((input, i) => {
    const kpi = typeof input.code === 'string' ? byCode.get(input.code) : undefined;
    if (!kpi) {
      const known = kpis.map((k) => k.code).join(', ') || 'none';
      errors.push({ field: `kpiValues.${i}.code`, message: `code must be a KPI of the clause for this period (${known})` });
      return;
    }
    if (seen.has(kpi.code)) {
      errors.push({ field: `kpiValues.${i}.code`, message: `code ${kpi.code} is given twice` });
      return;
    }
    seen.add(kpi.code);
    if (input.unit !== undefined && input.unit !== kpi.unit) errors.push({ field: `kpiValues.${i}.unit`, message: `unit must be ${kpi.unit}, the unit of ${kpi.code}` });
    const parsed = parseKpiValue(kpi.unit, input.value);
    if (parsed.ok) values.set(kpi.code, parsed.value);
    else errors.push({ field: `kpiValues.${i}.value`, message: `value ${parsed.message}` });
  });
  if (errors.length > 0) throw new DomainException(ErrorCode.Unprocessable, errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return kpis.filter((kpi) => values.has(kpi.code)).map((kpi) => ({ code: kpi.code, value: values.get(kpi.code)!, unit: kpi.unit }));
}

function checkVersion(report: { version: number }, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && report.version !== expectedVersion) {
    throw new DomainException(ErrorCode.PreconditionFailed, `The report is at version ${report.version}, not ${expectedVersion}: reload it`);
  }
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toSummary(r: ReportRow, today: string): ReportSummary {
  return {
    id: r.id,
    obligationId: r.obligation_id,
    contractId: r.contract_id,
    contractReference: r.contract_reference,
    authority: { id: r.authority_id, name: r.authority_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    status: r.status,
    submissionCount: r.submission_count,
    firstSubmittedAt: iso(r.first_submitted_at),
    firstSubmittedOn: r.first_submitted_on,
    daysLate: r.days_late,
    late: r.days_late !== null ? r.days_late > 0 : today > r.due_date,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

function toSubmission(s: SubmissionRow): ReportSubmissionView {
  return {
    number: s.number,
    narrative: s.narrative,
    kpiValues: s.kpi_values,
    kpiResults: s.kpi_results,
    submittedAt: s.submitted_at.toISOString(),
    submittedOn: s.submitted_on,
    daysLate: s.days_late,
    decision: s.decision,
    comments: s.comments,
    decidedAt: iso(s.decided_at),
  };
}

function toView(r: ReportDetailRow, submissions: ReportSubmissionView[], attachments: EvidenceView[], today: string): ReportView {
  return {
    ...toSummary(r, today),
    access: r.access!,
    obligation: { id: r.obligation_id, clauseId: r.clause_id, clauseVersion: r.clause_version, periodStart: r.period_start, periodEnd: r.period_end, dueDate: r.due_date },
    kpis: r.kpis,
    narrative: r.narrative,
    kpiValues: r.kpi_values,
    results: submissions.at(-1)?.kpiResults ?? [],
    submissions,
    attachments,
  };
}
