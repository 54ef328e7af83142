import { Injectable, Logger } from '@nestjs/common';
import { ReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { contractVisibleSql, executionVisibleSql } from '@ddp/contracts';
import { Actor, AuditService, Clock, Database, DomainException, ErrorCode, FileStore, hasPermission, Language, OrganisationKind, Permission, RequestContext, UserRole } from '@ddp/core';
import type { QuestionDefinition, TemplateDefinition } from '@ddp/questionnaires';
import { QuestionText, SHEETS } from './export-sheets';
import { CellInput, StreamingWorkbook, WorkbookOptions } from './workbook-writer';

export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';
export type ExportScope = { contractIds: string[] } | { portfolio: true };

export interface ExportInput {
  scope: { contractIds?: string[]; portfolio?: boolean };
  from?: string;
  to?: string;
}

export interface ExportView {
  id: string;
  status: ExportStatus;
  scope: ExportScope;
  from: string | null;
  to: string | null;
  progress: { rowsWritten: number; rowsTotal: number | null };
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** When the export and its file are removed. */
  expiresAt: Date;
  fileName: string | null;
  sizeBytes: number | null;
  error: string | null;
}

export interface ExportFile {
  fileName: string;
  sizeBytes: number;
  stream: ReadStream;
}

/** What one pass of the export job did. */
export interface ExportRunResult {
  done: number;
  failed: number;
  lost: number;
  removed: number;
}

/** Exports are kept this long, then removed with their file. */
export const EXPORT_RETENTION_DAYS = 7;
/** A claim lasts this long and is renewed while rows are written; past it, another worker takes the export over. */
export const EXPORT_CLAIM_SECONDS = 300;
/** Runs of one export before it is given up as failed. */
export const EXPORT_MAX_ATTEMPTS = 3;
/**
 * Rows per FETCH: small enough that a batch (and the one fetched ahead) is written before the young
 * generation is collected twice: rows promoted to the old generation pile up there as garbage, and
 * V8 lets the old generation grow with them (bench:export, peak RSS at 1M answer rows − at 100k:
 * 500 rows per FETCH ~105 MB; 100 rows, with the writer waiting for the zip, 66-95 MB; same speed).
 */
const FETCH_SIZE = 100;
/** Progress (and the claim) is written every this many rows. */
const HEARTBEAT_ROWS = 5000;
const DAY_MS = 86_400_000;

export const EXPORT_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ExportRow {
  id: string;
  user_id: string;
  organisation_id: string;
  scope: ExportScope;
  from_date: string | null;
  to_date: string | null;
  status: ExportStatus;
  rows_written: string;
  rows_total: string | null;
  attempts: number;
  claim_token: string | null;
  storage_key: string | null;
  file_name: string | null;
  size_bytes: string | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const COLUMNS = `id, user_id, organisation_id, scope, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, status, rows_written, rows_total,
  attempts, claim_token, storage_key, file_name, size_bytes, error, created_at, started_at, finished_at`;

/** The export lost its claim (it expired and another worker took it over): stop, publish nothing. */
class LostClaim extends Error {}
/** The export can never be produced (the requester may no longer export): failed at once. */
class Refused extends Error {}

/**
 * Auditor workbooks: requested by a buyer or an auditor, produced by the worker, downloaded by
 * the requester alone (an export is personal: it is written in the requester's language with
 * what the requester's organisation may read at the time it runs; other users, even of the same
 * organisation, get a 404 as for a missing export). Removed with their file after 7 days.
 */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly files: FileStore,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: ExportInput): Promise<ExportView> {
    const actor = ctx.requiredActor;
    const scope = validScope(input);
    return this.db.transaction(ctx, async (tx) => {
      if ('contractIds' in scope) {
        const visible = await this.db.query<{ id: string }>(tx, `SELECT c.id FROM contracts c WHERE c.id = ANY($1::uuid[]) AND ${contractVisibleSql('c', '$2')}`, [scope.contractIds, actor.organisationId]);
        const seen = new Set(visible.map((v) => v.id));
        const errors = scope.contractIds.flatMap((id, i) => (seen.has(id) ? [] : [{ field: `scope.contractIds[${i}]`, message: 'no such contract' }]));
        if (errors.length > 0) throw DomainException.validation(errors);
      }
      const [row] = await this.db.query<ExportRow>(
        tx,
        `INSERT INTO exports (user_id, organisation_id, scope, from_date, to_date, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [actor.userId, actor.organisationId, JSON.stringify(scope), input.from ?? null, input.to ?? null, this.clock.now()],
      );
      await this.audit.record(tx, { action: 'export.requested', entityType: 'export', entityId: row.id, organisationId: actor.organisationId, after: { scope, from: row.from_date, to: row.to_date } });
      return view(row);
    });
  }

  async get(ctx: RequestContext, id: string): Promise<ExportView> {
    return view(await this.find(ctx, id));
  }

  /** The finished workbook; 409 while it is queued or running (or failed). */
  async file(ctx: RequestContext, id: string): Promise<ExportFile> {
    const row = await this.find(ctx, id);
    if (row.status !== 'done' || !row.storage_key) throw new DomainException(ErrorCode.InvalidState, `The export is ${row.status}; its file is available once it is done`);
    const { stream, sizeBytes } = await this.files.open(row.storage_key);
    return { fileName: row.file_name ?? `export-${row.id}.xlsx`, sizeBytes, stream };
  }

  private async find(ctx: RequestContext, id: string): Promise<ExportRow> {
    const actor = ctx.requiredActor;
    const [row] = await this.db.query<ExportRow>(ctx, `SELECT ${COLUMNS} FROM exports WHERE id = $1 AND user_id = $2 AND created_at > $3`, [id, actor.userId, this.expiryCutoff()]);
    if (!row) throw DomainException.notFound();
    return row;
  }

  private expiryCutoff(): Date {
    return new Date(this.clock.now().getTime() - EXPORT_RETENTION_DAYS * DAY_MS);
  }

  // ---- the worker's side ----

  /** Removes exports older than 7 days, rows first and then their files; returns how many. */
  async purgeExpired(): Promise<number> {
    const removed = await this.db.query<{ storage_key: string | null }>(
      RequestContext.system(),
      `WITH r AS (DELETE FROM exports WHERE created_at <= $1 RETURNING storage_key) SELECT storage_key FROM r`,
      [this.expiryCutoff()],
    );
    for (const { storage_key } of removed) if (storage_key) await this.files.remove(storage_key);
    return removed.length;
  }

  /** Claims and produces queued exports (and those whose claim expired) until none is left or `limit` ran. */
  async runPending(limit = 10, options: WorkbookOptions = {}): Promise<ExportRunResult> {
    const result: ExportRunResult = { done: 0, failed: 0, lost: 0, removed: 0 };
    result.failed += await this.failExhausted();
    // An export that failed waits for the next pass: a full disk must not use up its attempts at once.
    const tried: string[] = [];
    for (let i = 0; i < limit; i++) {
      const claimed = await this.claim(tried);
      if (!claimed) break;
      tried.push(claimed.id);
      result[await this.produce(claimed, options)]++;
    }
    return result;
  }

  /** Exports whose last allowed run died: failed. */
  private async failExhausted(): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db.query<{ id: string }>(
      RequestContext.system(),
      `WITH r AS (UPDATE exports SET status = 'failed', error = 'The export was interrupted too many times', claim_token = NULL, claimed_until = NULL, finished_at = $1
                   WHERE status = 'running' AND claimed_until < $1 AND attempts >= $2 RETURNING id) SELECT id FROM r`,
      [now, EXPORT_MAX_ATTEMPTS],
    );
    return rows.length;
  }

  private async claim(skip: string[]): Promise<ExportRow | undefined> {
    const now = this.clock.now();
    const [row] = await this.db.query<ExportRow>(
      RequestContext.system(),
      `WITH next AS (
         SELECT id FROM exports
          WHERE (status = 'queued' OR (status = 'running' AND claimed_until < $1)) AND attempts < $3 AND id <> ALL($4::uuid[])
          ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
       r AS (
         UPDATE exports e SET status = 'running', attempts = e.attempts + 1, claim_token = gen_random_uuid(), claimed_until = $2, started_at = $1, rows_written = 0, error = NULL
           FROM next WHERE e.id = next.id RETURNING e.*)
       SELECT ${COLUMNS} FROM r`,
      [now, new Date(now.getTime() + EXPORT_CLAIM_SECONDS * 1000), EXPORT_MAX_ATTEMPTS, skip],
    );
    return row;
  }

  /** Renews the claim and records progress; throws LostClaim when another worker holds it now. */
  private async heartbeat(row: ExportRow, rowsWritten: number, rowsTotal?: number): Promise<void> {
    const now = this.clock.now();
    const renewed = await this.db.query<{ id: string }>(
      RequestContext.system(),
      `WITH r AS (UPDATE exports SET rows_written = $3, rows_total = COALESCE($5, rows_total), claimed_until = $4
                   WHERE id = $1 AND claim_token = $2 AND status = 'running' RETURNING id) SELECT id FROM r`,
      [row.id, row.claim_token, rowsWritten, new Date(now.getTime() + EXPORT_CLAIM_SECONDS * 1000), rowsTotal ?? null],
    );
    if (renewed.length === 0) throw new LostClaim(`export ${row.id} was taken over`);
  }

  /** Writes the workbook to a temporary file, moves it into place once complete, marks the export done. */
  private async produce(row: ExportRow, options: WorkbookOptions): Promise<'done' | 'failed' | 'lost'> {
    const tempPath = await this.files.incomingPath();
    let key: string | undefined;
    try {
      const rows = await this.write(row, tempPath, options);
      const { size } = await stat(tempPath);
      key = await this.files.keep({ tempPath });
      const fileName = `export-${calendarDay(row.created_at)}-${row.id.slice(0, 8)}.xlsx`;
      const [done] = await this.db.query<{ id: string }>(
        RequestContext.system(),
        `WITH r AS (UPDATE exports SET status = 'done', storage_key = $3, size_bytes = $4, file_name = $5, rows_written = $6, rows_total = $6, finished_at = $7, claim_token = NULL, claimed_until = NULL
                     WHERE id = $1 AND claim_token = $2 AND status = 'running' RETURNING id) SELECT id FROM r`,
        [row.id, row.claim_token, key, size, fileName, rows, this.clock.now()],
      );
      if (!done) {
        await this.files.remove(key);
        return 'lost';
      }
      return 'done';
    } catch (error) {
      await rm(tempPath, { force: true });
      if (key) await this.files.remove(key);
      if (error instanceof LostClaim) return 'lost';
      const refused = error instanceof Refused;
      if (!refused) this.logger.error(error);
      await this.db.query(
        RequestContext.system(),
        `UPDATE exports SET status = CASE WHEN $3 OR attempts >= $4 THEN 'failed' ELSE 'queued' END, error = $5, claim_token = NULL, claimed_until = NULL,
                finished_at = CASE WHEN $3 OR attempts >= $4 THEN $6::timestamptz END
          WHERE id = $1 AND claim_token = $2`,
        [row.id, row.claim_token, refused, EXPORT_MAX_ATTEMPTS, refused ? (error as Error).message : 'The export could not be written; it is retried', this.clock.now()],
      );
      return 'failed';
    }
  }

  /** The whole workbook in one REPEATABLE READ snapshot, read through cursors; returns the data rows written. */
  private async write(row: ExportRow, path: string, options: WorkbookOptions): Promise<number> {
    return this.db.transaction(RequestContext.system(), async (tx) => {
      await this.db.query(tx, 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const [requester] = await this.db.query<{ name: string; email: string; status: string; role: UserRole; organisation: string; kind: OrganisationKind; language: Language }>(
        tx,
        `SELECT u.name, u.email, u.status, u.role, o.name AS organisation, o.kind, o.preferred_language AS language
           FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1 AND o.id = $2`,
        [row.user_id, row.organisation_id],
      );
      if (!requester) throw new Refused('The requester may no longer export');
      const actor: Actor = { userId: row.user_id, organisationId: row.organisation_id, organisationKind: requester.kind, role: requester.role };
      if (requester.status !== 'active' || !hasPermission(actor, Permission.ExportsCreate)) throw new Refused('The requester may no longer export');
      const withAudit = hasPermission(actor, Permission.AuditRead);

      const contractIds = 'contractIds' in row.scope ? row.scope.contractIds : null;
      await this.db.query(tx, `CREATE TEMP TABLE export_params ON COMMIT DROP AS SELECT $1::uuid AS org, $2::date AS from_date, $3::date AS to_date, $4::boolean AS audit`, [
        row.organisation_id,
        row.from_date,
        row.to_date,
        withAudit,
      ]);
      await this.db.query(
        tx,
        `CREATE TEMP TABLE export_scope ON COMMIT DROP AS
           SELECT c.id, c.reference, ${executionVisibleSql('c', '$1')} AS execution FROM contracts c
            WHERE ${contractVisibleSql('c', '$1')} AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[]))`,
        [row.organisation_id, contractIds],
      );
      await this.db.query(tx, `ANALYZE export_params, export_scope`);
      const counts: number[] = [];
      for (const sheet of SHEETS) counts.push((await this.db.query<{ n: number }>(tx, sheet.count))[0].n);
      const total = counts.reduce((a, b) => a + b, 0);
      await this.heartbeat(row, 0, total);

      const templates = new TemplateTexts(this.db, tx, requester.language);
      const workbook = new StreamingWorkbook(path, options);
      let written = 0;
      let sinceBeat = 0;
      try {
        // Summary first: its counts come from the same snapshot as the rows that follow.
        const summary = workbook.sheet('Summary', [
          { header: 'Item', width: 28 },
          { header: 'Value', width: 70, type: 'auto' },
          { header: 'Colour', width: 10, type: 'colour' },
        ]);
        const references = contractIds ? (await this.db.query<{ reference: string }>(tx, `SELECT reference FROM export_scope ORDER BY reference`)).map((r) => r.reference) : [];
        const lines: CellInput[][] = [
          ['Workbook', 'Due-diligence auditor workbook', null],
          ['Scope', contractIds ? `Contracts: ${references.join(', ') || '(none readable)'}` : 'Portfolio: every contract your organisation has a part in', null],
          ['Period', row.from_date || row.to_date ? `${row.from_date ?? 'the beginning'} to ${row.to_date ?? 'today'} (record dates; times as UTC dates)` : 'All dates', null],
          ['Generated at (UTC)', this.clock.now(), null],
          ['Generated by', `${requester.name} <${requester.email}>, ${requester.organisation}`, null],
          ['Language of questions', requester.language, null],
          ['Colour legend', 'Green: meets the requirement', 'green'],
          ['Colour legend', 'Amber: to be improved (medium finding)', 'amber'],
          ['Colour legend', 'Red: serious issue or red flag (high finding)', 'red'],
          ['Colour legend', 'Grey: not rated (not answered, not applicable, or no colour)', 'grey'],
          ...SHEETS.map((sheet, i): CellInput[] => [`Rows: ${sheet.name}`, counts[i], null]),
        ];
        if (!withAudit) lines.push(['Audit events', 'Not included: only administrators of your organisation may read its audit log', null]);
        for (const line of lines) await summary.add(line);

        for (const sheet of SHEETS) {
          const out = workbook.sheet(sheet.name, sheet.columns);
          templates.carry = {};
          await this.db.query(tx, `DECLARE export_rows NO SCROLL CURSOR FOR ${sheet.sql}`);
          const fetch = () => this.db.query<Record<string, unknown>>(tx, `FETCH ${FETCH_SIZE} FROM export_rows`);
          // The next batch is fetched while this one is written (one batch ahead, no more).
          let next = fetch();
          for (;;) {
            const batch = await next;
            if (batch.length === FETCH_SIZE) {
              next = fetch();
              next.catch(() => undefined); // awaited below; not unhandled if writing fails first
            }
            for (const r of batch) {
              if (needsTemplate(r)) await templates.load(r.template_id as string);
              const pause = out.add(sheet.row(r, templates));
              if (pause) await pause;
              written++;
              if (++sinceBeat >= HEARTBEAT_ROWS) {
                sinceBeat = 0;
                await this.heartbeat(row, written);
              }
            }
            if (batch.length < FETCH_SIZE) break;
          }
          await this.db.query(tx, `CLOSE export_rows`);
        }
        await workbook.close();
      } catch (error) {
        await workbook.close().catch(() => undefined);
        throw error;
      }
      return written;
    });
  }
}

function needsTemplate(r: Record<string, unknown>): boolean {
  return typeof r.template_id === 'string';
}

/**
 * Question texts of the templates met so far, in the requester's language, else English, else
 * the template's first language. A handful of templates per export: kept for the export's run.
 */
class TemplateTexts {
  private readonly templates = new Map<string, Map<string, QuestionText>>();
  carry: Record<string, unknown> = {};

  constructor(
    private readonly db: Database,
    private readonly tx: RequestContext,
    private readonly language: Language,
  ) {}

  async load(templateId: string): Promise<void> {
    if (this.templates.has(templateId)) return;
    const [row] = await this.db.query<{ definition: TemplateDefinition }>(this.tx, `SELECT definition FROM questionnaire_templates WHERE id = $1`, [templateId]);
    const questions = new Map<string, QuestionText>();
    const definition = row?.definition;
    if (definition) {
      const languages = (definition.languages ?? []) as string[];
      const lang = (languages.includes(this.language) ? this.language : languages.includes('en') ? 'en' : languages[0]) as keyof QuestionDefinition['text'];
      const pick = (t: Partial<Record<string, string>> | undefined): string => (t ? (t[lang] ?? t.en ?? Object.values(t).find((v) => v) ?? '') : '');
      for (const section of definition.sections ?? []) {
        for (const q of section.questions ?? []) {
          const labels = new Map((q.options ?? []).map((o) => [o.value, pick(o.label)]));
          questions.set(q.code, { section: pick(section.title), text: pick(q.text), answer: (value) => answerCell(value, labels) });
        }
      }
    }
    this.templates.set(templateId, questions);
  }

  question(templateId: string, code: string): QuestionText {
    return this.templates.get(templateId)?.get(code) ?? { section: '', text: code, answer: (value) => answerCell(value, new Map()) };
  }
}

function answerCell(value: unknown, labels: Map<string, string>): CellInput {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return labels.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? (labels.get(v) ?? v) : String(v))).join('; ');
  return JSON.stringify(value);
}

function validScope(input: ExportInput): ExportScope {
  const { contractIds, portfolio } = input.scope ?? {};
  if (portfolio === true && contractIds === undefined) {
    // nothing else to check
  } else if (contractIds !== undefined && portfolio === undefined) {
    if (contractIds.length === 0) throw DomainException.validation([{ field: 'scope.contractIds', message: 'name at least one contract, or ask for the portfolio' }]);
  } else {
    throw DomainException.validation([{ field: 'scope', message: 'scope must be either {"contractIds": [...]} or {"portfolio": true}' }]);
  }
  if (input.from && input.to && input.from > input.to) throw DomainException.validation([{ field: 'to', message: 'to must not be before from' }]);
  return contractIds ? { contractIds: [...new Set(contractIds.map((id) => id.toLowerCase()))] } : { portfolio: true };
}

function view(row: ExportRow): ExportView {
  return {
    id: row.id,
    status: row.status,
    scope: row.scope,
    from: row.from_date,
    to: row.to_date,
    progress: { rowsWritten: Number(row.rows_written), rowsTotal: row.rows_total === null ? null : Number(row.rows_total) },
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    expiresAt: new Date(row.created_at.getTime() + EXPORT_RETENTION_DAYS * DAY_MS),
    fileName: row.file_name,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    error: row.status === 'failed' ? row.error : null,
  };
}

function calendarDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

