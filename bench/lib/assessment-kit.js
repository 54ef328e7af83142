'use strict';
/**
 * Shared by the assessment benchmarks (bench/assessment-read.bench.js, bench/answers-save.bench.js):
 * the database, child processes with a small request/reply protocol over IPC, the real Nest api
 * with its data set up as a user would (organisations and users through the services, everything
 * else through the HTTP API), statistics and the markdown section of docs/benchmarks.md.
 *
 * Not a benchmark itself; it follows bench/http.bench.js (which stays self-contained).
 */
const { fork } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const JWT_SECRET = 'bench-only-secret-bench-only-secret-0123456789';
const PASSWORD = 'Bench-Only-Password-2026';

const dist = (file) => require(path.join(DIST, file));
const unique = () => randomBytes(4).toString('hex');

function intEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
  return value;
}

function requireDist(script) {
  for (const file of ['apps/api/src/create-api-app.js', 'libs/core/src/index.js', 'libs/assessments/src/assessment-view.js', 'libs/identity/src/index.js']) {
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

const isoNow = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** Replaces the section between `start` and `end` in docs/benchmarks.md, or appends it. */
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

// ---------------------------------------------------------------------------------------------
// Parent: database, cleanups, children
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

/** A throw-away folder, the database (DATABASE_URL or an embedded PostgreSQL) and migrations. */
async function prepareDatabase(cleanups) {
  require('reflect-metadata');
  const core = dist('libs/core/src/index.js');
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
  };
}

// ---------------------------------------------------------------------------------------------
// CPU time (Linux /proc): less sensitive than req/s to the other load on a shared machine
// ---------------------------------------------------------------------------------------------

let clockTicks;
function ticksPerSecond() {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
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
  };
}

