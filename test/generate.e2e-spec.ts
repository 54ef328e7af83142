import request from 'supertest';
import { Client } from 'pg';
import { AuditService, RequestContext } from '@ddp/core';
import { createTestApp, createTestDatabase, dropTestDatabase, TestApp } from '@ddp/testing';
import { generateCommand } from '../apps/cli/src/generate/command';
import { generate, GenerateInput, GenerateRefused, GenerateSummary } from '../apps/cli/src/generate/generate';

/** A small portfolio: 3 buyers, 20 suppliers, 40 contracts, 60 assessments, 10 rows per chunk (so there are chunks to resume). */
const SMALL: GenerateInput = { authorities: 3, suppliers: 20, contracts: 40, assessments: 60, chunk: 10, seed: 1, today: '2026-06-15' };

/** What must come out the same for the same seed: the generated rows of the key tables (the app's own rows are version-4 ids). */
const CHECKSUM_SQL = `
  SELECT md5(string_agg(x, '|' ORDER BY x)) AS sum FROM (
    SELECT o::text AS x FROM organisations o WHERE substr(o.id::text, 15, 1) = '8'
    UNION ALL SELECT u::text FROM users u WHERE substr(u.id::text, 15, 1) = '8'
    UNION ALL SELECT c::text FROM contracts c
    UNION ALL SELECT a::text FROM assessments a
    UNION ALL SELECT x::text FROM assessment_answers x
    UNION ALL SELECT f::text FROM findings f
    UNION ALL SELECT r::text FROM reports r
    UNION ALL SELECT d::text FROM defaults d
    UNION ALL SELECT p::text FROM penalties p
    UNION ALL SELECT m::text FROM mail_outbox m WHERE substr(m.id::text, 15, 1) = '8'
  ) t`;

async function withDatabase<T>(work: (sql: Client) => Promise<T>): Promise<T> {
  const database = await createTestDatabase();
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
    await dropTestDatabase(database.name);
  }
}

const checksum = async (sql: Client): Promise<string> => (await sql.query<{ sum: string }>(CHECKSUM_SQL)).rows[0].sum;

