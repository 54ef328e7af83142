import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { FindingsService } from '@ddp/assessments';
import { AuditService, Clock, Database, decodeCursor, DomainException, ErrorCode, NewestFirst, Page, ReceivedFile, RequestContext, toPage } from '@ddp/core';
import { ContractsService, executionVisibleSql } from '@ddp/contracts';
import { DEFAULT_XLSX_LIMITS, inspectXlsx, XlsxLimits } from '../xlsx-guard';
import { mineralsRuleHits } from './minerals-rules';
import { MineralsDeclaration, MineralsKind, parseRmiWorkbook, ParsedMine, ParsedSmelter } from './rmi-parser';

export interface MineralsSmelterView {
  row: number;
  metal: string;
  name: string | null;
  country: string | null;
  smelterId: string | null;
  source: string | null;
  details: Record<string, string | null>;
}

export interface MineralsMineView {
  row: number;
  metal: string;
  smelterName: string | null;
  name: string | null;
  mineId: string | null;
  country: string | null;
  details: Record<string, string | null>;
}

export interface MineralsReportView {
  id: string;
  contractId: string;
  supplier: { id: string; name: string };
  kind: MineralsKind;
  version: string;
  status: 'current' | 'superseded';
  companyName: string;
  scope: string;
  effectiveDate: string;
  declaration: MineralsDeclaration;
  file: { name: string; sha256: string; sizeBytes: number };
  smelterCount: number;
  mineCount: number;
  uploadedBy: string;
  uploadedAt: string;
  supersededAt: string | null;
  supersededBy: string | null;
  /** The smelter and mine lists: in the upload's answer only (the list of reports gives the counts). */
  smelters?: MineralsSmelterView[];
  mines?: MineralsMineView[];
}

export interface SmelterRollupItem {
  /** The smelter's identification (e.g. `id:CID002763`) or its normalised name and metal (`name:…|tin`). */
  key: string;
  smelterId: string | null;
  name: string | null;
  metal: string;
  country: string | null;
  suppliers: Array<{ id: string; name: string; contractId: string; contractReference: string }>;
}

interface ReportRow {
  id: string;
  contract_id: string;
  supplier_id: string;
  supplier_name: string;
  kind: MineralsKind;
  version: string;
  status: 'current' | 'superseded';
  company_name: string;
  scope: string;
  effective_date: string;
  declaration: MineralsDeclaration;
  file_name: string;
  file_sha256: string;
  file_size_bytes: string;
  smelter_count: number;
  mine_count: number;
  uploaded_by: string;
  uploaded_at: Date;
  superseded_at: Date | null;
  superseded_by: string | null;
}

const REPORT_COLUMNS = `r.id, r.contract_id, r.supplier_id, o.name AS supplier_name, r.kind, r.version, r.status, r.company_name, r.scope, to_char(r.effective_date, 'YYYY-MM-DD') AS effective_date,
  r.declaration, r.file_name, r.file_sha256, r.file_size_bytes, r.smelter_count, r.mine_count, r.uploaded_by, r.uploaded_at, r.superseded_at, r.superseded_by`;
const REPORT_FROM = `minerals_reports r JOIN organisations o ON o.id = r.supplier_id`;

/** The blank templates expand to about 11 MB: a filled one to more than 60 MB is refused unread. */
export const MINERALS_XLSX_LIMITS: XlsxLimits = { ...DEFAULT_XLSX_LIMITS, maxUncompressedBytes: 60 * 1024 * 1024 };

/** Who reads minerals reports: the contract's authority, its supplier and its assigned auditors. */
const READERS = ['authority', 'supplier', 'auditor'] as const;

