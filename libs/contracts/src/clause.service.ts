import { Injectable } from '@nestjs/common';
import { AuditService, calendarDateIn, Clock, Database, DomainException, ErrorCode, FieldError, RequestContext } from '@ddp/core';
import { ClauseTerms, ClauseVersion, DEFAULT_CLAUSE_TERMS } from './clause/clause.types';
import { parseKpiValue } from './clause/decimal';
import { Contract } from './contract.types';
import { ContractsService } from './contracts.service';

export interface ClauseState {
  contractId: string;
  /** The version in force today (contract time zone); null before any clause is written. */
  inForce: ClauseVersion | null;
  /** Every version, oldest first. */
  versions: ClauseVersion[];
}

export interface ClauseChange {
  /** From when the new version applies; default: the contract's start for the first, today after. */
  effectiveFrom?: string;
  terms: ClauseTerms;
}

/** Runs inside the transaction that writes a clause version (e.g. to regenerate report obligations). */
export type ClauseChangeHook = (tx: RequestContext, contract: Contract, version: ClauseVersion) => Promise<void>;

interface ClauseRow {
  id: string;
  contract_id: string;
  version_number: number;
  effective_from: string;
  terms: ClauseTerms;
  created_at: Date;
}

const COLUMNS = 'id, contract_id, version_number, effective_from::text, terms, created_at';

/**
 * The due-diligence clause of each contract, versioned. A change never rewrites what applied
 * before: it is a new version effective from today or later, and the version in force on a date
 * is the latest one effective on or before it (the first version covers the whole term before
 * any later one).
 */
@Injectable()
export class ClauseService {
  private readonly hooks: ClauseChangeHook[] = [];

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  onChange(hook: ClauseChangeHook): void {
    this.hooks.push(hook);
  }

  async get(ctx: RequestContext, contractId: string): Promise<ClauseState> {
    const contract = await this.contracts.getWithRole(ctx, contractId);
    const versions = await this.versions(ctx, contractId);
    return { contractId, inForce: inForceOn(versions, calendarDateIn(contract.timeZone, this.clock.now())), versions };
  }

