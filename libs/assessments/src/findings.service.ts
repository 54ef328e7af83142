import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy, AuditService, calendarDateIn, Clock, Database, DomainException, ErrorCode, NewestFirst, Page, RequestContext, VisibilityBranch } from '@ddp/core';
import { addDays, ClauseService, ContractsService, contractVisibleSql, DEFAULT_PLAN_DEADLINE_DAYS } from '@ddp/contracts';
import { AssessmentRating, StoredAnswer, TemplateDefinition, Theme } from '@ddp/questionnaires';
import { contractIdsSql } from './assessment-sql';

export const FINDING_SEVERITIES = ['high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_STATUSES = ['open', 'resolved', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export interface FindingView {
  id: string;
  contractId: string;
  contractReference: string;
  supplier: { id: string; name: string };
  assessmentId: string | null;
  questionCode: string | null;
  revision: number | null;
  source: 'assessment' | 'manual' | 'minerals';
  severity: FindingSeverity;
  theme: string;
  title: string;
  description: string | null;
  answer: unknown;
  status: FindingStatus;
  /** A red finding needs a corrective action plan by this date (contract time zone); set by the buyer, by default from the clause. */
  planDueDate: string | null;
  /** When its corrective action plan was verified (status closed). */
  closedAt: string | null;
  createdByOrganisation: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface FindingFilter {
  contractId?: string;
  assessmentId?: string;
  severity?: FindingSeverity;
  status?: FindingStatus;
  after?: string;
  limit: number;
}

export interface CreateFindingInput {
  contractId: string;
  severity: FindingSeverity;
  theme: Theme;
  title: string;
  description?: string;
}

/** What an imported minerals report (CMRT/EMRT) contributes to findings: the rules that fired (code = rule). */
export interface MineralsFindingsInput {
  contractId: string;
  authorityId: string;
  supplierId: string;
  reportId: string;
  hits: Array<{ code: string; severity: 'high' | 'medium'; title: string; description: string; cells: string[] }>;
}

/** What a submitted revision contributes to findings. */
export interface SubmittedRevision {
  id: string;
  contract_id: string;
  authority_id: string;
  supplier_id: string;
  revision: number;
  language: string;
  definition: TemplateDefinition;
  rating: AssessmentRating;
  answers: ReadonlyMap<string, StoredAnswer>;
}

const SEVERITY_OF_COLOUR: Record<string, FindingSeverity | undefined> = { red: 'high', amber: 'medium' };

const FINDING_COLUMNS = `f.id, f.contract_id, c.reference AS contract_reference, f.supplier_id, so.name AS supplier_name, f.assessment_id, f.question_code, f.revision, f.source,
  f.severity, f.theme, f.title, f.description, f.answer, f.status, to_char(f.plan_due_date, 'YYYY-MM-DD') AS plan_due_date, f.closed_at,
  f.created_by_organisation_id, co.name AS created_by_organisation_name, f.created_at, f.updated_at`;
const FINDING_FROM = `findings f JOIN contracts c ON c.id = f.contract_id JOIN organisations so ON so.id = f.supplier_id LEFT JOIN organisations co ON co.id = f.created_by_organisation_id`;

interface FindingRow {
  id: string;
  contract_id: string;
  contract_reference: string;
  supplier_id: string;
  supplier_name: string;
  assessment_id: string | null;
  question_code: string | null;
  revision: number | null;
  source: FindingView['source'];
  severity: FindingSeverity;
  theme: string;
  title: string;
  description: string | null;
  answer: unknown;
  status: FindingStatus;
  plan_due_date: string | null;
  closed_at: Date | null;
  created_by_organisation_id: string | null;
  created_by_organisation_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * Findings: every red or amber answer of a submitted revision (one finding per assessment and
 * question, updated by later revisions), and those buyers or auditors record by hand. They are
 * the input of the corrective action plans.
 */
@Injectable()
export class FindingsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly contracts: ContractsService,
    private readonly clauses: ClauseService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.access.register('finding', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(ctx, `SELECT f.id FROM findings f JOIN contracts c ON c.id = f.contract_id WHERE f.id = ANY($1::uuid[]) AND ${contractVisibleSql('c', '$2')}`, [
        ids,
        ctx.requiredActor.organisationId,
      ]);
      return new Set(rows.map((r) => r.id));
    });
  }

  async recordFromRevision(tx: RequestContext, revision: SubmittedRevision): Promise<void> {
    const questions = new Map(revision.definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const)));
    const language = revision.language as 'en';
    const flagged = revision.rating.answers.filter((a) => SEVERITY_OF_COLOUR[a.colour]);
    if (flagged.length > 0) {
      const rows = flagged.map((a) => {
        const question = questions.get(a.questionCode)!;
        const answer = revision.answers.get(a.questionCode);
        return {
          code: a.questionCode,
          severity: SEVERITY_OF_COLOUR[a.colour]!,
          theme: question.theme,
          title: (question.text[language] ?? question.text.en ?? Object.values(question.text)[0] ?? a.questionCode).slice(0, 300),
          answer: JSON.stringify({ value: answer?.value ?? null, colour: a.colour, redFlag: a.redFlag }),
        };
      });
      // Red answers need a plan: by default within the clause's planDeadlineDays; a date already set stays.
      const planDueDate = rows.some((r) => r.severity === 'high') ? await this.defaultPlanDueDate(tx, revision.contract_id) : null;
      const changed = await this.db.query<{ id: string; question_code: string; inserted: boolean }>(
        tx,
        `INSERT INTO findings (contract_id, authority_id, supplier_id, assessment_id, question_code, revision, source, severity, theme, title, answer, created_by, created_by_organisation_id, plan_due_date)
         SELECT $1, $2, $3, $4, code, $5, 'assessment', severity, theme, title, answer, $6, $3, CASE WHEN severity = 'high' THEN $12::date END
           FROM unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::jsonb[]) AS t(code, severity, theme, title, answer)
         ON CONFLICT (assessment_id, question_code) WHERE source = 'assessment' DO UPDATE SET severity = excluded.severity, answer = excluded.answer, revision = excluded.revision,
           status = CASE WHEN findings.status = 'resolved' THEN 'open' ELSE findings.status END, plan_due_date = COALESCE(findings.plan_due_date, excluded.plan_due_date), updated_at = now()
         RETURNING id, question_code, (xmax = 0) AS inserted`,
        [
          revision.contract_id,
          revision.authority_id,
          revision.supplier_id,
          revision.id,
          revision.revision,
          tx.requiredActor.userId,
          rows.map((r) => r.code),
          rows.map((r) => r.severity),
          rows.map((r) => r.theme),
          rows.map((r) => r.title),
          rows.map((r) => r.answer),
          planDueDate,
        ],
      );
      for (const finding of changed) {
        const entry = { action: finding.inserted ? 'finding.created' : 'finding.updated', entityType: 'finding', entityId: finding.id, after: { questionCode: finding.question_code, revision: revision.revision } };
        await this.audit.record(tx, { ...entry, organisationId: revision.authority_id });
        await this.audit.record(tx, { ...entry, organisationId: revision.supplier_id });
      }
    }
    // Answers no longer red or amber: their open findings are resolved by this revision.
    const resolved = await this.db.query<{ id: string }>(
      tx,
      `WITH r AS (UPDATE findings SET status = 'resolved', revision = $2, updated_at = now()
         WHERE assessment_id = $1 AND source = 'assessment' AND status = 'open' AND NOT (question_code = ANY($3::text[])) RETURNING id) SELECT id FROM r`,
      [revision.id, revision.revision, flagged.map((a) => a.questionCode)],
    );
    for (const finding of resolved) {
      const entry = { action: 'finding.resolved', entityType: 'finding', entityId: finding.id, after: { revision: revision.revision } };
      await this.audit.record(tx, { ...entry, organisationId: revision.authority_id });
      await this.audit.record(tx, { ...entry, organisationId: revision.supplier_id });
    }
  }

  /**
   * Findings of an imported minerals report (source 'minerals', theme 'minerals'): one live finding
   * per contract and rule code, updated by later reports; open ones whose rule no longer fires are
   * resolved. Runs in the import's transaction.
   */
  async recordFromMinerals(tx: RequestContext, input: MineralsFindingsInput): Promise<void> {
    const planDueDate = input.hits.some((h) => h.severity === 'high') ? await this.defaultPlanDueDate(tx, input.contractId) : null;
    for (const hit of input.hits) {
      const answer = JSON.stringify({ reportId: input.reportId, cells: hit.cells });
      const [finding] = await this.db.query<{ id: string; inserted: boolean }>(
        tx,
        `INSERT INTO findings (contract_id, authority_id, supplier_id, question_code, source, severity, theme, title, description, answer, created_by, created_by_organisation_id, plan_due_date)
         VALUES ($1, $2, $3, $4, 'minerals', $5, 'minerals', $6, $7, $8::jsonb, $9, $3, CASE WHEN $5 = 'high' THEN $10::date END)
         ON CONFLICT (contract_id, question_code) WHERE source = 'minerals' AND status <> 'closed' DO UPDATE SET severity = excluded.severity, title = excluded.title,
           description = excluded.description, answer = excluded.answer, status = 'open', plan_due_date = COALESCE(findings.plan_due_date, excluded.plan_due_date), updated_at = now()
         RETURNING id, (xmax = 0) AS inserted`,
        [input.contractId, input.authorityId, input.supplierId, hit.code, hit.severity, hit.title.slice(0, 300), hit.description.slice(0, 5000), answer, tx.requiredActor.userId, planDueDate],
      );
      const entry = { action: finding.inserted ? 'finding.created' : 'finding.updated', entityType: 'finding', entityId: finding.id, after: { source: 'minerals', rule: hit.code, severity: hit.severity, reportId: input.reportId } };
      await this.audit.record(tx, { ...entry, organisationId: input.authorityId });
      await this.audit.record(tx, { ...entry, organisationId: input.supplierId });
    }
    const resolved = await this.db.query<{ id: string }>(
      tx,
      `WITH r AS (UPDATE findings SET status = 'resolved', updated_at = now()
         WHERE contract_id = $1 AND source = 'minerals' AND status = 'open' AND NOT (question_code = ANY($2::text[])) RETURNING id) SELECT id FROM r`,
      [input.contractId, input.hits.map((h) => h.code)],
    );
    for (const finding of resolved) {
      const entry = { action: 'finding.resolved', entityType: 'finding', entityId: finding.id, after: { source: 'minerals', reportId: input.reportId } };
      await this.audit.record(tx, { ...entry, organisationId: input.authorityId });
      await this.audit.record(tx, { ...entry, organisationId: input.supplierId });
    }
  }

  /** A finding recorded by hand: a buyer of the contract, or its assigned auditor (e.g. after an on-site audit). */
  async create(ctx: RequestContext, input: CreateFindingInput): Promise<FindingView> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.contracts.getWithRole(tx, input.contractId).catch((error: unknown) => {
        if (error instanceof DomainException && error.code === ErrorCode.NotFound) throw DomainException.validation([{ field: 'contractId', message: 'contractId names no contract of yours' }]);
        throw error;
      });
      if (contract.role === 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Findings are recorded by the buyers and auditors of a contract');
      const actor = ctx.requiredActor;
      const authorityId = contract.role === 'participant' ? actor.organisationId : contract.authority.id;
      const planDueDate = input.severity === 'high' ? await this.defaultPlanDueDate(tx, contract.id, contract.timeZone) : null;
      const [{ id }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO findings (contract_id, authority_id, supplier_id, source, severity, theme, title, description, created_by, created_by_organisation_id, plan_due_date)
         VALUES ($1, $2, $3, 'manual', $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [contract.id, authorityId, contract.supplier.id, input.severity, input.theme, input.title, input.description ?? null, actor.userId, actor.organisationId, planDueDate],
      );
      const finding = await this.get(tx, id);
      const entry = { action: 'finding.created', entityType: 'finding', entityId: id, after: { source: 'manual', severity: input.severity, theme: input.theme, title: input.title, planDueDate } };
      for (const organisationId of new Set([authorityId, contract.supplier.id, actor.organisationId])) await this.audit.record(tx, { ...entry, organisationId });
      return finding;
    });
  }

  /**
   * The contract's authority sets or moves the date by which a corrective action plan is due
   * (today or later, contract time zone); only while the finding is open.
   */
  async setPlanDueDate(ctx: RequestContext, id: string, planDueDate: string): Promise<FindingView> {
    return this.db.transaction(ctx, async (tx) => {
      await this.access.require(tx, 'finding', id);
      const [locked] = await this.db.query<{ contract_id: string; supplier_id: string; status: FindingStatus; plan_due_date: string | null }>(
        tx,
        `SELECT contract_id, supplier_id, status, to_char(plan_due_date, 'YYYY-MM-DD') AS plan_due_date FROM findings WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const contract = await this.contracts.requireRole(tx, locked.contract_id, ['authority']);
      if (locked.status !== 'open') throw new DomainException(ErrorCode.InvalidState, `The finding is ${locked.status}: its plan deadline no longer applies`);
      const today = calendarDateIn(contract.timeZone, this.clock.now());
      if (planDueDate < today) throw new DomainException(ErrorCode.Unprocessable, `planDueDate must be today (${today}) or later`, [{ field: 'planDueDate', message: `planDueDate must be today (${today}) or later` }]);
      if (planDueDate !== locked.plan_due_date) {
        await this.db.query(tx, `UPDATE findings SET plan_due_date = $2, updated_at = now() WHERE id = $1`, [id, planDueDate]);
        const entry = { action: 'finding.plan_due_date_changed', entityType: 'finding', entityId: id, before: { planDueDate: locked.plan_due_date }, after: { planDueDate } };
        await this.audit.record(tx, { ...entry, organisationId: contract.authority.id });
        await this.audit.record(tx, { ...entry, organisationId: locked.supplier_id });
      }
      return this.get(tx, id);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<FindingView> {
    await this.access.require(ctx, 'finding', id);
    const [row] = await this.db.query<FindingRow>(ctx, `SELECT ${FINDING_COLUMNS} FROM ${FINDING_FROM} WHERE f.id = $1`, [id]);
    return toFinding(row);
  }

  async list(ctx: RequestContext, filter: FindingFilter): Promise<Page<FindingView>> {
    const list = new NewestFirst('f.created_at', 'f.id', [ctx.requiredActor.organisationId])
      .filter('f.contract_id = ?::uuid', filter.contractId)
      .filter('f.assessment_id = ?::uuid', filter.assessmentId)
      .filter('f.severity = ?', filter.severity)
      .filter('f.status = ?', filter.status);
    const keys = list.keysSql(findingVisibleBranches('$1'), filter.after, filter.limit);
    const rows = await this.db.query<FindingRow & { cursor_at: string }>(
      ctx,
      `WITH page AS (${keys}) SELECT ${FINDING_COLUMNS}, ${list.cursorColumn} FROM ${FINDING_FROM} JOIN page ON page.id = f.id ${list.orderBy}`,
      list.params,
    );
    return list.page(rows, filter.limit, toFinding);
  }

  /** Today (contract time zone) plus the clause's planDeadlineDays in force today (30 without a clause). */
  private async defaultPlanDueDate(tx: RequestContext, contractId: string, timeZone?: string): Promise<string> {
    const zone = timeZone ?? (await this.db.query<{ time_zone: string }>(tx, `SELECT time_zone FROM contracts WHERE id = $1`, [contractId]))[0].time_zone;
    const today = calendarDateIn(zone, this.clock.now());
    const { terms } = await this.clauses.termsOn(tx, contractId, today);
    return addDays(today, terms.planDeadlineDays ?? DEFAULT_PLAN_DEADLINE_DAYS);
  }
}

/**
 * contractVisibleSql of the finding's contract, split into branches for NewestFirst.keysSql (alias `f`).
 * The issuer and the contract's awarding authority (`contract_authority_id`) are both on the finding:
 * the authority walks its own findings in the list's order, and what a framework participant issued
 * under its contracts off a partial index of the rows where the two differ. The supplier's branch
 * walks the finding's copy and checks the contract's; its companion through the contract's index
 * keeps the rows where the copy differs: it probes the index entries of the contracts' findings
 * (index-only where the visibility map allows) and answers none, usually.
 */
function findingVisibleBranches(org: string): VisibilityBranch[] {
  const withContract = 'findings f JOIN contracts c ON c.id = f.contract_id';
  return [
    { from: 'findings f', where: `f.authority_id = ${org} AND f.contract_authority_id = ${org}` },
    { from: 'findings f', where: `f.contract_authority_id = ${org} AND f.authority_id <> f.contract_authority_id` },
    { from: withContract, where: `f.supplier_id = ${org} AND c.supplier_id = ${org}` },
    { from: 'findings f', where: `f.contract_id = ANY (${contractIdsSql(org, 'supplied')}) AND f.supplier_id <> ${org}` },
    { from: 'findings f', where: `f.contract_id = ANY (${contractIdsSql(org, 'participant')})` },
    { from: 'findings f', where: `f.contract_id = ANY (${contractIdsSql(org, 'auditor')})` },
  ];
}

function toFinding(r: FindingRow): FindingView {
  return {
    id: r.id,
    contractId: r.contract_id,
    contractReference: r.contract_reference,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    assessmentId: r.assessment_id,
    questionCode: r.question_code,
    revision: r.revision,
    source: r.source,
    severity: r.severity,
    theme: r.theme,
    title: r.title,
    description: r.description,
    answer: r.answer,
    status: r.status,
    planDueDate: r.plan_due_date,
    closedAt: r.closed_at ? r.closed_at.toISOString() : null,
    createdByOrganisation: r.created_by_organisation_id ? { id: r.created_by_organisation_id, name: r.created_by_organisation_name ?? '' } : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