/** The key smelters are grouped by across suppliers: the RMI identification when given, else the normalised name and metal. */
export function smelterGroupKey(smelter: { smelterId: string | null; name: string | null; metal: string }): string {
  if (smelter.smelterId) return `id:${smelter.smelterId.toUpperCase()}`;
  const name = (smelter.name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return `name:${name}|${smelter.metal.trim().toLowerCase()}`;
}

/**
 * RMI minerals reports (CMRT 6.x, EMRT 2.x) of a contract's supplier: imported from the filled
 * workbook, stored per contract (a new upload supersedes the previous one, kept as history), turned
 * into findings by the rules of docs/minerals.md, and rolled up by smelter across a buyer's suppliers.
 */
@Injectable()
export class MineralsService {
  constructor(
    private readonly db: Database,
    private readonly contracts: ContractsService,
    private readonly findings: FindingsService,
    private readonly clock: Clock,
    private readonly auditService: AuditService,
  ) {}

  /** The supplier of the contract uploads its filled CMRT or EMRT. The caller owns (and discards) the file. */
  async import(ctx: RequestContext, contractId: string, upload: { file: ReceivedFile; fileName: string }): Promise<MineralsReportView> {
    // Who may, before the file is read: 404 when the contract is not the actor's, 403 for another role.
    await this.db.transaction(ctx, (tx) => this.contracts.requireRole(tx, contractId, ['supplier']));
    await inspectXlsx(upload.file.tempPath, MINERALS_XLSX_LIMITS);
    const workbook = new Workbook();
    try {
      await workbook.xlsx.readFile(upload.file.tempPath);
    } catch {
      throw new DomainException(ErrorCode.UnsupportedFileType, 'The workbook cannot be read: save it again as an Excel workbook (.xlsx)', [{ field: 'file', message: 'the workbook cannot be read' }]);
    }
    const parsed = parseRmiWorkbook(workbook);
    const hits = mineralsRuleHits(parsed);

    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.contracts.requireRole(tx, contractId, ['supplier'], true);
      const now = this.clock.now();
      const [previous] = await this.db.query<{ id: string }>(tx, `SELECT id FROM minerals_reports WHERE contract_id = $1 AND status = 'current' FOR UPDATE`, [contract.id]);
      if (previous) await this.db.query(tx, `UPDATE minerals_reports SET status = 'superseded', superseded_at = $2 WHERE id = $1`, [previous.id, now]);
      const { declaration } = parsed;
      const [{ id }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO minerals_reports (contract_id, authority_id, supplier_id, kind, version, company_name, scope, effective_date, declaration, file_name, file_sha256, file_size_bytes,
           smelter_count, mine_count, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          contract.id,
          contract.authority.id,
          contract.supplier.id,
          parsed.kind,
          parsed.version,
          declaration.companyName,
          declaration.scope,
          declaration.effectiveDate,
          JSON.stringify(declaration),
          upload.fileName,
          upload.file.sha256,
          upload.file.sizeBytes,
          parsed.smelters.length,
          parsed.mines.length,
          ctx.requiredActor.userId,
          now,
        ],
      );
      if (previous) await this.db.query(tx, `UPDATE minerals_reports SET superseded_by = $2 WHERE id = $1`, [previous.id, id]);
      await this.insertSmelters(tx, id, parsed.smelters);
      await this.insertMines(tx, id, parsed.mines);
      await this.findings.recordFromMinerals(tx, { contractId: contract.id, authorityId: contract.authority.id, supplierId: contract.supplier.id, reportId: id, hits });
      const entry = {
        action: 'minerals_report.imported',
        entityType: 'minerals_report',
        entityId: id,
        after: { contractId: contract.id, kind: parsed.kind, version: parsed.version, sha256: upload.file.sha256, smelters: parsed.smelters.length, mines: parsed.mines.length, supersedes: previous?.id ?? null, findings: hits.map((h) => h.code) },
      };
      await this.audit(tx, entry, [contract.authority.id, contract.supplier.id]);
      return this.get(tx, id, true);
    });
  }

  /** The reports of a contract, newest first (history included). */
  async list(ctx: RequestContext, contractId: string, after: string | undefined, limit: number): Promise<Page<MineralsReportView>> {
    return this.db.transaction(ctx, async (tx) => {
      await this.contracts.requireRole(tx, contractId, [...READERS]);
      const list = new NewestFirst('r.uploaded_at', 'r.id', [contractId]).where('r.contract_id = $1');
      const tail = list.tail(after, limit);
      const rows = await this.db.query<ReportRow & { cursor_at: string }>(tx, `SELECT ${REPORT_COLUMNS}, ${list.cursorColumn} FROM ${REPORT_FROM} ${tail}`, list.params);
      return list.page(rows, limit, toView);
    });
  }

  /**
   * Smelters named by the current reports of the contracts the actor may read (authority,
   * supplier, assigned auditor), grouped by identification or normalised name and metal, with the
   * suppliers naming each; ordered by key, paged by key.
   */
  async rollup(ctx: RequestContext, filter: { contractId?: string; after?: string; limit: number }): Promise<Page<SmelterRollupItem>> {
    return this.db.transaction(ctx, async (tx) => {
      if (filter.contractId) {
        await this.contracts.requireRole(tx, filter.contractId, [...READERS]).catch((error: unknown) => {
          if (error instanceof DomainException && error.code === ErrorCode.NotFound) throw DomainException.validation([{ field: 'contractId', message: 'contractId names no contract of yours' }]);
          throw error;
        });
      }
      const params: unknown[] = [ctx.requiredActor.organisationId];
      const conditions = [executionVisibleSql('c', '$1')];
      if (filter.contractId) {
        params.push(filter.contractId);
        conditions.push(`r.contract_id = $${params.length}`);
      }
      if (filter.after) {
        params.push(decodeCursor(filter.after, ['text'], 'after')[0]);
        conditions.push(`s.group_key > $${params.length}`);
      }
      params.push(filter.limit + 1);
      const rows = await this.db.query<{ key: string; smelter_id: string | null; name: string | null; metal: string; country: string | null; suppliers: SmelterRollupItem['suppliers'] }>(
        tx,
        `SELECT s.group_key AS key, max(s.smelter_id) AS smelter_id, mode() WITHIN GROUP (ORDER BY s.name) AS name, mode() WITHIN GROUP (ORDER BY s.metal) AS metal,
                mode() WITHIN GROUP (ORDER BY s.country) AS country,
                jsonb_agg(DISTINCT jsonb_build_object('id', r.supplier_id, 'name', o.name, 'contractId', r.contract_id, 'contractReference', c.reference)) AS suppliers
           FROM minerals_smelters s
           JOIN minerals_reports r ON r.id = s.report_id AND r.status = 'current'
           JOIN contracts c ON c.id = r.contract_id
           JOIN organisations o ON o.id = r.supplier_id
          WHERE ${conditions.join(' AND ')}
          GROUP BY s.group_key ORDER BY s.group_key LIMIT $${params.length}`,
        params,
      );
      const page = toPage(rows, filter.limit, (r) => [r.key]);
      return {
        items: page.items.map((r) => ({ key: r.key, smelterId: r.smelter_id, name: r.name, metal: r.metal, country: r.country, suppliers: r.suppliers })),
        nextCursor: page.nextCursor,
      };
    });
  }

  private async get(tx: RequestContext, id: string, withLists: boolean): Promise<MineralsReportView> {
    const [row] = await this.db.query<ReportRow>(tx, `SELECT ${REPORT_COLUMNS} FROM ${REPORT_FROM} WHERE r.id = $1`, [id]);
    const view = toView(row);
    if (withLists) {
      const smelters = await this.db.query<{ row_number: number; metal: string; name: string | null; country: string | null; smelter_id: string | null; source: string | null; details: Record<string, string | null> }>(
        tx,
        `SELECT row_number, metal, name, country, smelter_id, source, details FROM minerals_smelters WHERE report_id = $1 ORDER BY row_number`,
        [id],
      );
      const mines = await this.db.query<{ row_number: number; metal: string; smelter_name: string | null; name: string | null; mine_id: string | null; country: string | null; details: Record<string, string | null> }>(
        tx,
        `SELECT row_number, metal, smelter_name, name, mine_id, country, details FROM minerals_mines WHERE report_id = $1 ORDER BY row_number`,
        [id],
      );
      view.smelters = smelters.map((s) => ({ row: s.row_number, metal: s.metal, name: s.name, country: s.country, smelterId: s.smelter_id, source: s.source, details: s.details }));
      view.mines = mines.map((m) => ({ row: m.row_number, metal: m.metal, smelterName: m.smelter_name, name: m.name, mineId: m.mine_id, country: m.country, details: m.details }));
    }
    return view;
  }

  private async insertSmelters(tx: RequestContext, reportId: string, smelters: ParsedSmelter[]): Promise<void> {
    for (let i = 0; i < smelters.length; i += 1000) {
      const batch = smelters.slice(i, i + 1000);
      await this.db.query(
        tx,
        `INSERT INTO minerals_smelters (report_id, row_number, metal, name, country, smelter_id, source, details, group_key)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[])`,
        [
          reportId,
          batch.map((s) => s.row),
          batch.map((s) => s.metal),
          batch.map((s) => s.name),
          batch.map((s) => s.country),
          batch.map((s) => s.smelterId),
          batch.map((s) => s.source),
          batch.map(({ street, city, state, contactName, contactEmail, nextSteps, mineName, mineCountry, recycledOrScrap, comments }) =>
            JSON.stringify({ street, city, state, contactName, contactEmail, nextSteps, mineName, mineCountry, recycledOrScrap, comments }),
          ),
          batch.map(smelterGroupKey),
        ],
      );
    }
  }

  private async insertMines(tx: RequestContext, reportId: string, mines: ParsedMine[]): Promise<void> {
    for (let i = 0; i < mines.length; i += 1000) {
      const batch = mines.slice(i, i + 1000);
      await this.db.query(
        tx,
        `INSERT INTO minerals_mines (report_id, row_number, metal, smelter_name, name, mine_id, country, details)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])`,
        [
          reportId,
          batch.map((m) => m.row),
          batch.map((m) => m.metal),
          batch.map((m) => m.smelterName),
          batch.map((m) => m.name),
          batch.map((m) => m.mineId),
          batch.map((m) => m.country),
          batch.map(({ source, street, city, state, contactName, contactEmail, nextSteps, comments }) => JSON.stringify({ source, street, city, state, contactName, contactEmail, nextSteps, comments })),
        ],
      );
    }
  }

  private async audit(tx: RequestContext, entry: { action: string; entityType: string; entityId: string; after: unknown }, organisations: string[]): Promise<void> {
    for (const organisationId of new Set(organisations)) await this.auditService.record(tx, { ...entry, organisationId });
  }
}

function toView(r: ReportRow): MineralsReportView {
  return {
    id: r.id,
    contractId: r.contract_id,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    kind: r.kind,
    version: r.version,
    status: r.status,
    companyName: r.company_name,
    scope: r.scope,
    effectiveDate: r.effective_date,
    declaration: r.declaration,
    file: { name: r.file_name, sha256: r.file_sha256, sizeBytes: Number(r.file_size_bytes) },
    smelterCount: r.smelter_count,
    mineCount: r.mine_count,
    uploadedBy: r.uploaded_by,
    uploadedAt: r.uploaded_at.toISOString(),
    supersededAt: r.superseded_at ? r.superseded_at.toISOString() : null,
    supersededBy: r.superseded_by,
  };
}
