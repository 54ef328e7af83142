'use strict';
/**
 * Assessment read benchmark: authenticated `GET /api/v1/assessments/{id}` of an assessment with
 * 150 answers on the real Nest api, against a bare Fastify 5 + `pg` server (same pool size) that
 * runs exactly the same SQL (the constants of dist/libs/assessments/src/assessment-view.js) for the
 * same id and organisation and returns the row as JSON.
 *
 *   npm run bench:assessment-read     (builds first; this file requires the compiled code in dist/)
 *
 * Each server runs in its own child process (this script forked with `--serve nest|bare`); the
 * load generator (autocannon) runs in the parent. The data are made as a user would: organisations
 * and users through the services, then login, contract, template (5 sections × 30 yes_no/number
 * questions, English), issue and one save of 150 answers through the HTTP API of the Nest child.
 * Rounds alternate which server goes first; the figures are medians.
 *
 * Environment: the settings common to the benchmarks (DATABASE_URL, BENCH_ROUNDS, BENCH_DURATION,
 * BENCH_WARMUP, BENCH_CPU_PROF; see bench/lib/bench-kit.js), and
 *   BENCH_CONNECTIONS   concurrent connections (default 20)
 *   BENCH_POOL_SIZE     database pool size of both servers (default 10, the api's default)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const bench = require('./lib/bench-kit');
const kit = require('./lib/assessment-kit');

const START = '<!-- bench:assessment-read:start -->';
const END = '<!-- bench:assessment-read:end -->';
const SECTIONS = 5;
const PER_SECTION = 30;
const QUESTIONS = SECTIONS * PER_SECTION;
const GOAL_RATIO = 0.5;
const GOAL_P99 = 3;
const ROUTE = (id) => `/api/v1/assessments/${id}`;
const KINDS = ['nest', 'bare'];
const { fmt, median, pad, cpuText } = bench;

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

// The reader is the supplier, answering its assessment (its typical reader while open).
const serveNest = () => kit.serveAssessmentApi({ sections: SECTIONS, perSection: PER_SECTION, answerSet: 0 });

async function serveBare() {
  const fastify = require('fastify');
  // The very SQL of AssessmentsService.get(), imported so that it cannot drift.
  const { ASSESSMENT_COLUMNS, ASSESSMENT_DETAIL_COLUMNS, ASSESSMENT_FROM } = bench.dist('libs/assessments/src/assessment-view.js');
  const sql = `SELECT ${ASSESSMENT_COLUMNS}, ${ASSESSMENT_DETAIL_COLUMNS} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`;
  const organisationId = process.env.BENCH_ORGANISATION_ID;
  const pool = kit.baselinePool();
  const app = fastify({ logger: false });
  app.get('/api/v1/assessments/:id', async (request, reply) => {
    // A named prepared statement, as the api's Database.prepared() uses: both sides plan the query once per connection.
    const { rows } = await pool.query({ name: 'assessment-get', text: sql, values: [request.params.id, organisationId] });
    if (!rows[0] || !rows[0].access) return reply.code(404).send({ status: 404 });
    return rows[0];
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: app.server.address().port,
    close: async () => {
      await app.close();
      await pool.end();
    },
    methods: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

async function checkServer(server, url, headers, id) {
  const response = await fetch(url, { headers });
  const body = await response.text();
  const json = response.status === 200 ? JSON.parse(body) : undefined;
  if (!json || json.id !== id || !Array.isArray(json.answers) || json.answers.length !== QUESTIONS) {
    throw new Error(`${server.kind} GET ${url} answered ${response.status} ${body.slice(0, 500)}`);
  }
  return { status: response.status, bytes: Buffer.byteLength(body), headers: [...response.headers.keys()], answers: json.answers.length };
}

function renderSection(report) {
  const { rounds, settings, machine, summary, checks } = report;
  const { nest, bare } = summary;
  const lines = [];
  lines.push(`- Measured: authenticated \`GET /api/v1/assessments/{id}\` of one assessment with ${QUESTIONS} answers (${SECTIONS} sections × ${PER_SECTION} yes_no/number questions, no evidence, comments or shares), read by the supplier's admin; both servers in their own child process, autocannon in the parent`);
  lines.push(`- Nest: the real api (\`createApiApp\`, production config, LOG_LEVEL=silent): JWT guard (token verified, user and session loaded from the database), \`AssessmentsService.get\` (one query), \`toView\`, ETag; pool ${settings.poolSize} on ${settings.database}`);
  lines.push(`- Bare: \`fastify({ logger: false })\` ${machine.fastify} + \`pg\` ${machine.pg} \`Pool({ max: ${settings.poolSize} })\`: one route running \`SELECT ASSESSMENT_COLUMNS, ASSESSMENT_DETAIL_COLUMNS FROM ASSESSMENT_FROM WHERE a.id = $1\` (imported from dist) as a named prepared statement, like the api, for the same id and organisation, returning the row as JSON; no authentication`);
  lines.push(`- Load: ${settings.connections} connections, warm-up ${settings.warmup} s per server, then ${settings.rounds} round(s) of ${settings.duration} s per server, alternating which server goes first`);
  lines.push(`- Response: Nest ${fmt(checks.nest.bytes)} B body, ${checks.nest.headers.length} headers; bare ${fmt(checks.bare.bytes)} B body, ${checks.bare.headers.length} headers; ${checks.nest.answers} answers each`);
  lines.push('');
  lines.push('| Round | Order | Nest req/s | Bare req/s | Nest/Bare | Nest p50 ms | Bare p50 ms | Nest p99 ms | Bare p99 ms | p99 Nest/Bare |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rounds) {
    lines.push(`| ${r.round} | ${r.order} | ${fmt(r.nest.rps)} | ${fmt(r.bare.rps)} | ${fmt(r.ratio, 3)} | ${r.nest.p50} | ${r.bare.p50} | ${r.nest.p99} | ${r.bare.p99} | ${fmt(r.p99Ratio, 2)} |`);
  }
  lines.push(
    `| **Median** | | **${fmt(nest.rps)}** | **${fmt(bare.rps)}** | **${fmt(summary.ratioOfRounds, 3)}** | ${nest.p50} | ${bare.p50} | ${nest.p99} | ${bare.p99} | **${fmt(summary.p99Ratio, 2)}** |`,
  );
  lines.push('');
  lines.push(`- Ratio of the medians (Nest median req/s ÷ bare median req/s): **${fmt(summary.ratioOfMedians, 3)}**; median of the per-round ratios: **${fmt(summary.ratioOfRounds, 3)}**`);
  lines.push(`- p99: Nest median ${nest.p99} ms, bare median ${bare.p99} ms; median of the per-round p99 ratios: **${fmt(summary.p99Ratio, 2)}**`);
  lines.push(
    `- Goal: Nest req/s ≥ ${GOAL_RATIO.toFixed(2)} × bare (median of the per-round ratios) **${summary.ratioPass ? 'PASS' : 'FAIL'}**; ` +
      `Nest p99 ≤ ${GOAL_P99} × bare p99 (median of the per-round ratios) **${summary.p99Pass ? 'PASS' : 'FAIL'}**; overall: **${summary.pass ? 'PASS' : 'FAIL'}**`,
  );
  if (summary.problems.length > 0) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push('CPU time per request (median over the rounds; /proc utime + stime of the server process and of every PostgreSQL process, divided by the requests served):');
  lines.push('');
  lines.push(...bench.cpuTable(summary.cpu, { processName: 'Server process', unit: 'req', rows: [['nest', 'Nest'], ['bare', 'Bare']] }));
  lines.push('');
  const c = summary.cpu;
  const where = bench.cpuKnown(c)
    ? `Where the time goes: per request the api's process used ${cpuText(c.nest.node)} ms of CPU against the bare server's ${cpuText(c.bare.node)} ms, ` +
      `and PostgreSQL ${cpuText(c.nest.pg)} ms against ${cpuText(c.bare.pg)} ms (table above); with everything on ${machine.cpuCount} CPU(s), req/s follow the total. `
    : '';
  lines.push(
    `_${where}Both servers run the same prepared query (answers, evidence, comments and revisions built as JSON in PostgreSQL), then parse ` +
      `that JSON (pg) and serialise ~${fmt(checks.nest.bytes / 1024)} KB again (Fastify). What the api adds per request: the JWT ` +
      'verification (with a key object built once) and a second query (the guard checks on every request that the user is active and ' +
      'the session alive, so that a logout or a disabled account takes effect at once), `toView` (timestamps normalised per answer) and ' +
      'the DTO spread, the request logger, the security headers and the Nest pipeline. ' +
      `The machine is noisy (PostgreSQL, the load generator and both servers share ${machine.cpuCount} CPU(s), with other work); ` +
      'compare ratios of alternating rounds rather than absolute req/s, and only between runs on the same machine._',
  );
  return bench.docSection(
    { start: START, end: END, title: 'Assessment read: Nest api vs bare Fastify + pg, same SQL (`npm run bench:assessment-read`)', date: report.date, machine },
    lines,
  );
}

function printTable(report) {
  const { rounds, summary } = report;
  const row = (label, order, ratio, p99Ratio, nest, bare) =>
    console.log(
      `${pad(label, 5)}  ${order.padEnd(11)} ${pad(fmt(nest.rps), 11)} ${pad(fmt(bare.rps), 11)} ${pad(fmt(ratio, 3), 9)} ${pad(nest.p99 + ' ms', 9)} ${pad(bare.p99 + ' ms', 9)} ${pad(fmt(p99Ratio, 2), 9)}`,
    );
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(11)} ${pad('nest req/s', 11)} ${pad('bare req/s', 11)} ${pad('nest/bare', 9)} ${pad('nest p99', 9)} ${pad('bare p99', 9)} ${pad('p99 ratio', 9)}`);
  for (const r of rounds) row(r.round, r.order, r.ratio, r.p99Ratio, r.nest, r.bare);
  row('med.', '', summary.ratioOfRounds, summary.p99Ratio, summary.nest, summary.bare);
  console.log('');
  console.log(`ratio of medians ${fmt(summary.ratioOfMedians, 3)}, median of per-round ratios ${fmt(summary.ratioOfRounds, 3)}, median p99 ratio ${fmt(summary.p99Ratio, 2)}`);
  console.log(`goal req/s ratio >= ${GOAL_RATIO.toFixed(2)}: ${summary.ratioPass ? 'PASS' : 'FAIL'}; goal p99 <= ${GOAL_P99} x bare: ${summary.p99Pass ? 'PASS' : 'FAIL'}`);
  const c = summary.cpu;
  console.log(`CPU ms/request (median): nest ${cpuText(c.nest.node)} node + ${cpuText(c.nest.pg)} postgres; bare ${cpuText(c.bare.node)} node + ${cpuText(c.bare.pg)} postgres`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

async function main() {
  const settings = {
    ...bench.roundSettings(),
    connections: bench.intEnv('BENCH_CONNECTIONS', 20, 1),
    poolSize: bench.intEnv('BENCH_POOL_SIZE', 10, 1),
  };
  bench.requireDist('bench:assessment-read', kit.DIST_FILES);
  await bench.withCleanups(async (cleanups) => {
    const db = await bench.prepareDatabase(cleanups);
    settings.database = db.database;
    const childEnv = { ...db.childEnv, BENCH_POOL_SIZE: String(settings.poolSize) };

    const servers = {};
    servers.nest = await bench.startChild(cleanups, __filename, 'nest', childEnv);
    console.log(`nest server listening on port ${servers.nest.port} (pid ${servers.nest.child.pid}); setting up the data through its API …`);
    const fixture = await servers.nest.call('setUp');
    const { id } = fixture.assessments[0];
    const headers = { authorization: `Bearer ${fixture.supplier.token}` };
    console.log(`assessment ${id}: ${fixture.questions.length} answers`);

    servers.bare = await bench.startChild(cleanups, __filename, 'bare', { ...childEnv, BENCH_ORGANISATION_ID: fixture.supplier.organisationId });
    console.log(`bare server listening on port ${servers.bare.port} (pid ${servers.bare.child.pid})`);

    const urls = { nest: `http://127.0.0.1:${servers.nest.port}${ROUTE(id)}`, bare: `http://127.0.0.1:${servers.bare.port}${ROUTE(id)}` };
    const checks = {};
    for (const kind of KINDS) checks[kind] = await checkServer(servers[kind], urls[kind], headers, id);

    const rounds = await bench.alternatingRounds({
      kinds: KINDS,
      settings,
      cleanups,
      run: (kind, seconds) => bench.loadGet(urls[kind], { seconds, connections: settings.connections, headers }),
      ratioOf: 'rps',
      progress: (m) => `${fmt(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms`,
      cpu: { postgresDataDir: db.postgresDataDir, pids: { nest: servers.nest.child.pid, bare: servers.bare.child.pid }, per: 'total' },
    });
    for (const r of rounds) r.p99Ratio = r.nest.p99 / r.bare.p99;

    const problems = bench.roundProblems(rounds, KINDS, bench.loadProblem);
    const summary = {
      ...bench.roundMedians(rounds, KINDS, ['rps', 'p50', 'p99']),
      p99Ratio: median(rounds.map((r) => r.p99Ratio)),
      cpu: bench.cpuMedians(rounds, KINDS),
      problems,
    };
    summary.ratioPass = summary.ratioOfRounds >= GOAL_RATIO;
    summary.p99Pass = summary.p99Ratio <= GOAL_P99;
    summary.pass = summary.ratioPass && summary.p99Pass && problems.length === 0;
    const report = { date: bench.isoNow(), machine: bench.machine(), settings, checks, rounds, summary };
    printTable(report);
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    bench.writeSummary('bench:assessment-read', [
      { figure: 'assessment read, Nest ÷ bare req/s', value: `${fmt(summary.ratioOfRounds, 3)} (${fmt(summary.nest.rps)} req/s)`, goal: `≥ ${GOAL_RATIO.toFixed(2)}`, met: summary.ratioPass, data: bench.dataLabel() },
      { figure: 'assessment read, Nest p99 ÷ bare p99', value: fmt(summary.p99Ratio, 2), goal: `≤ ${GOAL_P99}`, met: summary.p99Pass, data: bench.dataLabel() },
    ], report);
  });
}

bench.runScript('bench:assessment-read', { main, servers: { nest: serveNest, bare: serveBare } });