/** Forks `file --serve kind`; resolves when the child sends `ready`. */
function startChild(file, kind, env) {
  return new Promise((resolve, reject) => {
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

// ---------------------------------------------------------------------------------------------
// Child: serve, answer calls, stop
// ---------------------------------------------------------------------------------------------

/** Runs in a child: `server` is { port, close, methods: { name: async (args) => result } }. */
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

/** The real api (production config, silent logs), listening on a free port of 127.0.0.1. */
async function startNestApi({ databaseUrl, dataDir, poolSize }) {
  require('reflect-metadata'); // as the api's main.ts does, before any decorated class loads
  const { loadConfig } = dist('libs/core/src/index.js');
  const { createApiApp } = dist('apps/api/src/create-api-app.js');
  // A clean env object: the caller's PORT, LOG_LEVEL, … must not leak into the measurement.
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DB_POOL_SIZE: String(poolSize),
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    PUBLIC_URL: 'http://portal.bench',
  });
  const app = await createApiApp(config, { logger: false, shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  return { app, port: app.getHttpServer().address().port };
}

// ---------------------------------------------------------------------------------------------
// Data, as a user makes it (runs in the Nest child, against its own HTTP port)
// ---------------------------------------------------------------------------------------------

/** A random, valid Belgian enterprise number (mod-97 check digits), formatted 0123.456.789. */
function belgianEnterpriseNumber() {
  const body = `0${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const digits = `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/**
 * A template of `sections` × `perSection` questions, languages ['en'], alternating yes_no (yes
 * green, no amber) and number (0-1000; below 40 green, else amber) questions, worst-colour roll-up.
 */
function generatedDefinition(sections, perSection) {
  const en = (text) => ({ en: text });
  return {
    languages: ['en'],
    title: en(`Bench template ${unique()} (${sections * perSection} questions)`),
    scoring: { method: 'worst' },
    sections: Array.from({ length: sections }, (_, s) => ({
      code: `S${s + 1}`,
      title: en(`Section ${s + 1}`),
      questions: Array.from({ length: perSection }, (_, q) => {
        const code = `S${s + 1}-Q${String(q + 1).padStart(3, '0')}`;
        const base = { code, theme: 'other', required: true, text: en(`Question ${code}`) };
        return q % 2 === 0
          ? { ...base, type: 'yes_no', options: [{ value: 'yes', label: en('Yes'), colour: 'green' }, { value: 'no', label: en('No'), colour: 'amber' }] }
          : { ...base, type: 'number', min: 0, max: 1000, unit: 'pcs', ranges: [{ max: 40, colour: 'green' }, { min: 40, colour: 'amber' }] };
      }),
    })),
  };
}

/** The question codes and types of a generated definition, in order. */
function questionsOf(definition) {
  return definition.sections.flatMap((s) => s.questions.map((q) => ({ code: q.code, type: q.type })));
}

/** Answers to every question: set 0 all green (yes, 10), set 1 all amber (no, 50). */
function answersFor(questions, set) {
  return questions.map((q) => ({ questionCode: q.code, value: q.type === 'yes_no' ? (set === 0 ? 'yes' : 'no') : set === 0 ? 10 : 50 }));
}

/**
 * In the Nest child: an authority and a supplier (organisations and admin users through the
 * services, as the tests do), a contract, a published template of `sections × perSection`
 * questions and `assessments` issued assessments, all through the HTTP API; then, for each
 * assessment given in `answerSets`, one save of all answers. Returns ids, tokens and versions.
 */
async function setUpAssessments(app, port, { sections, perSection, assessments, answerSet }) {
  const { OrganisationsService, PasswordService, User } = dist('libs/identity/src/index.js');
  const { Database, RequestContext } = dist('libs/core/src/index.js');
  const base = `http://127.0.0.1:${port}/api/v1`;
  const call = async (method, url, { token, body, ifMatch, expect } = {}) => {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const response = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (expect !== undefined && response.status !== expect) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 800)}`);
    return text ? JSON.parse(text) : undefined;
  };

  const system = RequestContext.system();
  const actor = async (kind, registrationNumber) => {
    const organisation = await app.get(OrganisationsService).create(system, {
      name: `Bench ${kind} ${unique()}`,
      kind,
      country: 'BE',
      preferredLanguage: 'en',
      ...(registrationNumber ? { registrationNumber } : {}),
    });
    const repo = app.get(Database).repo(system, User);
    const user = await repo.save(
      repo.create({
        organisationId: organisation.id,
        email: `admin.${unique()}@${kind.replace(/_/g, '-')}.bench`,
        name: `Bench ${kind} admin`,
        role: 'admin',
        passwordHash: await app.get(PasswordService).hash(PASSWORD),
        status: 'active',
        lastLoginAt: null,
      }),
    );
    const tokens = await call('POST', '/auth/login', { body: { email: user.email, password: PASSWORD }, expect: 200 });
    return { organisation, user, token: tokens.accessToken };
  };

  const buyer = await actor('contracting_authority');
  let supplier;
  let registration;
  for (let attempt = 0; !supplier; attempt++) {
    registration = belgianEnterpriseNumber();
    try {
      supplier = await actor('supplier', registration);
    } catch (error) {
      if (attempt > 5) throw error; // a taken number is retried; anything else surfaces
    }
  }
  const contract = await call('POST', '/contracts', {
    token: buyer.token,
    expect: 201,
    body: {
      reference: `BENCH-${unique()}`,
      title: 'Laptops 2027-2030 (benchmark)',
      supplier: { name: supplier.organisation.name, country: 'BE', registrationNumber: registration, contactEmail: `contact.${unique()}@supplier.bench` },
      startDate: '2026-01-01',
      endDate: '2035-12-31',
      valueCents: 125_000_000,
      currency: 'EUR',
    },
  });
  const definition = generatedDefinition(sections, perSection);
  const draft = await call('POST', '/questionnaire-templates', { token: buyer.token, body: { definition }, expect: 201 });
  const template = await call('POST', `/questionnaire-templates/${draft.id}/publish`, { token: buyer.token, ifMatch: draft.version, expect: 200 });
  const questions = questionsOf(definition);

  const issued = [];
  for (let i = 0; i < assessments; i++) {
    const assessment = await call('POST', '/assessments', { token: buyer.token, expect: 201, body: { contractId: contract.id, templateId: template.id, dueDate: '2034-12-31' } });
    let version = assessment.version;
    if (answerSet !== undefined) {
      const saved = await call('PUT', `/assessments/${assessment.id}/answers`, { token: supplier.token, ifMatch: version, expect: 200, body: { answers: answersFor(questions, answerSet) } });
      if (saved.answers.length !== questions.length) throw new Error(`saved ${saved.answers.length} answers, expected ${questions.length}`);
      version = saved.version;
    }
    issued.push({ id: assessment.id, version });
  }
  return {
    questions,
    assessments: issued,
    templateId: template.id,
    contractId: contract.id,
    buyer: { organisationId: buyer.organisation.id, userId: buyer.user.id, token: buyer.token },
    supplier: { organisationId: supplier.organisation.id, userId: supplier.user.id, token: supplier.token },
  };
}

module.exports = {
  ROOT,
  DIST,
  DOC,
  dist,
  intEnv,
  requireDist,
  median,
  percentile,
  fmt,
  machine,
  isoNow,
  writeDoc,
  freePort,
  cleanupStack,
  prepareDatabase,
  cpuMeter,
  processCpuMs,
  startChild,
  stopChild,
  runChild,
  startNestApi,
  setUpAssessments,
  generatedDefinition,
  questionsOf,
  answersFor,
};