  /** Writes a new version (the contract's awarding authority only). `expectedVersion` is the latest version number read. */
  async change(ctx: RequestContext, contractId: string, change: ClauseChange, expectedVersion?: number): Promise<ClauseState> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.contracts.requireRole(tx, contractId, ['authority'], true);
      const versions = await this.versions(tx, contractId);
      const latest = versions.at(-1);
      if (expectedVersion !== undefined && (latest?.versionNumber ?? 0) !== expectedVersion) throw new DomainException(ErrorCode.PreconditionFailed);
      const today = calendarDateIn(contract.timeZone, this.clock.now());
      const effectiveFrom = change.effectiveFrom ?? (latest ? maxDate(today, contract.startDate) : contract.startDate);
      const errors = [...effectiveDateErrors(effectiveFrom, contract, latest, today), ...termsErrors(change.terms)];
      if (errors.length > 0) throw DomainException.validation(errors);
      const [row] = await this.db.query<ClauseRow>(
        tx,
        `INSERT INTO contract_clauses (contract_id, version_number, effective_from, terms, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [contractId, (latest?.versionNumber ?? 0) + 1, effectiveFrom, JSON.stringify(change.terms), tx.requiredActor.userId],
      );
      const version = toVersion(row);
      await this.audit.record(tx, {
        action: 'contract.clause_changed',
        entityType: 'contract',
        entityId: contractId,
        organisationId: contract.authority.id,
        before: latest ? { versionNumber: latest.versionNumber, effectiveFrom: latest.effectiveFrom, terms: latest.terms } : undefined,
        after: { versionNumber: version.versionNumber, effectiveFrom: version.effectiveFrom, terms: version.terms },
      });
      for (const hook of this.hooks) await hook(tx, contract, version);
      const all = [...versions, version];
      return { contractId, inForce: inForceOn(all, today), versions: all };
    });
  }

  /** The version in force on `date` (no access check: for the worker and other services). */
  async inForceOn(ctx: RequestContext, contractId: string, date: string): Promise<ClauseVersion | null> {
    return inForceOn(await this.versions(ctx, contractId), date);
  }

  /** The terms that apply on `date`: the clause in force, or the legal defaults when there is none. */
  async termsOn(ctx: RequestContext, contractId: string, date: string): Promise<{ clauseId: string | null; terms: ClauseTerms }> {
    const version = await this.inForceOn(ctx, contractId, date);
    return version ? { clauseId: version.id, terms: version.terms } : { clauseId: null, terms: DEFAULT_CLAUSE_TERMS };
  }

  async versions(ctx: RequestContext, contractId: string): Promise<ClauseVersion[]> {
    const rows = await this.db.query<ClauseRow>(ctx, `SELECT ${COLUMNS} FROM contract_clauses WHERE contract_id = $1 ORDER BY version_number`, [contractId]);
    return rows.map(toVersion);
  }
}

/** The latest version effective on or before `date`; the first version before its own start. */
export function inForceOn(versions: ClauseVersion[], date: string): ClauseVersion | null {
  let found: ClauseVersion | null = versions[0] ?? null;
  for (const version of versions) if (version.effectiveFrom <= date) found = version;
  return found;
}

function effectiveDateErrors(effectiveFrom: string, contract: Contract, latest: ClauseVersion | undefined, today: string): FieldError[] {
  const field = 'effectiveFrom';
  if (effectiveFrom > contract.endDate) return [{ field, message: `effectiveFrom must be on or before the contract's end (${contract.endDate})` }];
  if (!latest) {
    return effectiveFrom === contract.startDate ? [] : [{ field, message: `the first clause applies from the contract's start (${contract.startDate})` }];
  }
  if (effectiveFrom < today) return [{ field, message: `effectiveFrom must be today (${today}) or later: what applied before does not change` }];
  if (effectiveFrom <= latest.effectiveFrom) return [{ field, message: `effectiveFrom must be after the latest version's (${latest.effectiveFrom})` }];
  return [];
}

/** Cross-field rules the DTO cannot express: KPI codes unique, targets in their unit, bonus/malus on known KPIs. */
export function termsErrors(terms: ClauseTerms): FieldError[] {
  const errors: FieldError[] = [];
  const kpis = terms.reporting?.kpis ?? [];
  const seen = new Set<string>();
  kpis.forEach((kpi, i) => {
    if (seen.has(kpi.code)) errors.push({ field: `terms.reporting.kpis.${i}.code`, message: `KPI code ${kpi.code} is used twice` });
    seen.add(kpi.code);
    const target = parseKpiValue(kpi.unit, kpi.target);
    if (!target.ok) errors.push({ field: `terms.reporting.kpis.${i}.target`, message: `target ${target.message}` });
    if (kpi.amberThreshold !== undefined) {
      const amber = parseKpiValue(kpi.unit, kpi.amberThreshold);
      if (!amber.ok) errors.push({ field: `terms.reporting.kpis.${i}.amberThreshold`, message: `amberThreshold ${amber.message}` });
    }
  });
  (terms.bonusMalus ?? []).forEach((rule, i) => {
    if (!seen.has(rule.kpiCode)) errors.push({ field: `terms.bonusMalus.${i}.kpiCode`, message: `kpiCode must be one of the reporting KPIs` });
  });
  const perDefault = terms.penalties?.perDefault;
  if (perDefault?.kind === 'percent' && perDefault.minCents !== undefined && perDefault.maxCents !== undefined && perDefault.minCents > perDefault.maxCents) {
    errors.push({ field: 'terms.penalties.perDefault.maxCents', message: 'maxCents must not be below minCents' });
  }
  return errors;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function toVersion(r: ClauseRow): ClauseVersion {
  return { id: r.id, contractId: r.contract_id, versionNumber: r.version_number, effectiveFrom: r.effective_from, terms: r.terms, createdAt: r.created_at };
}
