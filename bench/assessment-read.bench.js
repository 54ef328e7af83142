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
 * Environment:
 *   DATABASE_URL        use this PostgreSQL (migrations are run on it); unset: an embedded,
 *                       throw-away PostgreSQL in a temp folder
 *   BENCH_ROUNDS        rounds per server (default 3)
 *   BENCH_DURATION      seconds per round (default 10)
 *   BENCH_CONNECTIONS   concurrent connections (default 20)
 *   BENCH_WARMUP        warm-up seconds per server (default 3)
 *   BENCH_POOL_SIZE     database pool size of both servers (default 10, the api's default)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const path = require('node:path');
const kit = require('./lib/assessment-kit');

const START = '<!-- bench:assessment-read:start -->';
const END = '<!-- bench:assessment-read:end -->';
const SECTIONS = 5;
const PER_SECTION = 30;
const QUESTIONS = SECTIONS * PER_SECTION;
const GOAL_RATIO = 0.5;
const GOAL_P99 = 3;
const ROUTE = (id) => `/api/v1/assessments/${id}`;
const { fmt, median } = kit;

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

async function serveNest() {
  const { app, port } = await kit.startNestApi({
    databaseUrl: process.env.BENCH_DATABASE_URL,
    dataDir: process.env.BENCH_DATA_DIR,
    poolSize: Number(process.env.BENCH_POOL_SIZE),
  });
  return {
    port,
    close: () => app.close(),
    methods: {
      // The reader is the supplier, answering its assessment (its typical reader while open).
      setUp: () => kit.setUpAssessments(app, port, { sections: SECTIONS, perSection: PER_SECTION, assessments: 1, answerSet: 0 }),
    },
  };
}

async function serveBare() {
  const fastify = require('fastify');
  const { Pool } = require('pg');
  // The very SQL of AssessmentsService.get(), imported so that it cannot drift.
  const { ASSESSMENT_COLUMNS, ASSESSMENT_DETAIL_COLUMNS, ASSESSMENT_FROM } = require(path.join(kit.DIST, 'libs/assessments/src/assessment-view.js'));
  const sql = `SELECT ${ASSESSMENT_COLUMNS}, ${ASSESSMENT_DETAIL_COLUMNS} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`;
  const organisationId = process.env.BENCH_ORGANISATION_ID;
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE) });
  pool.on('error', () => undefined); // an idle client lost must not kill the server
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

async function serve(kind) {
  const server = kind === 'nest' ? await serveNest() : kind === 'bare' ? await serveBare() : null;
  if (!server) throw new Error(`unknown server kind: ${kind}`);
  kit.runChild(server);
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

async function checkServer(server, url, token, id) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  const json = response.status === 200 ? JSON.parse(body) : undefined;
  if (!json || json.id !== id || !Array.isArray(json.answers) || json.answers.length !== QUESTIONS) {
    throw new Error(`${server.kind} GET ${url} answered ${response.status} ${body.slice(0, 500)}`);
  }
  return { status: response.status, bytes: Buffer.byteLength(body), headers: [...response.headers.keys()], answers: json.answers.length };
}

