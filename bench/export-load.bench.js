'use strict';
/**
 * Export under load benchmark: the latency of the assessment read endpoint (authenticated
 * `GET /api/v1/assessments/{id}` of an assessment with 150 answers, on the real Nest api) while
 * the real worker writes a large auditor workbook export, against the same endpoint while the
 * worker is idle.
 *
 * Goal: while an export runs, the endpoint's p99 is at most 2 × its idle p99 (median of the
 * per-round ratios busy p99 ÷ idle p99).
 *
 *   npm run bench:export-load     (builds first; this file requires the compiled code in dist/)
 *
 * Processes, all on one PostgreSQL: the api (`--serve api`: createApiApp, production config, as
 * bench:assessment-read) and the worker (`--serve worker`: createWorker with the scheduler off; its
 * ExportJob is run by hand, one pass producing the queued export, as its poll would) each in its
 * own child process; the load generator (autocannon) in the parent. The export's data (one
 * contract with BENCH_ANSWERS / 100 submitted assessments × 100 answers) are generated with SQL,
 * as bench:export does; the read assessment is set up through the api, as bench:assessment-read.
 *
 * Each round measures the endpoint for BENCH_DURATION seconds with the worker idle, and for as long
 * while an export runs (the load starts BENCH_EXPORT_LEAD ms after the export was started; the export
 * must still be running when the load ends, else the round is reported as a problem); rounds
 * alternate which goes first; figures are medians.
 *
 * Environment: the settings common to the benchmarks (DATABASE_URL, BENCH_ROUNDS, BENCH_DURATION,
 * BENCH_WARMUP, BENCH_CPU_PROF; see bench/lib/bench-kit.js), and
 *   BENCH_CONNECTIONS   concurrent connections (default 20)
 *   BENCH_POOL_SIZE     database pool size of the api (default 10, its default)
 *   BENCH_ANSWERS       answer rows of the export (default 1,000,000)
 *   BENCH_EXPORT_LEAD   ms between the start of the export and the start of the load (default 1000)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const { performance } = require('node:perf_hooks');
const bench = require('./lib/bench-kit');
const { seedAnswerData, queueExport: queueExportRow } = require('./lib/export-data');
const kit = require('./lib/assessment-kit');

const START = '<!-- bench:export-load:start -->';
const END = '<!-- bench:export-load:end -->';
const SECTIONS = 5;
const PER_SECTION = 30;
const QUESTIONS = SECTIONS * PER_SECTION;
const EXPORT_QUESTIONS = 100;
const GOAL_P99_RATIO = 2;
const ROUTE = (id) => `/api/v1/assessments/${id}`;
const KINDS = ['idle', 'busy'];
const DIST_FILES = [...kit.DIST_FILES, 'apps/worker/src/create-worker.js', 'apps/worker/src/jobs/export.job.js'];
const { fmt, median, pad, dist } = bench;

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

const serveApi = () => kit.serveAssessmentApi({ sections: SECTIONS, perSection: PER_SECTION, answerSet: 0 });

/** The real worker application context (scheduler off); `run` is one pass of its ExportJob. */
async function serveWorker() {
  require('reflect-metadata');
  const { loadConfig } = dist('libs/core/src/index.js');
  const { createWorker } = dist('apps/worker/src/create-worker.js');
  const { ExportJob } = dist('apps/worker/src/jobs/export.job.js');
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    JWT_SECRET: 'bench-only-secret-bench-only-secret-0123456789',
    LOG_LEVEL: 'silent',
    DATA_DIR: process.env.BENCH_DATA_DIR,
  });
  const worker = await createWorker(config, { logger: false, scheduler: false, shutdownHooks: false });
  const job = worker.get(ExportJob);
  return {
    port: 0,
    close: () => worker.close(),
    methods: {
      async run() {
        const started = performance.now();
        const result = await job.run();
        return { ms: performance.now() - started, result };
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parent: the export's data (SQL), its queue and state
// ---------------------------------------------------------------------------------------------

async function withClient(databaseUrl, fn) {
  const { Client } = require('pg');
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** Organisations, the requester, a template and one contract with `answers` answer rows of submitted assessments (SQL, as bench:export). */
const seedExport = (databaseUrl, answers) =>
  withClient(databaseUrl, async (sql) => {
    const seeded = await seedAnswerData(sql, { label: 'Bench export', questions: EXPORT_QUESTIONS, contracts: [{ reference: 'BENCH-EXPORT-LOAD', answers }], log: (text) => process.stdout.write(text) });
    return { userId: seeded.userId, organisationId: seeded.organisationId, contractId: seeded.contractIds['BENCH-EXPORT-LOAD'] };
  });

/** Queues an export of the seeded contract; returns its id. */
const queueExport = (databaseUrl, seeded) => withClient(databaseUrl, (sql) => queueExportRow(sql, seeded, seeded.contractId));

const exportRow = (databaseUrl, id) =>
  withClient(databaseUrl, async (sql) => (await sql.query(`SELECT status, rows_written::int AS rows, size_bytes::int AS size FROM exports WHERE id = $1`, [id])).rows[0]);

// ---------------------------------------------------------------------------------------------
// Parent: measurement, report
// ---------------------------------------------------------------------------------------------

async function checkApi(url, headers, id) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  const json = response.status === 200 ? JSON.parse(body) : undefined;
  if (!json || json.id !== id || !Array.isArray(json.answers) || json.answers.length !== QUESTIONS) throw new Error(`GET ${url} answered ${response.status} ${body.slice(0, 500)}`);
  return { bytes: Buffer.byteLength(body) };
}

function renderSection(report) {
  const { rounds, settings, summary, checks, machine } = report;
  const { idle, busy } = summary;
  const lines = [];
  lines.push(`- Measured: authenticated \`GET /api/v1/assessments/{id}\` of one assessment with ${QUESTIONS} answers (${fmt(checks.bytes)} B body), read by the supplier's admin, on the real api (\`createApiApp\`, production config, LOG_LEVEL=silent, pool ${settings.poolSize}); ${settings.connections} connections (autocannon in the parent process)`);
  lines.push(
    `- Busy: while the real worker (\`createWorker\`, scheduler off, in its own process; one pass of its \`ExportJob\` run by hand) writes the auditor workbook of one contract with ${fmt(settings.answers / EXPORT_QUESTIONS)} submitted assessments × ${EXPORT_QUESTIONS} answers (${fmt(settings.answers)} answer rows, generated with SQL); the load starts ${settings.lead} ms after the export; idle: the same load with the worker idle; api, worker and load generator on one PostgreSQL (${settings.database})`,
  );
  lines.push(`- Warm-up ${settings.warmup} s idle, then ${settings.rounds} round(s) of ${settings.duration} s idle and ${settings.duration} s busy, alternating which goes first; medians`);
  lines.push('');
  lines.push('| Round | Order | Idle req/s | Busy req/s | Idle p50 ms | Busy p50 ms | Idle p99 ms | Busy p99 ms | p99 busy/idle | Export rows | Export s | Export rows/s |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rounds) {
    lines.push(
      `| ${r.round} | ${r.order} | ${fmt(r.idle.rps)} | ${fmt(r.busy.rps)} | ${r.idle.p50} | ${r.busy.p50} | ${r.idle.p99} | ${r.busy.p99} | ${fmt(r.p99Ratio, 2)} | ${fmt(r.export.rows)} | ${fmt(r.export.ms / 1000, 1)} | ${fmt(r.export.rps)} |`,
    );
  }
  lines.push(
    `| **Median** | | ${fmt(idle.rps)} | ${fmt(busy.rps)} | ${idle.p50} | ${busy.p50} | ${idle.p99} | ${busy.p99} | **${fmt(summary.p99Ratio, 2)}** | | ${fmt(summary.exportMs / 1000, 1)} | ${fmt(summary.exportRps)} |`,
  );
  lines.push('');
  lines.push(`- p99 while an export runs ÷ idle p99 (median of the per-round ratios): **${fmt(summary.p99Ratio, 2)}**; ratio of the medians: ${fmt(busy.p99 / idle.p99, 2)}; p50 ratio (medians): ${fmt(busy.p50 / idle.p50, 2)}`);
  lines.push(`- Goal: busy p99 ≤ ${GOAL_P99_RATIO} × idle p99 **${summary.pass ? 'PASS' : 'FAIL'}**`);
  if (summary.problems.length > 0) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push(
    `_The api, the worker, PostgreSQL and the load generator share ${machine.cpuCount} CPU(s): an export takes a core of its own (the worker's process building and zipping the sheets) and ` +
      'part of PostgreSQL (the cursors), so on a small machine the read endpoint competes with it for CPU; in production the worker runs in its own process or host. ' +
      'Compare ratios of alternating rounds, and only between runs on the same machine._',
  );
  return bench.docSection({ start: START, end: END, title: 'Assessment read while an export runs (`npm run bench:export-load`)', date: report.date, machine }, lines);
}

function printTable(report) {
  const { rounds, summary } = report;
  const row = (label, order, idle, busy, ratio) =>
    console.log(`${pad(label, 5)}  ${order.padEnd(10)} ${pad(fmt(idle.rps), 10)} ${pad(fmt(busy.rps), 10)} ${pad(idle.p99 + ' ms', 9)} ${pad(busy.p99 + ' ms', 9)} ${pad(fmt(ratio, 2), 9)}`);
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(10)} ${pad('idle req/s', 10)} ${pad('busy req/s', 10)} ${pad('idle p99', 9)} ${pad('busy p99', 9)} ${pad('p99 ratio', 9)}`);
  for (const r of rounds) row(r.round, r.order, r.idle, r.busy, r.p99Ratio);
  row('med.', '', summary.idle, summary.busy, summary.p99Ratio);
  console.log('');
  console.log(`goal busy p99 <= ${GOAL_P99_RATIO} x idle p99: ${summary.pass ? 'PASS' : 'FAIL'} (median ratio ${fmt(summary.p99Ratio, 2)})`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

async function main() {
  const settings = {
    ...bench.roundSettings(),
    connections: bench.intEnv('BENCH_CONNECTIONS', 20, 1),
    poolSize: bench.intEnv('BENCH_POOL_SIZE', 10, 1),
    answers: bench.intEnv('BENCH_ANSWERS', 1_000_000, EXPORT_QUESTIONS * 10),
    lead: bench.intEnv('BENCH_EXPORT_LEAD', 1000, 0),
  };
  bench.requireDist('bench:export-load', DIST_FILES);
  await bench.withCleanups(async (cleanups) => {
    const db = await bench.prepareDatabase(cleanups);
    settings.database = db.database;
    const seeded = await seedExport(db.databaseUrl, settings.answers);
    const childEnv = { ...db.childEnv, BENCH_POOL_SIZE: String(settings.poolSize) };

    const api = await bench.startChild(cleanups, __filename, 'api', childEnv);
    console.log(`api listening on port ${api.port} (pid ${api.child.pid}); setting up the read assessment through its API …`);
    const fixture = await api.call('setUp');
    const { id } = fixture.assessments[0];
    const headers = { authorization: `Bearer ${fixture.supplier.token}` };
    const url = `http://127.0.0.1:${api.port}${ROUTE(id)}`;
    const checks = await checkApi(url, headers, id);
    const worker = await bench.startChild(cleanups, __filename, 'worker', childEnv);
    console.log(`worker started (pid ${worker.child.pid}); assessment ${id}: ${QUESTIONS} answers, ${fmt(checks.bytes)} B`);

    const load = (seconds) => bench.loadGet(url, { seconds, connections: settings.connections, headers });
    const problems = [];
    if (settings.warmup > 0) {
      console.log(`warm-up ${settings.warmup} s …`);
      await load(settings.warmup);
    }
    const measure = {
      idle: () => load(settings.duration),
      busy: async (round) => {
        const exportId = await queueExport(db.databaseUrl, seeded);
        const running = worker.call('run', {}, 3_600_000);
        running.catch(() => undefined); // awaited below
        await new Promise((resolve) => setTimeout(resolve, settings.lead));
        const figures = await load(settings.duration);
        const during = await exportRow(db.databaseUrl, exportId);
        if (during.status !== 'running') problems.push(`round ${round}: the export was ${during.status} when the load ended (make BENCH_ANSWERS larger)`);
        const out = await running;
        const row = await exportRow(db.databaseUrl, exportId);
        if (row.status !== 'done') throw new Error(`the export ended ${row.status} (${JSON.stringify(out.result)})`);
        figures.export = { ms: out.ms, rows: row.rows, rps: (row.rows / out.ms) * 1000 };
        return figures;
      },
    };
    const rounds = [];
    for (let i = 0; i < settings.rounds; i++) {
      const order = i % 2 === 0 ? KINDS : [...KINDS].reverse();
      const round = { round: i + 1, order: order.join('→') };
      for (const kind of order) {
        if (cleanups.stopping) await new Promise(() => undefined);
        process.stdout.write(`round ${i + 1}/${settings.rounds} ${kind} ${settings.duration} s … `);
        round[kind] = await measure[kind](i + 1);
        const m = round[kind];
        console.log(`${fmt(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms` + (m.export ? `; export ${fmt(m.export.rows)} rows in ${fmt(m.export.ms / 1000, 1)} s` : ''));
      }
      round.export = round.busy.export;
      round.p99Ratio = round.busy.p99 / round.idle.p99;
      rounds.push(round);
    }
    problems.push(...bench.roundProblems(rounds, KINDS, bench.loadProblem));
    const summary = {
      ...bench.roundMedians(rounds, KINDS, ['rps', 'p50', 'p99']),
      p99Ratio: median(rounds.map((r) => r.p99Ratio)),
      exportMs: median(rounds.map((r) => r.export.ms)),
      exportRps: median(rounds.map((r) => r.export.rps)),
      problems,
    };
    summary.pass = summary.p99Ratio <= GOAL_P99_RATIO && problems.length === 0;
    const report = { date: bench.isoNow(), machine: bench.machine(), settings, checks, rounds, summary };
    printTable(report);
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    bench.writeSummary('bench:export-load', [
      { figure: 'assessment read p99 while an export runs ÷ idle p99', value: fmt(summary.p99Ratio, 2), goal: `≤ ${GOAL_P99_RATIO}`, met: summary.pass, data: bench.dataLabel() },
    ], report);
  });
}

bench.runScript('bench:export-load', { main, servers: { api: serveApi, worker: serveWorker } });