describe('generate: the realistic data generator', () => {
  let t: TestApp;
  let summary: GenerateSummary;
  let reference: string;

  beforeAll(async () => {
    t = await createTestApp();
    summary = await generate(t.sql, SMALL);
    reference = await checksum(t.sql);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('writes the asked sizes and every kind of record', async () => {
    const count = async (table: string, where = 'true'): Promise<number> => Number((await t.sql.query(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0].n);
    expect(await count('organisations', "kind = 'contracting_authority'")).toBe(3);
    expect(await count('organisations', "kind = 'supplier'")).toBe(20);
    expect(await count('organisations', "kind = 'audit_body'")).toBe(1);
    expect(await count('contracts')).toBe(40);
    expect(await count('assessments')).toBe(60);
    expect(summary.tables.users.written).toBe(3 * 4 + 20 * 2 + 1 * 2);
    expect(summary.tables.questionnaire_templates.written).toBe(3 * 2);
    for (const status of ['issued', 'in_progress', 'submitted', 'clarification_requested', 'accepted']) expect(await count('assessments', `status = '${status}'`)).toBeGreaterThan(0);
    for (const status of ['submitted', 'accepted', 'returned']) expect(await count('reports', `status = '${status}'`)).toBeGreaterThan(0);
    for (const table of ['findings', 'action_plans', 'plan_actions', 'report_obligations', 'kpi_settlements', 'defaults', 'penalties', 'deadline_reminders', 'mail_outbox', 'contract_participants', 'contract_auditors', 'production_sites', 'product_labels']) {
      expect({ table, rows: await count(table) }).toEqual({ table, rows: expect.any(Number) });
      expect(await count(table)).toBeGreaterThan(0);
    }
    // Submitted assessments have their submitted revision (answers first, then the revision marked).
    expect(await count('assessment_revisions', 'submitted_at IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('assessments a', "status IN ('submitted', 'accepted', 'clarification_requested') AND NOT EXISTS (SELECT 1 FROM assessment_revisions v WHERE v.assessment_id = a.id AND v.submitted_at IS NOT NULL)")).toBe(0);
    expect(await count('defaults', "status IN ('proposed', 'notified', 'answered', 'decided')")).toBeGreaterThan(0);
    expect(await count('penalties', "amount_cents <> round(amount_cents)")).toBe(0);
    // Findings come from the red and amber answers of submitted revisions, as the app records them.
    expect(await count('findings f', "NOT EXISTS (SELECT 1 FROM assessment_answers x WHERE x.assessment_id = f.assessment_id AND x.revision = f.revision AND x.question_code = f.question_code AND x.colour IN ('red', 'amber'))")).toBe(0);
  });

  it('colours the answers mostly green, some amber, few red', async () => {
    const { rows } = await t.sql.query<{ colour: string; n: string }>(`SELECT colour, count(*) AS n FROM assessment_answers WHERE colour <> 'grey' GROUP BY colour`);
    const n = Object.fromEntries(rows.map((r) => [r.colour, Number(r.n)]));
    const total = n.green + n.amber + n.red;
    expect(n.green / total).toBeGreaterThan(0.8);
    expect(n.amber / total).toBeGreaterThan(0.02);
    expect(n.red / total).toBeGreaterThan(0.01);
    expect(n.red / total).toBeLessThan(0.1);
  });

  it('is deterministic: the same seed gives the same rows, another seed other rows', async () => {
    await withDatabase(async (sql) => {
      await generate(sql, SMALL);
      expect(await checksum(sql)).toBe(reference);
    });
    await withDatabase(async (sql) => {
      await generate(sql, { ...SMALL, seed: 2 });
      expect(await checksum(sql)).not.toBe(reference);
    });
  }, 60_000);

  it('resumes after an interruption and ends with the rows of an uninterrupted run', async () => {
    await withDatabase(async (sql) => {
      let chunks = 0;
      const interrupt = (): void => {
        if (++chunks === 5) throw new Error('interrupted');
      };
      await expect(generate(sql, SMALL, interrupt)).rejects.toThrow('interrupted');
      const partial = Number((await sql.query('SELECT count(*) AS n FROM organisations')).rows[0].n);
      expect(partial).toBeGreaterThan(0);
      const resumed = await generate(sql, SMALL);
      expect(resumed.chunks.skipped).toBe(5);
      expect(await checksum(sql)).toBe(reference);
    });
  }, 60_000);

  it('refuses a database holding organisations it did not make, unless forced', async () => {
    await withDatabase(async (sql) => {
      await sql.query(`INSERT INTO organisations (name, kind, country) VALUES ('Real buyer', 'contracting_authority', 'BE')`);
      await expect(generate(sql, SMALL)).rejects.toThrow(GenerateRefused);
      expect(Number((await sql.query('SELECT count(*) AS n FROM contracts')).rows[0].n)).toBe(0);
    });
  });

  it('exits 2 with NODE_ENV=production unless forced, and on a bad option, before touching any database', async () => {
    const lines: string[] = [];
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(await generateCommand('postgres://nobody@127.0.0.1:1/none', {}, (line) => lines.push(line))).toBe(2);
    } finally {
      process.env.NODE_ENV = saved;
    }
    expect(lines.join('\n')).toMatch(/NODE_ENV=production.*--force/);
    expect(await generateCommand('postgres://nobody@127.0.0.1:1/none', { contracts: 'many' }, (line) => lines.push(line))).toBe(2);
    expect(lines[lines.length - 1]).toMatch(/--contracts takes a whole number/);
  });

  it('leaves the audit chain intact', async () => {
    const result = await t.app.get(AuditService).verify(RequestContext.system());
    expect(result.firstBreak).toBeUndefined();
  });

  it('serves the generated data through the API to generated users', async () => {
    const login = async (email: string): Promise<string> => {
      const response = await request(t.http).post('/api/v1/auth/login').send({ email, password: summary.logins.password }).expect(200);
      return `Bearer ${response.body.accessToken as string}`;
    };
    const get = async (auth: string, path: string): Promise<request.Response> => {
      const response = await request(t.http).get(`/api/v1${path}`).set('authorization', auth);
      expect({ path, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ path, status: 200, body: undefined });
      return response;
    };
    const buyer = await login(summary.logins.authorityAdmin);
    const contracts = await get(buyer, '/contracts');
    expect(contracts.body.items.length).toBeGreaterThan(0);
    const contractId = contracts.body.items[0].id as string;
    const contractPaths = ['', '/clause', '/sites', '/labels', '/report-obligations'].map((p) => `/contracts/${contractId}${p}`);
    for (const path of [...contractPaths, `/penalties?contractId=${contractId}`, `/bonus-malus?contractId=${contractId}`]) await get(buyer, path);
    // Every list, and the detail of (up to 25 of) its records: the generated states must all read.
    const details = ['/assessments', '/findings', '/action-plans', '/reports', '/defaults'];
    const browse = async (auth: string, overviews: string[]): Promise<number> => {
      let read = 0;
      for (const path of [...details, ...overviews]) {
        const items = ((await get(auth, path)).body.items ?? []) as { id: string }[];
        if (!details.includes(path)) continue;
        for (const item of items.slice(0, 25)) {
          await get(auth, `${path}/${item.id}`);
          read++;
        }
      }
      return read;
    };
    expect(await browse(buyer, ['/dashboard', '/deadlines', '/questionnaire-templates'])).toBeGreaterThan(20);
    const supplier = await login(summary.logins.supplierAdmin);
    await get(supplier, '/contracts');
    // Suppliers have no dashboard (a buyer's view); their deadlines are their to-do list.
    expect(await browse(supplier, ['/deadlines'])).toBeGreaterThan(0);
    const auditor = await login(summary.logins.auditorAdmin);
    await get(auditor, '/contracts');
  });
});
