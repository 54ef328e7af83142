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
 * Environment:
 *   DATABASE_URL        use this PostgreSQL (migrations are run on it); unset: an embedded,
 *                       throw-away PostgreSQL in a temp folder
 *   BENCH_ROUNDS        rounds per server (default 3)
 *   BENCH_DURATION      seconds per round (default 10)
 *   BENCH_CONNECTIONS   concurrent connections (default 50)
 *   BENCH_WARMUP        warm-up seconds per server (default 3)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- bench:http:start -->';
const END = '<!-- bench:http:end -->';
const ROUTE = '/health/live';
const GOAL = 0.8;
const JWT_SECRET = 'bench-only-secret-bench-only-secret-0123456789';

function intEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Child: one server
// ---------------------------------------------------------------------------------------------

async function serveNest() {
  require('reflect-metadata'); // as the api's main.ts does, before any decorated class loads
  const { loadConfig } = require(path.join(DIST, 'libs/core/src/index.js'));
  const { createApiApp } = require(path.join(DIST, 'apps/api/src/create-api-app.js'));
  // A clean env object: the caller's PORT, LOG_LEVEL, … must not leak into the measurement.
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATA_DIR: process.env.BENCH_DATA_DIR,
  });
  const app = await createApiApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { port: app.getHttpServer().address().port, close: () => app.close() };
}

async function serveBare() {
  const fastify = require('fastify');
  const app = fastify({ logger: false });
  app.get(ROUTE, async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, close: () => app.close() };
}

