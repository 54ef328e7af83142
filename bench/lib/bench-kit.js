'use strict';
/**
 * Shared by the benchmarks under bench/ (http, assessment-read, answers-save): what each of them does
 * around its own measurement. Not a benchmark itself. The assessment data are made by
 * bench/lib/assessment-kit.js.
 *
 * Environment, common to all benchmarks:
 *   DATABASE_URL        use this PostgreSQL (migrations are run on it); unset: an embedded,
 *                       throw-away PostgreSQL in a temp folder
 *   BENCH_ROUNDS        rounds per side (default 3)
 *   BENCH_DURATION      seconds per round (default 10)
 *   BENCH_WARMUP        warm-up seconds per side (default 3)
 *   BENCH_CPU_PROF      a folder: each child process writes a V8 CPU profile there when it stops
 *                       (for analysis; unset: none)
 *
 * Each benchmark compares two sides (the Nest api and a baseline). A side that is a server runs in
 * a child process: the script itself, forked with `--serve <kind>` (runScript), which answers a
 * small request/reply protocol over IPC (startChild, runChild). The parent prepares the database,
 * warms both sides up, then measures rounds that alternate which side goes first, to spread the
 * machine's noise; the figures are medians (alternatingRounds, roundMedians). Each script writes
 * its own section of docs/benchmarks.md, between its markers (docSection, writeDoc).
 */
const { execFileSync, fork } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
/** The compiled code: ./dist, or DIST_DIR (a build elsewhere, e.g. while dist/ is rebuilt). */
const DIST = process.env.DIST_DIR ? path.resolve(process.env.DIST_DIR) : path.join(ROOT, 'dist');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const JWT_SECRET = 'bench-only-secret-bench-only-secret-0123456789';

const dist = (file) => require(path.join(DIST, file));

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

function intEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
  return value;
}

/** The settings of every benchmark: BENCH_ROUNDS, BENCH_DURATION and BENCH_WARMUP. */
function roundSettings() {
  return {
    rounds: intEnv('BENCH_ROUNDS', 3, 1),
    duration: intEnv('BENCH_DURATION', 10, 1),
    warmup: intEnv('BENCH_WARMUP', 3, 0),
  };
}

