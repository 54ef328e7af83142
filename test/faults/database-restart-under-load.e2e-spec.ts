import { ChildProcess, fork } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { ensureDatabase, loadConfig, runMigrations, withDatabase } from '@ddp/core';
import { createActor, createContract, ensureRegistration, freePort, publishedTemplate, smallDefinition, TEST_JWT_SECRET, TestActor, TestApp } from '@ddp/testing';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AppProcess, launch, processEnv, sleep, waitUntilReady } from '../support/processes';

/** How long the database stays down. */
const OUTAGE_MS = 3000;
/** Load before the outage, and after the first success once the database is back. */
const STEADY_MS = 2500;
/** A writer or reader pauses this long between its requests (a steady load, not a flood). */
const PACE_MS = 20;

interface Answer {
  kind: string;
  status: number;
  contentType: string;
  body: string;
  sentAt: number;
  doneAt: number;
}

/** A write the driver made: what it sent and how the api answered. */
interface Write {
  kind: 'invitation' | 'contract' | 'answers';
  key: string;
  status: number;
  assessmentId?: string;
  version?: number;
}

/**
 * A production api process under a steady mix of writes and reads while its PostgreSQL (one of
 * this file's own) stops for 3 s and starts again: the process lives, answers 2xx or a clean 503,
 * serves again within 10 s of the database, and every acknowledged write is in the database.
 */