async function serve(kind) {
  const server = kind === 'nest' ? await serveNest() : kind === 'bare' ? await serveBare() : null;
  if (!server) throw new Error(`unknown server kind: ${kind}`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    const timer = setTimeout(() => process.exit(0), 10_000);
    timer.unref();
    try {
      await server.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (message) => {
    if (message && message.type === 'stop') void shutdown();
  });
  process.on('disconnect', () => void shutdown()); // the parent died
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the parent stops us
  process.send({ type: 'ready', port: server.port });
}

// ---------------------------------------------------------------------------------------------
// Parent: database, children, load, report
// ---------------------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startChild(kind, env) {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--serve', kind], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} server did not start within 120 s`));
    }, 120_000);
    child.once('message', (message) => {
      clearTimeout(timer);
      if (message && message.type === 'ready') resolve({ kind, child, port: message.port, url: `http://127.0.0.1:${message.port}${ROUTE}` });
      else reject(new Error(`${kind} server sent ${JSON.stringify(message)}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}

function stopChild(server) {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      child.send({ type: 'stop' });
    } catch {
      child.kill('SIGTERM');
    }
  });
}

async function checkServer(server) {
  const response = await fetch(server.url);
  const body = await response.text();
  if (response.status !== 200 || JSON.parse(body).status !== 'ok') {
    throw new Error(`${server.kind} ${ROUTE} answered ${response.status} ${body}`);
  }
  return { status: response.status, bytes: Buffer.byteLength(body), headers: [...response.headers.keys()] };
}

async function load(server, seconds, connections) {
  const autocannon = require('autocannon');
  const result = await autocannon({ url: server.url, method: 'GET', connections, duration: seconds });
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function renderSection(report) {
  const { rounds, settings, machine, summary, checks } = report;
  const lines = [];
  lines.push(START);
  lines.push('');
  lines.push(`## HTTP overhead: Nest api vs bare Fastify (\`npm run bench:http\`)`);
  lines.push('');
  lines.push(`- Date: ${report.date}`);
  lines.push(`- Node: ${machine.node}; ${machine.cpuCount} CPU(s): ${machine.cpuModel}; ${machine.platform}`);
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
  lines.push(`| **Median** | | **${fmt(summary.nestRps)}** | **${fmt(summary.bareRps)}** | **${fmt(summary.ratioOfRounds, 3)}** | ${summary.nestP99} | ${summary.bareP99} |`);
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
  lines.push('');
  lines.push(END);
  return lines.join('\n');
}

function writeDoc(section) {
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  let text;
  if (fs.existsSync(DOC)) {
    text = fs.readFileSync(DOC, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (start !== -1 && end > start) text = text.slice(0, start) + section + text.slice(end + END.length);
    else text = `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  } else {
    text =
      '# Benchmarks\n\n' +
      'Measurements of the portal, written by the benchmark scripts under `bench/`. Each script replaces only ' +
      'its own section, between its markers; run it again to refresh the figures.\n\n' +
      `${section}\n`;
  }
  fs.writeFileSync(DOC, text);
}

function printTable(report) {
  const { rounds, summary } = report;
  const pad = (s, n) => String(s).padStart(n);
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(11)} ${pad('nest req/s', 11)} ${pad('bare req/s', 11)} ${pad('nest/bare', 9)} ${pad('nest p99', 9)} ${pad('bare p99', 9)}`);
  for (const r of rounds) {
    console.log(
      `${pad(r.round, 5)}  ${r.order.padEnd(11)} ${pad(fmt(r.nest.rps), 11)} ${pad(fmt(r.bare.rps), 11)} ${pad(fmt(r.ratio, 3), 9)} ${pad(r.nest.p99 + ' ms', 9)} ${pad(r.bare.p99 + ' ms', 9)}`,
    );
  }
  console.log(
    `${pad('med.', 5)}  ${''.padEnd(11)} ${pad(fmt(summary.nestRps), 11)} ${pad(fmt(summary.bareRps), 11)} ${pad(fmt(summary.ratioOfRounds, 3), 9)} ${pad(summary.nestP99 + ' ms', 9)} ${pad(summary.bareP99 + ' ms', 9)}`,
  );
  console.log('');
  console.log(`ratio of medians ${fmt(summary.ratioOfMedians, 3)}, median of per-round ratios ${fmt(summary.ratioOfRounds, 3)}`);
  console.log(`goal ratio >= ${GOAL.toFixed(2)}: ${summary.pass ? 'PASS' : 'FAIL'}`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

async function main() {
  const settings = {
    rounds: intEnv('BENCH_ROUNDS', 3, 1),
    duration: intEnv('BENCH_DURATION', 10, 1),
    connections: intEnv('BENCH_CONNECTIONS', 50, 1),
    warmup: intEnv('BENCH_WARMUP', 3, 0),
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL',
  };
  for (const file of ['apps/api/src/create-api-app.js', 'libs/core/src/index.js']) {
    if (!fs.existsSync(path.join(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm run bench:http does)`);
  }
  require('reflect-metadata'); // the decorated classes of dist/ need it loaded first
  const core = require(path.join(DIST, 'libs/core/src/index.js'));

  const cleanups = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup: ${error && error.message ? error.message : error}`);
      }
    }
  };
  const onSignal = (signal) => {
    console.error(`\n${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // As root the embedded PostgreSQL runs as `postgres`, who must traverse the parent folder.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddp-bench-'));
    fs.chmodSync(tmp, 0o755);
    cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir);

    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const port = await freePort();
      console.log(`starting an embedded PostgreSQL on port ${port} …`);
      const embedded = await core.startEmbeddedDatabase({ dataDir: path.join(tmp, 'postgres'), port, ephemeral: true });
      cleanups.push(() => embedded.stop());
      await core.ensureDatabase(embedded.url, 'bench');
      databaseUrl = core.withDatabase(embedded.url, 'bench');
    }
    const applied = await core.runMigrations(databaseUrl);
    console.log(`migrations applied: ${applied.length}`);

    const childEnv = { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: dataDir };
    const servers = {};
    for (const kind of ['nest', 'bare']) {
      const started = startChild(kind, childEnv);
      cleanups.push(() => started.then(stopChild, () => undefined));
      servers[kind] = await started;
      console.log(`${kind} server listening on ${servers[kind].url} (pid ${servers[kind].child.pid})`);
    }
    const checks = { nest: await checkServer(servers.nest), bare: await checkServer(servers.bare) };

    if (settings.warmup > 0) {
      for (const kind of ['nest', 'bare']) {
        console.log(`warm-up ${kind} ${settings.warmup} s …`);
        await load(servers[kind], settings.warmup, settings.connections);
      }
    }

    const rounds = [];
    for (let i = 0; i < settings.rounds; i++) {
      const order = i % 2 === 0 ? ['nest', 'bare'] : ['bare', 'nest'];
      const round = { round: i + 1, order: order.join('→') };
      for (const kind of order) {
        process.stdout.write(`round ${i + 1}/${settings.rounds} ${kind} ${settings.duration} s … `);
        round[kind] = await load(servers[kind], settings.duration, settings.connections);
        console.log(`${fmt(round[kind].rps)} req/s, p99 ${round[kind].p99} ms`);
      }
      round.ratio = round.nest.rps / round.bare.rps;
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
    const summary = {
      nestRps,
      bareRps,
      ratioOfMedians: nestRps / bareRps,
      ratioOfRounds,
      nestP99: median(rounds.map((r) => r.nest.p99)),
      bareP99: median(rounds.map((r) => r.bare.p99)),
      pass: ratioOfRounds >= GOAL && problems.length === 0,
      problems,
    };
    const cpus = os.cpus();
    const report = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      machine: {
        node: process.version,
        cpuCount: cpus.length,
        cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        fastify: require('fastify/package.json').version,
      },
      settings,
      checks,
      rounds,
      summary,
    };
    printTable(report);
    writeDoc(renderSection(report));
    console.log(`written: ${path.relative(ROOT, DOC)}`);
  } finally {
    await cleanup();
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
      console.error(`bench:http failed: ${error && error.stack ? error.stack : error}`);
      process.exit(1);
    },
  );
}
