'use strict';
/**
 * HTTP overhead benchmark: the real Nest api against a bare Fastify 5 server, both answering
 * GET /health/live with {"status":"ok"}.
 *
 *   npm run bench:http          (builds first; this file requires the compiled code in dist/)
 *
 * Each server runs in its own child process (this script forked with `--serve nest|bare`), so the
 * load generator (autocannon, in the parent) and the servers never share an event loop. Rounds
 * alternate which server goes first, to spread machine noise; the figures are medians.
 *
 * Environment: the settings common to the benchmarks (DATABASE_URL, BENCH_ROUNDS, BENCH_DURATION,
 * BENCH_WARMUP, BENCH_CPU_PROF; see bench/lib/bench-kit.js), and
 *   BENCH_CONNECTIONS   concurrent connections (default 50)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const bench = require('./lib/bench-kit');

const START = '<!-- bench:http:start -->';
const END = '<!-- bench:http:end -->';
const ROUTE = '/health/live';
const GOAL = 0.8;
const KINDS = ['nest', 'bare'];
const { fmt, pad } = bench;

// ---------------------------------------------------------------------------------------------
// Children: one server each
// ---------------------------------------------------------------------------------------------

async function serveNest() {
  const { app, port } = await bench.startNestApi();
  return { port, close: () => app.close() };
}

async function serveBare() {
  const fastify = require('fastify');
  const app = fastify({ logger: false });
  app.get(ROUTE, async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, close: () => app.close() };
}

// ---------------------------------------------------------------------------------------------
// Parent: database, children, load, report
// ---------------------------------------------------------------------------------------------

async function checkServer(server) {
  const response = await fetch(server.url);
  const body = await response.text();
  if (response.status !== 200 || JSON.parse(body).status !== 'ok') {
    throw new Error(`${server.kind} ${ROUTE} answered ${response.status} ${body}`);
  }
  return { status: response.status, bytes: Buffer.byteLength(body), headers: [...response.headers.keys()] };
}

function renderSection(report) {
  const { rounds, settings, machine, summary, checks } = report;
  const { nest, bare } = summary;
  const lines = [];
  lines.push(`- Route: \`GET ${ROUTE}\` on both servers, each in its own child process; autocannon in the parent process`);
  lines.push(`- Nest: the real api (\`createApiApp\`, production config, LOG_LEVEL=silent, helmet, global guard, pino-http) on ${settings.database}`);
  lines.push(`- Bare: \`fastify({ logger: false })\` ${machine.fastify} with one route returning \`{"status":"ok"}\``);
  lines.push(`- Load: ${settings.connections} connections, warm-up ${settings.warmup} s per server, then ${settings.rounds} round(s) of ${settings.duration} s per server, alternating which server goes first`);
  lines.push(`- Response: Nest ${checks.nest.bytes} B body, ${checks.nest.headers.length} headers; bare ${checks.bare.bytes} B body, ${checks.bare.headers.length} headers`);
  lines.push('');
  lines.push('| Round | Order | Nest req/s | Bare req/s | Nest/Bare | Nest p99 ms | Bare p99 ms |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|');
  for (const r of rounds) {
    lines.push(`| ${r.round} | ${r.order} | ${fmt(r.nest.rps)} | ${fmt(r.bare.rps)} | ${fmt(r.ratio, 3)} | ${r.nest.p99} | ${r.bare.p99} |`);
  }
  lines.push(`| **Median** | | **${fmt(nest.rps)}** | **${fmt(bare.rps)}** | **${fmt(summary.ratioOfRounds, 3)}** | ${nest.p99} | ${bare.p99} |`);
  lines.push('');
  lines.push(`- Ratio of the medians (Nest median req/s ÷ bare median req/s): **${fmt(summary.ratioOfMedians, 3)}**`);
  lines.push(`- Median of the per-round ratios: **${fmt(summary.ratioOfRounds, 3)}**`);
  lines.push(`- Goal: Nest reaches at least ${fmt(GOAL * 100)} % of bare Fastify (ratio ≥ ${GOAL.toFixed(2)}), judged on the median of the per-round ratios: **${summary.pass ? 'PASS' : 'FAIL'}**`);
  if (summary.problems.length > 0) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push(
    '_The machine is noisy (shared cores; the load generator and both servers run on the same ' +
      `${machine.cpuCount} CPU(s)). The figures are medians of alternating rounds; compare ratios rather than ` +
      'absolute req/s, and only between runs on the same machine._',
  );
  return bench.docSection({ start: START, end: END, title: 'HTTP overhead: Nest api vs bare Fastify (`npm run bench:http`)', date: report.date, machine }, lines);
}

function printTable(report) {
  const { rounds, summary } = report;
  const row = (label, order, ratio, nest, bare) =>
    console.log(`${pad(label, 5)}  ${order.padEnd(11)} ${pad(fmt(nest.rps), 11)} ${pad(fmt(bare.rps), 11)} ${pad(fmt(ratio, 3), 9)} ${pad(nest.p99 + ' ms', 9)} ${pad(bare.p99 + ' ms', 9)}`);
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(11)} ${pad('nest req/s', 11)} ${pad('bare req/s', 11)} ${pad('nest/bare', 9)} ${pad('nest p99', 9)} ${pad('bare p99', 9)}`);
  for (const r of rounds) row(r.round, r.order, r.ratio, r.nest, r.bare);
  row('med.', '', summary.ratioOfRounds, summary.nest, summary.bare);
  console.log('');
  console.log(`ratio of medians ${fmt(summary.ratioOfMedians, 3)}, median of per-round ratios ${fmt(summary.ratioOfRounds, 3)}`);
  console.log(`goal ratio >= ${GOAL.toFixed(2)}: ${summary.pass ? 'PASS' : 'FAIL'}`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

async function main() {
  const settings = { ...bench.roundSettings(), connections: bench.intEnv('BENCH_CONNECTIONS', 50, 1) };
  bench.requireDist('bench:http');
  await bench.withCleanups(async (cleanups) => {
    const db = await bench.prepareDatabase(cleanups);
    settings.database = db.database;

    const servers = {};
    for (const kind of KINDS) {
      servers[kind] = await bench.startChild(cleanups, __filename, kind, db.childEnv);
      servers[kind].url = `http://127.0.0.1:${servers[kind].port}${ROUTE}`;
      console.log(`${kind} server listening on ${servers[kind].url} (pid ${servers[kind].child.pid})`);
    }
    const checks = { nest: await checkServer(servers.nest), bare: await checkServer(servers.bare) };

    const rounds = await bench.alternatingRounds({
      kinds: KINDS,
      settings,
      cleanups,
      run: (kind, seconds) => bench.loadGet(servers[kind].url, { seconds, connections: settings.connections }),
      ratioOf: 'rps',
      progress: (m) => `${fmt(m.rps)} req/s, p99 ${m.p99} ms`,
    });
    const problems = bench.roundProblems(rounds, KINDS, bench.loadProblem);
    const summary = { ...bench.roundMedians(rounds, KINDS, ['rps', 'p99']), problems };
    summary.pass = summary.ratioOfRounds >= GOAL && problems.length === 0;
    const report = { date: bench.isoNow(), machine: bench.machine(), settings, checks, rounds, summary };
    printTable(report);
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    bench.writeSummary('bench:http', [
      { figure: 'GET /health/live, Nest ÷ bare Fastify req/s', value: `${fmt(summary.ratioOfRounds, 3)} (${fmt(summary.nest.rps)} req/s)`, goal: `≥ ${GOAL.toFixed(2)}`, met: summary.pass, data: bench.dataLabel() },
    ], report);
  });
}

bench.runScript('bench:http', { main, servers: { nest: serveNest, bare: serveBare } });