describe('database restart under load (api process)', () => {
  let root: string;
  let server: ChildProcess;
  let url: string;
  let api: AppProcess | undefined;
  let base: string;
  let buyer: TestActor;
  let supplier: TestActor;
  let supplierRegistration: string;
  const assessments: Array<{ id: string; version: number }> = [];

  const command = (name: 'start' | 'stop' | 'exit'): Promise<{ url: string }> =>
    new Promise((resolve, reject) => {
      server.once('message', (reply: { ok: boolean; url: string; error?: string }) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      server.send(name);
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ddp-faults-load-'));
    chmodSync(root, 0o755); // the server runs as `postgres` when we are root
    server = fork(join(__dirname, '..', 'support', 'embedded-postgres.process.js'), [join(root, 'pg'), String(await freePort())]);
    const { url: adminUrl } = await command('start');
    await ensureDatabase(adminUrl, 'load');
    url = withDatabase(adminUrl, 'load');
    await runMigrations(url);
    await seed();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = launch(
      'api',
      processEnv({ DATABASE_URL: url, JWT_SECRET: TEST_JWT_SECRET, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(root, 'data'), PUBLIC_URL: 'http://portal.test', DB_POOL_SIZE: '5', RATE_LIMIT_AUTH_PER_MINUTE: '10000' }),
    );
    await waitUntilReady(base, api);
  }, 90_000);

  afterAll(async () => {
    await api?.stop('SIGKILL');
    if (server?.connected) await new Promise((resolve) => server.once('exit', resolve).send('exit'));
    rmSync(root, { recursive: true, force: true });
  });

  /** Organisations, users (with tokens the process accepts: same secret), contracts and two open questionnaires, through an in-process api closed afterwards. */
  async function seed(): Promise<void> {
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: join(root, 'seed'), JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', DB_POOL_SIZE: '2', RATE_LIMIT_AUTH_PER_MINUTE: '1000' });
    const app = await createApiApp(config, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const sql = new Client({ connectionString: url });
    await sql.connect();
    try {
      const t = { app, http: app.getHttpServer(), sql, config } as unknown as TestApp;
      buyer = await createActor(t, 'contracting_authority', 'admin');
      supplier = await createActor(t, 'supplier', 'admin');
      supplierRegistration = await ensureRegistration(t, supplier);
      const template = await publishedTemplate(t, buyer, smallDefinition());
      for (let i = 0; i < 2; i++) {
        const contract = await createContract(t, buyer, supplier);
        const issued = await request(t.http).post('/api/v1/assessments').set('authorization', buyer.auth).send({ contractId: contract.id, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
        assessments.push({ id: issued.body.id, version: issued.body.version });
      }
    } finally {
      await sql.end();
      await app.close();
    }
  }

  it('survives, answers 2xx or 503 problem+json, recovers within 10 s and loses no acknowledged write', async () => {
    const answers: Answer[] = [];
    const writes: Write[] = [];
    let running = true;

    const call = async (kind: string, actor: TestActor, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer & { etag?: string }> => {
      const sentAt = Date.now();
      let answer: Answer & { etag?: string };
      try {
        const res = await fetch(`${base}/api/v1${path}`, {
          method,
          headers: { authorization: actor.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
        answer = { kind, status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text(), sentAt, doneAt: Date.now(), etag: res.headers.get('etag') ?? undefined };
      } catch (error) {
        // No HTTP answer at all (connection refused or reset, timeout): recorded as status 0.
        answer = { kind, status: 0, contentType: '', body: String(error), sentAt, doneAt: Date.now() };
      }
      answers.push(answer);
      return answer;
    };

    const loop = async (step: (n: number) => Promise<void>): Promise<void> => {
      for (let n = 0; running; n++) {
        await step(n);
        await sleep(PACE_MS);
      }
    };

    const invitations = (lane: number) =>
      loop(async (n) => {
        const email = `load-${lane}-${n}@buyer.test`;
        const res = await call('invitation', buyer, 'POST', `/organisations/${buyer.organisation.id}/invitations`, { email, role: 'member' });
        writes.push({ kind: 'invitation', key: email, status: res.status });
      });

    const contracts = () =>
      loop(async (n) => {
        const reference = `LOAD-${n}`;
        const res = await call('contract', buyer, 'POST', '/contracts', {
          reference,
          title: 'Screens under load',
          supplier: { name: supplier.organisation.name, country: 'BE', registrationNumber: supplierRegistration, contactEmail: 'contact@supplier.test' },
          startDate: '2026-01-01',
          endDate: '2029-12-31',
          valueCents: 1_000_000,
          currency: 'EUR',
        });
        writes.push({ kind: 'contract', key: reference, status: res.status });
      });

    /** One autosaving supplier per questionnaire: If-Match the version it last saw; after a 503 it reads the version again. */
    const answerSaves = (assessment: { id: string; version: number }) => {
      let version: number | undefined = assessment.version;
      return loop(async (n) => {
        if (version === undefined) {
          const read = await call('read', supplier, 'GET', `/assessments/${assessment.id}`);
          if (read.status === 200) version = JSON.parse(read.body).version as number;
          return;
        }
        const value = `save ${n} of ${assessment.id.slice(0, 8)}`;
        const res = await call('answers', supplier, 'PUT', `/assessments/${assessment.id}/answers`, { answers: [{ questionCode: 'HW-02', value }] }, { 'if-match': `"${version}"`, prefer: 'return=minimal' });
        const saved = res.status === 204 ? Number(/\d+/.exec(res.etag ?? '')?.[0]) : undefined;
        writes.push({ kind: 'answers', key: value, status: res.status, assessmentId: assessment.id, version: saved });
        version = saved;
      });
    };

    const reads = () =>
      loop(async (n) => {
        await (n % 2 === 0 ? call('read', buyer, 'GET', '/me') : call('read', supplier, 'GET', `/assessments/${assessments[0].id}`));
      });

    const load = Promise.all([invitations(0), invitations(1), contracts(), ...assessments.map(answerSaves), reads(), reads()]);

    await sleep(STEADY_MS);
    const stopAt = Date.now();
    await command('stop');
    await sleep(OUTAGE_MS);
    await command('start');
    const upAt = Date.now();
    let firstSuccessAt: number | undefined;
    while (Date.now() - upAt < 15_000) {
      firstSuccessAt = answers.find((a) => a.status >= 200 && a.status < 300 && a.sentAt >= upAt)?.doneAt;
      if (firstSuccessAt) break;
      await sleep(50);
    }
    await sleep(STEADY_MS);
    running = false;
    await load;

    // The process lived through it.
    expect(api!.alive()).toBe(true);

    // Only successes and clean 503s: no other 5xx, no 401/429, no connection dropped.
    const unexpected = answers.filter((a) => !(a.status >= 200 && a.status < 300) && a.status !== 503);
    // With the api's log lines of the same request, to say why.
    const logOf = (body: string) => {
      const id = /"requestId":"([^"]+)"/.exec(body)?.[1];
      return id ? api!.output().split('\n').filter((line) => line.includes(id)).join('\n').slice(0, 1500) : '';
    };
    expect(unexpected.slice(0, 3).map((a) => `${a.kind} ${a.status} ${a.body.slice(0, 300)}\n${logOf(a.body)}`)).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(a.contentType).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(a.body) as { code: string; status: number };
      expect(problem).toMatchObject({ status: 503, code: 'database_unavailable' });
      expect(a.body).not.toMatch(/ECONNREFUSED|\n\s+at |terminating connection|\.ts:\d+|\.js:\d+/);
    }

    // Back within 10 s of the database.
    expect(firstSuccessAt).toBeDefined();
    const recoveryMs = firstSuccessAt! - upAt;
    expect(recoveryMs).toBeLessThanOrEqual(10_000);

    // Every acknowledged write is there; a write answered 503 is there entirely or not at all.
    const sql = new Client({ connectionString: url });
    await sql.connect();
    try {
      const lost: string[] = [];
      const halves: string[] = [];
      let committedDespite503 = 0;
      for (const write of writes) {
        const parts = await partsOf(sql, write, buyer.organisation.id);
        const present = parts.filter(Boolean).length;
        if (write.status >= 200 && write.status < 300 && present !== parts.length) lost.push(`${write.kind} ${write.key}: ${JSON.stringify(parts)}`);
        if (write.status === 503 && present !== 0 && present !== parts.length) halves.push(`${write.kind} ${write.key}: ${JSON.stringify(parts)}`);
        if (write.status === 503 && parts.length > 0 && present === parts.length) committedDespite503++;
      }
      expect(lost).toEqual([]);
      expect(halves).toEqual([]);
      // Each committed save bumped the version once and wrote one audit entry, never one without the other.
      for (const { id, version } of assessments) {
        const { rows } = await sql.query<{ version: number; entries: number }>(
          `SELECT a.version, (SELECT count(*)::int FROM audit_events e WHERE e.action = 'assessment.answers_saved' AND e.entity_id = a.id::text) AS entries FROM assessments a WHERE a.id = $1`,
          [id],
        );
        expect(rows[0].version - version).toBe(rows[0].entries);
      }
      // The last save of each questionnaire was acknowledged after the outage: its answer is the one stored.
      for (const { id } of assessments) {
        const last = writes.filter((w) => w.kind === 'answers' && w.assessmentId === id).at(-1)!;
        expect(last.status).toBe(204);
        const { rows } = await sql.query<{ value: unknown }>(`SELECT value FROM assessment_answers WHERE assessment_id = $1 AND question_code = 'HW-02'`, [id]);
        expect(rows[0]?.value).toBe(last.key);
      }

      const acknowledged = writes.filter((w) => w.status >= 200 && w.status < 300).length;
      const during = answers.filter((a) => a.sentAt >= stopAt && a.sentAt < upAt);
      expect(writes.filter((w) => w.status === 503).length).toBeGreaterThan(0);
      expect(acknowledged).toBeGreaterThan(20);
      // For docs/operations.md: printed only when asked (FAULTS_REPORT=1).
      if (process.env.FAULTS_REPORT) {
        process.stdout.write(
          `${JSON.stringify({ requests: answers.length, during: during.length, unavailable: unavailable.length, writes: writes.length, acknowledged, writes503: writes.filter((w) => w.status === 503).length, committedDespite503, lost: lost.length, halves: halves.length, outageMs: upAt - stopAt, recoveryMs })}\n`,
        );
      }
    } finally {
      await sql.end();
    }
  }, 90_000);
});

/**
 * The rows one write makes, each present or not: an invitation (its row, its mail, its audit
 * entry), a contract (its row and the audit entry of each party), an acknowledged answer save
 * (its audit entry, which carries the version the save produced).
 */
async function partsOf(sql: Client, write: Write, buyerOrganisationId: string): Promise<boolean[]> {
  const exists = async (text: string, params: unknown[]) => ((await sql.query(text, params)).rowCount ?? 0) > 0;
  if (write.kind === 'invitation') {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM invitations WHERE organisation_id = $1 AND email = $2', [buyerOrganisationId, write.key]);
    return [
      rows.length === 1,
      await exists(`SELECT 1 FROM mail_outbox WHERE to_address = $1 AND template = 'invitation'`, [write.key]),
      rows.length === 1 && (await exists(`SELECT 1 FROM audit_events WHERE action = 'invitation.created' AND entity_id = $1`, [rows[0].id])),
    ];
  }
  if (write.kind === 'contract') {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM contracts WHERE authority_id = $1 AND reference = $2', [buyerOrganisationId, write.key]);
    const entries = rows.length === 1 ? Number((await sql.query(`SELECT count(*) AS n FROM audit_events WHERE action = 'contract.created' AND entity_id = $1`, [rows[0].id])).rows[0].n) : 0;
    return [rows.length === 1, entries === 2];
  }
  // A 503'd save's version is unknown: the per-questionnaire count of versions and entries covers it.
  if (write.version === undefined) return [];
  return [await exists(`SELECT 1 FROM audit_events WHERE action = 'assessment.answers_saved' AND entity_id = $1 AND (after->>'version')::int = $2`, [write.assessmentId, write.version])];
}
