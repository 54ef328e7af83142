import * as argon2 from 'argon2';
import type { ClientBase, Pool, PoolClient } from 'pg';
import { REFERENCE_TEMPLATES, TemplateDefinition } from '@ddp/questionnaires';
import { planTemplate } from './answers';
import { assessmentId, assessmentRows, assessmentTables } from './assessments';
import { contractFacts, contractRows, contractTables } from './contracts';
import { addressBook, ANCHOR_DAYS, auditBodyRows, authorityRows, Fakers, orgId, organisationTables, supplierRows, userId } from './organisations';
import { addDaysTo, DEFAULT_OPTIONS, GenerateOptions, Plan } from './plan';
import { digest, GENERATED_ID_SQL } from './random';
import { TableRows, writeRows } from './writer';

/** The password of every generated user: printed by the command so benchmarks can log in. */
export const GENERATED_PASSWORD = 'Generated-Data-2026!';

/** Why the generator will not write: a production environment or a database with real organisations. */
export class GenerateRefused extends Error {}

export interface GenerateProgress {
  phase: Phase;
  /** Chunks of this phase done (written or found written by an earlier run). */
  done: number;
  chunks: number;
  /** Rows written by this chunk (0 when it was already there). */
  rows: number;
  skipped: boolean;
}

export interface GenerateSummary {
  today: string;
  seconds: number;
  /** Rows written by this run and rows now in the table. */
  tables: Record<string, { written: number; total: number }>;
  chunks: { written: number; skipped: number };
  logins: { password: string; authorityAdmin: string; supplierAdmin: string; auditorAdmin: string };
}

const PHASES = ['authorities', 'audit bodies', 'suppliers', 'contracts', 'assessments'] as const;
export type Phase = (typeof PHASES)[number];

/** Every table the generator writes (the summary's rows). */
export const GENERATED_TABLES = [
  'organisations', 'users', 'questionnaire_templates', 'contracts', 'contract_lots', 'contract_participants', 'contract_auditors', 'production_sites', 'product_labels', 'contract_clauses',
  'report_obligations', 'reports', 'report_submissions', 'kpi_settlements', 'assessments', 'assessment_revisions', 'assessment_answers', 'review_comments', 'assessment_shares', 'findings',
  'action_plans', 'action_plan_findings', 'plan_actions', 'defaults', 'penalties', 'deadline_reminders', 'mail_outbox',
] as const;

export interface GenerateInput extends Partial<GenerateOptions> {
  /** Write into a database that holds organisations the generator did not make. */
  force?: boolean;
}

function loadFakers(): Fakers {
  // A dev dependency: required only when generating (the production image prunes it). Its CommonJS build, as everything here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const f = require('@faker-js/faker') as typeof import('@faker-js/faker', { with: { 'resolution-mode': 'require' } });
  return { nl_BE: f.fakerNL_BE, fr_BE: f.fakerFR_BE, fr: f.fakerFR, nl: f.fakerNL, de: f.fakerDE, en: f.fakerEN, cs: f.fakerCS_CZ, hu: f.fakerHU, pl: f.fakerPL, vi: f.fakerVI };
}