/** Fails early when the compiled code is missing: the api's entry points and the `more` files of dist/. */
function requireDist(script, more = []) {
  for (const file of ['apps/api/src/create-api-app.js', 'libs/core/src/index.js', ...more]) {
    if (!fs.existsSync(path.join(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first (npm run ${script} does)`);
  }
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting
// ---------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of an already sorted array. */
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : String(n));

/** Right-aligns a console table cell. */
const pad = (s, n) => String(s).padStart(n);

const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    cpuCount: cpus.length,
    cpuModel: cpus[0] ? cpus[0].model.trim() : 'unknown',
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    fastify: require('fastify/package.json').version,
    pg: require('pg/package.json').version,
  };
}

// ---------------------------------------------------------------------------------------------
// docs/benchmarks.md
// ---------------------------------------------------------------------------------------------

/** A section of docs/benchmarks.md: its markers around the title, the date and machine, then `lines`. */
function docSection({ start, end, title, date, machine }, lines) {
  return [
    start,
    '',
    `## ${title}`,
    '',
    `- Date: ${date}`,
    `- Node: ${machine.node}; ${machine.cpuCount} CPU(s): ${machine.cpuModel}; ${machine.platform}`,
    ...lines,
    '',
    end,
  ].join('\n');
}

/** Replaces the section between `start` and `end` in docs/benchmarks.md, or appends it; returns the file's path. */
function writeDoc(section, start, end) {
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  let text;
  if (fs.existsSync(DOC)) {
    text = fs.readFileSync(DOC, 'utf8');
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from !== -1 && to > from) text = text.slice(0, from) + section + text.slice(to + end.length);
    else text = `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  } else {
    text =
      '# Benchmarks\n\n' +
      'Measurements of the portal, written by the benchmark scripts under `bench/`. Each script replaces only ' +
      'its own section, between its markers; run it again to refresh the figures.\n\n' +
      `${section}\n`;
  }
  fs.writeFileSync(DOC, text);
  return path.relative(ROOT, DOC);
}

const SUMMARY_START = '<!-- bench:summary:start -->';
const SUMMARY_END = '<!-- bench:summary:end -->';
const SUMMARY_HEAD = ['| Benchmark | Figure | Measured | Goal | Met | Data | Date | Machine |', '|---|---|---:|---|---|---|---|---|'];

/** A table cell: no pipe or line break may break the row. */
const cell = (value) => String(value).replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/**
 * The table of every benchmark's headline figures at the top of docs/benchmarks.md: `script`
 * (e.g. `bench:lists`) replaces its own rows, { figure, value, goal, met, data }, and keeps the
 * others', each row with the date and the machine of its own run. Returns the file's path.
 */
function writeSummary(script, rows, when = { date: isoNow(), machine: machine() }) {
  const name = `\`${script}\``;
  const box = `${when.machine.cpuCount} CPU ${when.machine.cpuModel}, Node ${when.machine.node}`;
  const own = rows.map((r) => `| ${name} | ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.goal ?? '—')} | ${r.met === undefined ? '—' : r.met ? 'yes' : '**no**'} | ${cell(r.data ?? '—')} | ${when.date.slice(0, 10)} | ${cell(box)} |`);
  let text = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(SUMMARY_START);
  const to = text.indexOf(SUMMARY_END);
  let kept = [];
  if (from !== -1 && to > from) {
    kept = text
      .slice(from + SUMMARY_START.length, to)
      .split('\n')
      .filter((line) => line.startsWith('| `') && !line.startsWith(`| ${name} |`));
    text = text.slice(0, from) + text.slice(to + SUMMARY_END.length);
  }
  const body = [...kept, ...own].sort((a, b) => a.split(' | ')[0].localeCompare(b.split(' | ')[0]));
  const section = [
    SUMMARY_START,
    '',
    '## All figures',
    '',
    'The headline figure of every benchmark, each row from its latest run (`npm run bench:<name>` rewrites its own rows ' +
      'and its section below). Figures from different dates or machines compare only loosely: the machines are shared and noisy.',
    '',
    ...SUMMARY_HEAD,
    ...body,
    '',
    SUMMARY_END,
  ].join('\n');
  // Right after the title and the introduction: before the first benchmark's section.
  const first = text.indexOf('<!-- bench:');
  text = first === -1 ? `${text.replace(/\s*$/, '')}\n\n${section}\n` : `${text.slice(0, first)}${section}\n\n${text.slice(first)}`;
  fs.writeFileSync(DOC, text.replace(/\n{3,}/g, '\n\n'));
  return path.relative(ROOT, DOC);
}

// ---------------------------------------------------------------------------------------------
// Parent: cleanups, database
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

/** Cleanups run in reverse order, once, also on SIGINT/SIGTERM. */
function cleanupStack() {
  const fns = [];
  let running;
  let stopping = false;
  // Called twice (a signal, then main's `finally`), both wait for the same run.
  const run = () => {
    running ??= (async () => {
      for (const fn of fns.reverse()) {
        try {
          await fn();
        } catch (error) {
          console.error(`cleanup: ${error && error.message ? error.message : error}`);
        }
      }
    })();
    return running;
  };
  const onSignal = (signal) => {
    stopping = true;
    console.error(`\n${signal}: stopping`);
    void run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    push: (fn) => fns.push(fn),
    run,
    /** True once a signal asked to stop: what fails afterwards is the stop, not the benchmark. */
    get stopping() {
      return stopping;
    },
  };
}

/** Runs `body(cleanups)`, then the cleanups; after a signal it waits for the signal handler to exit (130) rather than fail. */
async function withCleanups(body) {
  const cleanups = cleanupStack();
  try {
    return await body(cleanups);
  } catch (error) {
    if (cleanups.stopping) await new Promise(() => undefined);
    throw error;
  } finally {
    await cleanups.run();
  }
}

/**
 * The generated data every benchmark runs on (BENCH_DATA): `full` (the default) is the data
 * generator's full size, `none` the benchmark's own rows only, or four numbers
 * `authorities,suppliers,contracts,assessments`. BENCH_SEED picks the seed (1).
 */
function generatedSizes() {
  const raw = (process.env.BENCH_DATA ?? 'full').trim();
  if (raw === 'none') return undefined;
  const seed = intEnv('BENCH_SEED', 1, 0);
  if (raw === 'full') return { authorities: 200, suppliers: 20_000, contracts: 50_000, assessments: 100_000, seed };
  const numbers = raw.split(',').map(Number);
  if (numbers.length !== 4 || !numbers.every((n) => Number.isInteger(n) && n > 0)) throw new Error(`BENCH_DATA must be full, none or authorities,suppliers,contracts,assessments (got ${raw})`);
  const [authorities, suppliers, contracts, assessments] = numbers;
  return { authorities, suppliers, contracts, assessments, seed };
}

let background = 'the benchmark\'s own rows only';

/** What the database held besides the benchmark's own rows (for the figures' "Data" column). */
const dataLabel = () => background;

/**
 * A throw-away folder, the database and migrations. With generated data (BENCH_DATA, see
 * generatedSizes), the database is a copy of the kept generated one (bench/lib/generated-data.js),
 * dropped at the end, so the benchmark's own rows sit among a realistic volume; otherwise a fresh
 * database on DATABASE_URL or an embedded, throw-away PostgreSQL.
 * `childEnv` tells the children where they are (BENCH_DATABASE_URL, BENCH_DATA_DIR).
 */
async function prepareDatabase(cleanups) {
  require('reflect-metadata'); // the decorated classes of dist/ need it loaded first
  const core = dist('libs/core/src/index.js');
  const sizes = generatedSizes();
  if (sizes) return prepareGeneratedCopy(cleanups, core, sizes);
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
  return {
    databaseUrl,
    dataDir,
    database: process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded PostgreSQL',
    postgresDataDir: process.env.DATABASE_URL ? undefined : path.join(tmp, 'postgres'),
    childEnv: { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: dataDir },
  };
}

async function prepareGeneratedCopy(cleanups, core, sizes) {
  const generated = require('./generated-data'); // it requires this module: loaded when first needed
  const server = await generated.server(cleanups);
  const template = generated.databaseName(sizes);
  await generated.database(server, sizes);
  const name = `ddp_bench_run_${process.pid}`;
  const { Client } = require('pg');
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  try {
    process.stdout.write(`copying ${template} into ${name} … `);
    const started = performance.now();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    console.log(`${fmt((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await admin.end();
  }
  cleanups.push(async () => {
    const drop = new Client({ connectionString: server.url });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => drop.end());
  });
  const databaseUrl = core.withDatabase(server.url, name);
  background = `generated: ${fmt(sizes.authorities)} authorities, ${fmt(sizes.suppliers)} suppliers, ${fmt(sizes.contracts)} contracts, ${fmt(sizes.assessments)} assessments (seed ${sizes.seed})`;
  return {
    databaseUrl,
    dataDir: server.dataDir,
    database: `${server.database}, a copy of the generated database ${template}`,
    postgresDataDir: server.postgresDataDir,
    childEnv: { BENCH_DATABASE_URL: databaseUrl, BENCH_DATA_DIR: server.dataDir },
  };
}

// ---------------------------------------------------------------------------------------------
// CPU time (Linux /proc): less sensitive than req/s to the other load on a shared machine
// ---------------------------------------------------------------------------------------------

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** utime + stime of a process, in ms; undefined when /proc cannot tell. */
function processCpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/**
 * CPU meter of some processes and of the embedded PostgreSQL (its postmaster and every backend,
 * found as children of the postmaster; backends that exit between samples are lost, but the
 * pools keep theirs open). `sample()` returns { [name]: ms }; `delta(a, b)` subtracts.
 */
function cpuMeter(postgresDataDir) {
  const postmaster = () => {
    if (!postgresDataDir) return undefined;
    try {
      return Number(fs.readFileSync(path.join(postgresDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return undefined;
    }
  };
  const postgresPids = () => {
    const root = postmaster();
    if (!root) return [];
    const pids = [root];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === root) pids.push(Number(entry));
      } catch {
        // gone already
      }
    }
    return pids;
  };
  return {
    available: fs.existsSync('/proc/self/stat'),
    /** { name: pid } processes plus `postgres` (sum over its processes, per pid to subtract safely). */
    sample(processes) {
      const result = {};
      for (const [name, pid] of Object.entries(processes)) result[name] = processCpuMs(pid);
      const pg = {};
      for (const pid of postgresPids()) pg[pid] = processCpuMs(pid);
      result.postgres = pg;
      return result;
    },
    /** ms of CPU between two samples: { name: ms, postgres: ms (processes present in both) }. */
    delta(before, after) {
      const result = {};
      for (const name of Object.keys(after)) {
        if (name === 'postgres') continue;
        result[name] = before[name] === undefined || after[name] === undefined ? undefined : after[name] - before[name];
      }
      if (Object.keys(after.postgres).length > 0) {
        let pg = 0;
        for (const [pid, ms] of Object.entries(after.postgres)) {
          if (ms === undefined) continue;
          pg += ms - (before.postgres[pid] ?? 0); // a backend born during the round counts from 0
        }
        result.postgres = pg;
      }
      return result;
    },
    /** Runs `fn`, then adds to its figures `nodeCpu` and `pgCpu`: CPU ms of process `pid` and of PostgreSQL per `figures[per]`. */
    async perUnit(pid, per, fn) {
      const before = this.sample({ process: pid });
      const figures = await fn();
      const cpu = this.delta(before, this.sample({ process: pid }));
      figures.nodeCpu = cpu.process / figures[per];
      figures.pgCpu = cpu.postgres === undefined ? undefined : cpu.postgres / figures[per];
      return figures;
    },
  };
}

/** Median CPU ms per unit of each side's process (`node`) and of PostgreSQL (`pg`) over the rounds; undefined when unknown. */
function cpuMedians(rounds, kinds) {
  const med = (kind, field) => {
    const values = rounds.map((r) => r[kind][field]).filter((v) => Number.isFinite(v));
    return values.length ? median(values) : undefined;
  };
  return Object.fromEntries(kinds.map((kind) => [kind, { node: med(kind, 'nodeCpu'), pg: med(kind, 'pgCpu') }]));
}

const cpuText = (v) => (v === undefined ? 'n/a' : fmt(v, 2));

/** Whether cpuMedians knows both figures of every side. */
const cpuKnown = (cpu) => Object.values(cpu).every((c) => c.node !== undefined && c.pg !== undefined);

/** The markdown table of cpuMedians: one row per [kind, label], in ms per `unit`; `processName` heads the first column of figures. */
function cpuTable(cpu, { processName, unit, rows }) {
  const lines = [`| | ${processName} ms/${unit} | PostgreSQL ms/${unit} | Total ms/${unit} |`, '|---|---:|---:|---:|'];
  for (const [kind, label] of rows) {
    const c = cpu[kind];
    const total = c.node !== undefined && c.pg !== undefined ? c.node + c.pg : undefined;
    lines.push(`| ${label} | ${cpuText(c.node)} | ${cpuText(c.pg)} | ${cpuText(total)} |`);
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Children: started by the parent, serving, answering calls, stopping
// ---------------------------------------------------------------------------------------------

/** Forks `file --serve kind`; resolves when the child sends `ready`. Stopping it is pushed on `cleanups`. */
function startChild(cleanups, file, kind, env) {
  const started = new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<folder>: each child writes a V8 CPU profile there when it stops (for analysis).
    const execArgv = process.env.BENCH_CPU_PROF ? [...process.execArgv, '--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`, `--cpu-prof-name=${kind}.${Date.now()}.cpuprofile`] : process.execArgv;
    const child = fork(file, ['--serve', kind], {
      execArgv,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = new Map();
    let nextId = 1;
    const server = {
      kind,
      child,
      port: undefined,
      /** Calls `method` in the child; resolves with its result. */
      call(method, args = {}, timeoutMs = 600_000) {
        const id = nextId++;
        return new Promise((res, rej) => {
          const timer = setTimeout(() => {
            pending.delete(id);
            rej(new Error(`${kind}.${method} did not answer within ${timeoutMs / 1000} s`));
          }, timeoutMs);
          pending.set(id, { res, rej, timer });
          child.send({ type: 'call', id, method, args });
        });
      },
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not start within 120 s`));
    }, 120_000);
    child.on('message', (message) => {
      if (message && message.type === 'ready') {
        clearTimeout(timer);
        server.port = message.port;
        resolve(server);
      } else if (message && message.type === 'reply') {
        const waiter = pending.get(message.id);
        if (!waiter) return;
        pending.delete(message.id);
        clearTimeout(waiter.timer);
        if (message.error) waiter.rej(new Error(`${kind}: ${message.error}`));
        else waiter.res(message.result);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      for (const waiter of pending.values()) {
        clearTimeout(waiter.timer);
        waiter.rej(new Error(`${kind} exited (code ${code}, signal ${signal})`));
      }
      pending.clear();
      reject(new Error(`${kind} exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
  cleanups.push(() => started.then(stopChild, () => undefined));
  return started;
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

/** Runs in a child: `server` is { port, close, methods?: { name: async (args) => result } }. */
function runChild(server) {
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
    if (!message) return;
    if (message.type === 'stop') void shutdown();
    if (message.type === 'call') {
      const method = server.methods && server.methods[message.method];
      Promise.resolve()
        .then(() => {
          if (!method) throw new Error(`no method ${message.method}`);
          return method(message.args);
        })
        .then(
          (result) => ({ type: 'reply', id: message.id, result }),
          (error) => ({ type: 'reply', id: message.id, error: error && error.stack ? error.stack : String(error) }),
        )
        .then((reply) => {
          if (process.connected) process.send(reply); // the parent may be gone (Ctrl-C)
        });
    }
  });
  process.on('disconnect', () => void shutdown()); // the parent died
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group: the parent stops us
  process.send({ type: 'ready', port: server.port });
}

/**
 * The entry point of a benchmark script. Forked with `--serve kind`, it starts `servers[kind]()`
 * (resolving with what runChild takes) and serves; otherwise it runs `main()` and exits 0 when the
 * benchmark ran, whether or not the goal is met (a measurement, not a test), 1 when it could not run.
 */
function runScript(name, { main, servers }) {
  if (process.argv[2] === '--serve') {
    const kind = process.argv[3];
    Promise.resolve()
      .then(() => {
        if (!Object.hasOwn(servers, kind)) throw new Error(`unknown server kind: ${kind}`);
        return servers[kind]();
      })
      .then(runChild)
      .catch((error) => {
        console.error(error);
        process.exit(1);
      });
  } else {
    main().then(
      () => process.exit(0),
      (error) => {
        console.error(`${name} failed: ${error && error.stack ? error.stack : error}`);
        process.exit(1);
      },
    );
  }
}

/**
 * In a child: the real api (`createApiApp`, production config, silent logs) on the parent's database
 * (BENCH_DATABASE_URL, BENCH_DATA_DIR), listening on a free port of 127.0.0.1. `config` adds to its
 * configuration, `options` to createApiApp's.
 */
async function startNestApi(config = {}, options = {}) {
  require('reflect-metadata'); // as the api's main.ts does, before any decorated class loads
  const { loadConfig } = dist('libs/core/src/index.js');
  const { createApiApp } = dist('apps/api/src/create-api-app.js');
  // A clean env object: the caller's PORT, LOG_LEVEL, … must not leak into the measurement.
  const appConfig = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATA_DIR: process.env.BENCH_DATA_DIR,
    ...config,
  });
  const app = await createApiApp(appConfig, { logger: false, ...options });
  await app.listen(0, '127.0.0.1');
  return { app, port: app.getHttpServer().address().port };
}

// ---------------------------------------------------------------------------------------------
// Parent: load and rounds
// ---------------------------------------------------------------------------------------------

/** `connections` concurrent GET requests to `url` for `seconds` (autocannon, in this process). */
async function loadGet(url, { seconds, connections, headers }) {
  const autocannon = require('autocannon');
  const result = await autocannon({ url, method: 'GET', ...(headers ? { headers } : {}), connections, duration: seconds });
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

/** What went wrong in a loadGet run, if anything. */
const loadProblem = (m) => (m.non2xx || m.errors || m.timeouts ? `${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts` : undefined);

/**
 * The measurement of the two sides `kinds`: a warm-up of `settings.warmup` s per side (none at 0),
 * then `settings.rounds` rounds of `settings.duration` s per side, alternating which side goes first.
 * `run(kind, seconds)` measures one side and resolves with its figures; `progress(figures)` ends the
 * progress line of a round's run. With `cpu` ({ postgresDataDir, pids: { [kind]: pid }, per }), the
 * figures of each round also get `nodeCpu` and `pgCpu` (cpuMeter.perUnit). Resolves with the rounds,
 * { round, order, [kind]: figures, ratio }, ratio being the first side's `figures[ratioOf]` ÷ the
 * second's. Once a signal asked to stop (cleanups.stopping), it waits for the signal handler to exit.
 */
async function alternatingRounds({ kinds, settings, cleanups, run, ratioOf, progress, cpu }) {
  if (settings.warmup > 0) {
    for (const kind of kinds) {
      console.log(`warm-up ${kind} ${settings.warmup} s …`);
      await run(kind, settings.warmup);
    }
  }
  const meter = cpu ? cpuMeter(cpu.postgresDataDir) : undefined;
  const rounds = [];
  for (let i = 0; i < settings.rounds; i++) {
    const order = i % 2 === 0 ? kinds : [...kinds].reverse();
    const round = { round: i + 1, order: order.join('→') };
    for (const kind of order) {
      if (cleanups.stopping) await new Promise(() => undefined); // Ctrl-C: the signal handler exits
      process.stdout.write(`round ${i + 1}/${settings.rounds} ${kind} ${settings.duration} s … `);
      const measure = () => run(kind, settings.duration);
      round[kind] = meter ? await meter.perUnit(cpu.pids[kind], cpu.per, measure) : await measure();
      console.log(progress(round[kind]));
    }
    round.ratio = round[kinds[0]][ratioOf] / round[kinds[1]][ratioOf];
    rounds.push(round);
  }
  return rounds;
}

/**
 * Medians over the rounds: { [kind]: { [field]: median } } for each of `fields` and side, the median
 * of the per-round ratios (`ratioOfRounds`) and the ratio of the sides' medians of the first field
 * (`ratioOfMedians`).
 */
function roundMedians(rounds, kinds, fields) {
  const summary = {};
  for (const kind of kinds) {
    summary[kind] = {};
    for (const field of fields) summary[kind][field] = median(rounds.map((r) => r[kind][field]));
  }
  summary.ratioOfMedians = summary[kinds[0]][fields[0]] / summary[kinds[1]][fields[0]];
  summary.ratioOfRounds = median(rounds.map((r) => r.ratio));
  return summary;
}

/** The problems seen in the rounds: `problemOf(figures)` says what went wrong in one run, if anything. */
function roundProblems(rounds, kinds, problemOf) {
  const problems = [];
  for (const r of rounds) {
    for (const kind of kinds) {
      const problem = problemOf(r[kind]);
      if (problem) problems.push(`round ${r.round} ${kind}: ${problem}`);
    }
  }
  return problems;
}

module.exports = {
  ROOT,
  DIST,
  DOC,
  dist,
  intEnv,
  roundSettings,
  requireDist,
  median,
  percentile,
  fmt,
  pad,
  isoNow,
  machine,
  docSection,
  writeDoc,
  writeSummary,
  freePort,
  cleanupStack,
  withCleanups,
  generatedSizes,
  dataLabel,
  prepareDatabase,
  processCpuMs,
  cpuMeter,
  cpuMedians,
  cpuText,
  cpuKnown,
  cpuTable,
  startChild,
  stopChild,
  runChild,
  runScript,
  startNestApi,
  loadGet,
  loadProblem,
  alternatingRounds,
  roundMedians,
  roundProblems,
};