async function load(url, token, seconds, connections) {
  const autocannon = require('autocannon');
  const result = await autocannon({ url, method: 'GET', headers: { authorization: `Bearer ${token}` }, connections, duration: seconds });
  return {
    rps: result.requests.mean,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Median CPU ms per request of each server process and of PostgreSQL, over the rounds. */
function cpuSummary(rounds) {
  const med = (kind, field) => {
    const values = rounds.map((r) => r[kind][field]).filter((v) => Number.isFinite(v));
    return values.length ? median(values) : undefined;
  };
  return { nest: { node: med('nest', 'nodeCpu'), pg: med('nest', 'pgCpu') }, bare: { node: med('bare', 'nodeCpu'), pg: med('bare', 'pgCpu') } };
}

const cpuText = (v) => (v === undefined ? 'n/a' : fmt(v, 2));

function renderSection(report) {
  const { rounds, settings, machine, summary, checks } = report;
  const lines = [];
  lines.push(START);
  lines.push('');
  lines.push(`## Assessment read: Nest api vs bare Fastify + pg, same SQL (\`npm run bench:assessment-read\`)`);
  lines.push('');
  lines.push(`- Date: ${report.date}`);
  lines.push(`- Node: ${machine.node}; ${machine.cpuCount} CPU(s): ${machine.cpuModel}; ${machine.platform}`);
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
    `| **Median** | | **${fmt(summary.nestRps)}** | **${fmt(summary.bareRps)}** | **${fmt(summary.ratioOfRounds, 3)}** | ${summary.nestP50} | ${summary.bareP50} | ${summary.nestP99} | ${summary.bareP99} | **${fmt(summary.p99Ratio, 2)}** |`,
  );
  lines.push('');
  lines.push(`- Ratio of the medians (Nest median req/s ÷ bare median req/s): **${fmt(summary.ratioOfMedians, 3)}**; median of the per-round ratios: **${fmt(summary.ratioOfRounds, 3)}**`);
  lines.push(`- p99: Nest median ${summary.nestP99} ms, bare median ${summary.bareP99} ms; median of the per-round p99 ratios: **${fmt(summary.p99Ratio, 2)}**`);
  lines.push(
    `- Goal: Nest req/s ≥ ${GOAL_RATIO.toFixed(2)} × bare (median of the per-round ratios) **${summary.ratioPass ? 'PASS' : 'FAIL'}**; ` +
      `Nest p99 ≤ ${GOAL_P99} × bare p99 (median of the per-round ratios) **${summary.p99Pass ? 'PASS' : 'FAIL'}**; overall: **${summary.pass ? 'PASS' : 'FAIL'}**`,
  );
  if (summary.problems.length > 0) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push('CPU time per request (median over the rounds; /proc utime + stime of the server process and of every PostgreSQL process, divided by the requests served):');
  lines.push('');
  lines.push('| | Server process ms/req | PostgreSQL ms/req | Total ms/req |');
  lines.push('|---|---:|---:|---:|');
  for (const kind of ['nest', 'bare']) {
    const c = summary.cpu[kind];
    const total = c.node !== undefined && c.pg !== undefined ? c.node + c.pg : undefined;
    lines.push(`| ${kind === 'nest' ? 'Nest' : 'Bare'} | ${cpuText(c.node)} | ${cpuText(c.pg)} | ${cpuText(total)} |`);
  }
  lines.push('');
  const c = summary.cpu;
  const where =
    c.nest.node !== undefined && c.nest.pg !== undefined && c.bare.node !== undefined && c.bare.pg !== undefined
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
  lines.push('');
  lines.push(END);
  return lines.join('\n');
}

function printTable(report) {
  const { rounds, summary } = report;
  const pad = (s, n) => String(s).padStart(n);
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(11)} ${pad('nest req/s', 11)} ${pad('bare req/s', 11)} ${pad('nest/bare', 9)} ${pad('nest p99', 9)} ${pad('bare p99', 9)} ${pad('p99 ratio', 9)}`);
  for (const r of rounds) {
    console.log(
      `${pad(r.round, 5)}  ${r.order.padEnd(11)} ${pad(fmt(r.nest.rps), 11)} ${pad(fmt(r.bare.rps), 11)} ${pad(fmt(r.ratio, 3), 9)} ${pad(r.nest.p99 + ' ms', 9)} ${pad(r.bare.p99 + ' ms', 9)} ${pad(fmt(r.p99Ratio, 2), 9)}`,
    );
  }
  console.log(
    `${pad('med.', 5)}  ${''.padEnd(11)} ${pad(fmt(summary.nestRps), 11)} ${pad(fmt(summary.bareRps), 11)} ${pad(fmt(summary.ratioOfRounds, 3), 9)} ${pad(summary.nestP99 + ' ms', 9)} ${pad(summary.bareP99 + ' ms', 9)} ${pad(fmt(summary.p99Ratio, 2), 9)}`,
  );
  console.log('');
  console.log(`ratio of medians ${fmt(summary.ratioOfMedians, 3)}, median of per-round ratios ${fmt(summary.ratioOfRounds, 3)}, median p99 ratio ${fmt(summary.p99Ratio, 2)}`);
  console.log(`goal req/s ratio >= ${GOAL_RATIO.toFixed(2)}: ${summary.ratioPass ? 'PASS' : 'FAIL'}; goal p99 <= ${GOAL_P99} x bare: ${summary.p99Pass ? 'PASS' : 'FAIL'}`);
  const c = summary.cpu;
  console.log(`CPU ms/request (median): nest ${cpuText(c.nest.node)} node + ${cpuText(c.nest.pg)} postgres; bare ${cpuText(c.bare.node)} node + ${cpuText(c.bare.pg)} postgres`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

async function main() {
  const settings = {
    rounds: kit.intEnv('BENCH_ROUNDS', 3, 1),
    duration: kit.intEnv('BENCH_DURATION', 10, 1),
    connections: kit.intEnv('BENCH_CONNECTIONS', 20, 1),
    warmup: kit.intEnv('BENCH_WARMUP', 3, 0),
    poolSize: kit.intEnv('BENCH_POOL_SIZE', 10, 1),
  };
  kit.requireDist('bench:assessment-read');
  const cleanups = kit.cleanupStack();
  try {
    const db = await kit.prepareDatabase(cleanups);
    settings.database = db.database;
    const childEnv = { BENCH_DATABASE_URL: db.databaseUrl, BENCH_DATA_DIR: db.dataDir, BENCH_POOL_SIZE: String(settings.poolSize) };

    const servers = {};
    const nest = kit.startChild(__filename, 'nest', childEnv);
    cleanups.push(() => nest.then(kit.stopChild, () => undefined));
    servers.nest = await nest;
    console.log(`nest server listening on port ${servers.nest.port} (pid ${servers.nest.child.pid}); setting up the data through its API …`);
    const fixture = await servers.nest.call('setUp');
    const { id } = fixture.assessments[0];
    const token = fixture.supplier.token;
    console.log(`assessment ${id}: ${fixture.questions.length} answers`);

    const bare = kit.startChild(__filename, 'bare', { ...childEnv, BENCH_ORGANISATION_ID: fixture.supplier.organisationId });
    cleanups.push(() => bare.then(kit.stopChild, () => undefined));
    servers.bare = await bare;
    console.log(`bare server listening on port ${servers.bare.port} (pid ${servers.bare.child.pid})`);

    const urls = { nest: `http://127.0.0.1:${servers.nest.port}${ROUTE(id)}`, bare: `http://127.0.0.1:${servers.bare.port}${ROUTE(id)}` };
    const checks = {};
    for (const kind of ['nest', 'bare']) checks[kind] = await checkServer(servers[kind], urls[kind], token, id);

    if (settings.warmup > 0) {
      for (const kind of ['nest', 'bare']) {
        console.log(`warm-up ${kind} ${settings.warmup} s …`);
        await load(urls[kind], token, settings.warmup, settings.connections);
      }
    }

    const meter = kit.cpuMeter(db.postgresDataDir);
    const rounds = [];
    for (let i = 0; i < settings.rounds; i++) {
      const order = i % 2 === 0 ? ['nest', 'bare'] : ['bare', 'nest'];
      const round = { round: i + 1, order: order.join('→') };
      for (const kind of order) {
        if (cleanups.stopping) await new Promise(() => undefined); // Ctrl-C: the signal handler exits
        process.stdout.write(`round ${i + 1}/${settings.rounds} ${kind} ${settings.duration} s … `);
        const before = meter.sample({ server: servers[kind].child.pid });
        round[kind] = await load(urls[kind], token, settings.duration, settings.connections);
        const cpu = meter.delta(before, meter.sample({ server: servers[kind].child.pid }));
        round[kind].nodeCpu = cpu.server / round[kind].total;
        round[kind].pgCpu = cpu.postgres === undefined ? undefined : cpu.postgres / round[kind].total;
        console.log(`${fmt(round[kind].rps)} req/s, p50 ${round[kind].p50} ms, p99 ${round[kind].p99} ms`);
      }
      round.ratio = round.nest.rps / round.bare.rps;
      round.p99Ratio = round.nest.p99 / round.bare.p99;
      rounds.push(round);
    }

    const problems = [];
    for (const r of rounds) {
      for (const kind of ['nest', 'bare']) {
        const m = r[kind];
        if (m.non2xx || m.errors || m.timeouts) problems.push(`round ${r.round} ${kind}: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts`);
      }
    }
    const nestRps = median(rounds.map((r) => r.nest.rps));
    const bareRps = median(rounds.map((r) => r.bare.rps));
    const ratioOfRounds = median(rounds.map((r) => r.ratio));
    const p99Ratio = median(rounds.map((r) => r.p99Ratio));
    const summary = {
      nestRps,
      bareRps,
      ratioOfMedians: nestRps / bareRps,
      ratioOfRounds,
      p99Ratio,
      nestP50: median(rounds.map((r) => r.nest.p50)),
      bareP50: median(rounds.map((r) => r.bare.p50)),
      nestP99: median(rounds.map((r) => r.nest.p99)),
      bareP99: median(rounds.map((r) => r.bare.p99)),
      cpu: cpuSummary(rounds),
      ratioPass: ratioOfRounds >= GOAL_RATIO,
      p99Pass: p99Ratio <= GOAL_P99,
      problems,
    };
    summary.pass = summary.ratioPass && summary.p99Pass && problems.length === 0;
    const report = { date: kit.isoNow(), machine: kit.machine(), settings, checks, rounds, summary };
    printTable(report);
    console.log(`written: ${kit.writeDoc(renderSection(report), START, END)}`);
  } catch (error) {
    if (cleanups.stopping) await new Promise(() => undefined); // the signal handler exits (130) once cleaned up
    throw error;
  } finally {
    await cleanups.run();
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(`bench:assessment-read failed: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    },
  );
}