/** One argon2id hash for every user, salted from the seed so that runs are byte-identical. */
async function passwordHash(seed: number): Promise<string> {
  return argon2.hash(GENERATED_PASSWORD, { type: argon2.argon2id, salt: Buffer.from(digest(`salt:${seed}`, 32), 'hex'), memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

async function refuseRealData(client: ClientBase): Promise<void> {
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM organisations WHERE kind <> 'platform' AND NOT ${GENERATED_ID_SQL('id')}`);
  if (rows[0].n > 0) throw new GenerateRefused(`the database holds ${rows[0].n} organisations the generator did not make; pass --force to write into it anyway`);
}

/** The interrupted run's today (the first authority is dated ANCHOR_DAYS before it), else the given or current date. */
async function resolveToday(client: ClientBase, plan: Plan, wanted: string | undefined): Promise<string> {
  const { rows } = await client.query<{ day: string }>(`SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM organisations WHERE id = $1`, [orgId(plan, 'authority', 0)]);
  if (rows[0]) return addDaysTo(rows[0].day, ANCHOR_DAYS);
  return wanted ?? new Date().toISOString().slice(0, 10);
}

interface PhaseWork {
  phase: Phase;
  total: number;
  /** The id of the chunk's last primary row: if it exists, the chunk committed. */
  marker: (table: string, lastIndex: number) => { table: string; id: string };
  build: (from: number, to: number) => Promise<TableRows[]> | TableRows[];
}

/**
 * Fills the database with a realistic, deterministic portfolio (see docs/data-generator.md).
 * Each chunk is one transaction; a chunk whose last primary row exists is skipped, so a run
 * interrupted anywhere and started again with the same options ends with the same rows.
 * `onProgress` runs after each chunk; an exception it throws stops the run (after that chunk).
 */
export async function generate(sql: ClientBase | Pool, input: GenerateInput = {}, onProgress?: (progress: GenerateProgress) => void): Promise<GenerateSummary> {
  const pooled = 'totalCount' in sql ? await (sql as Pool).connect() : undefined;
  const client: ClientBase = pooled ?? (sql as ClientBase);
  try {
    return await run(client, input, onProgress);
  } finally {
    (pooled as PoolClient | undefined)?.release();
  }
}

async function run(client: ClientBase, input: GenerateInput, onProgress?: (progress: GenerateProgress) => void): Promise<GenerateSummary> {
  const started = performance.now();
  const options: GenerateOptions = { ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as GenerateOptions;
  for (const key of ['authorities', 'suppliers', 'contracts', 'assessments', 'chunk'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 1) throw new GenerateRefused(`--${key} must be a positive whole number`);
  }
  if (options.authorities < 2) throw new GenerateRefused('--authorities must be at least 2 (framework agreements and shares need another buyer)');
  if (!input.force) await refuseRealData(client);
  // Ids do not depend on the date: a plan dated anywhere finds the first authority.
  const probe = new Plan(options, '1970-01-01');
  const plan = new Plan(options, await resolveToday(client, probe, options.today));
  const fakers = loadFakers();
  const hash = await passwordHash(options.seed);
  const templates = REFERENCE_TEMPLATES.map(({ definition }) => planTemplate(definition as unknown as TemplateDefinition));
  const written: Record<string, number> = {};
  const chunkCounts = { written: 0, skipped: 0 };

  const organisations = (rows: (p: Plan, t: ReturnType<typeof organisationTables>, f: Fakers, n: number, h: string) => void) => (from: number, to: number) => {
    const t = organisationTables();
    for (let n = from; n < to; n++) rows(plan, t, fakers, n, hash);
    return [t.organisations, t.users, t.templates];
  };
  const work: PhaseWork[] = [
    { phase: 'authorities', total: options.authorities, marker: (table, n) => ({ table, id: orgId(plan, 'authority', n) }), build: organisations(authorityRows) },
    { phase: 'audit bodies', total: plan.auditBodies, marker: (table, n) => ({ table, id: orgId(plan, 'audit', n) }), build: organisations(auditBodyRows) },
    { phase: 'suppliers', total: options.suppliers, marker: (table, n) => ({ table, id: orgId(plan, 'supplier', n) }), build: organisations(supplierRows) },
    {
      phase: 'contracts',
      total: options.contracts,
      marker: (table, c) => ({ table, id: contractFacts(plan, c).id }),
      build: (from, to) => {
        const t = contractTables();
        const address = addressBook(plan, fakers);
        for (let c = from; c < to; c++) contractRows(plan, t, fakers, c, address);
        return [t.contracts, t.lots, t.participants, t.auditors, t.sites, t.labels, t.clauses, t.obligations, t.reports, t.submissions, t.settlements, t.defaults, t.penalties, t.reminders, t.mails];
      },
    },
    {
      phase: 'assessments',
      total: options.assessments,
      marker: (table, i) => ({ table, id: assessmentId(plan, i) }),
      build: (from, to) => {
        const t = assessmentTables();
        const address = addressBook(plan, fakers);
        for (let i = from; i < to; i++) assessmentRows(plan, t, templates, i, address);
        return [t.assessments, t.revisions, t.answers, t.submittedRevisions, t.comments, t.shares, t.findings, t.plans, t.planFindings, t.actions, t.defaults, t.penalties, t.reminders, t.mails];
      },
    },
  ];
  const markerTable: Record<Phase, string> = { authorities: 'organisations', 'audit bodies': 'organisations', suppliers: 'organisations', contracts: 'contracts', assessments: 'assessments' };

  for (const phase of work) {
    const chunks = plan.chunks(phase.total);
    for (const [k, { from, to }] of chunks.entries()) {
      const marker = phase.marker(markerTable[phase.phase], to - 1);
      const exists = (await client.query(`SELECT 1 FROM ${marker.table} WHERE id = $1`, [marker.id])).rowCount! > 0;
      let rows = 0;
      if (exists) chunkCounts.skipped++;
      else {
        rows = await writeChunk(client, await phase.build(from, to), written);
        chunkCounts.written++;
      }
      onProgress?.({ phase: phase.phase, done: k + 1, chunks: chunks.length, rows, skipped: exists });
    }
  }
  // As autovacuum would have done on a live database: statistics, and the visibility map without
  // which every index-only scan also reads the table (a server with autovacuum off never sets it).
  await client.query('VACUUM (ANALYZE)');
  const tables: GenerateSummary['tables'] = {};
  for (const table of GENERATED_TABLES) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    tables[table] = { written: written[table] ?? 0, total: Number(rows[0].n) };
  }
  const email = async (id: string): Promise<string> => (await client.query<{ email: string }>('SELECT email FROM users WHERE id = $1', [id])).rows[0]?.email ?? '';
  return {
    today: plan.today,
    seconds: (performance.now() - started) / 1000,
    tables,
    chunks: chunkCounts,
    logins: {
      password: GENERATED_PASSWORD,
      authorityAdmin: await email(userId(plan, 'authority', 0, 0)),
      supplierAdmin: await email(userId(plan, 'supplier', 0, 0)),
      auditorAdmin: await email(userId(plan, 'audit', 0, 0)),
    },
  };
}

/** One transaction: the chunk's tables in foreign-key order. */
async function writeChunk(client: ClientBase, sets: TableRows[], written: Record<string, number>): Promise<number> {
  let total = 0;
  await client.query('BEGIN');
  try {
    // Durability per chunk is not needed: a chunk lost in a crash is written again on resume.
    await client.query('SET LOCAL synchronous_commit = off');
    for (const set of sets) {
      const n = await writeRows(client, set);
      written[set.table] = (written[set.table] ?? 0) + n;
      total += n;
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return total;
}
