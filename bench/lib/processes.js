'use strict';
/**
 * The portal as separate processes on one PostgreSQL, for bench/processes.bench.js (and any script
 * that needs real `start:api` / `start:worker` processes: fault injection, for one). Not a benchmark
 * itself.
 *
 * - Launcher: startApi(env) and startWorker(env) spawn `node <DIST_DIR>/apps/{api,worker}/src/main.js`
 *   with exactly `env` (plus PATH/HOME), keep their output, and resolve once they serve
 *   (`/health/ready` answers 200) or run (the worker logged `worker running`); stop(child, signal)
 *   ends one and resolves with how it ended (SIGKILL after a timeout).
 * - Database: a fresh database on BENCH_DATABASE_URL / DATABASE_URL, or on an embedded PostgreSQL.
 * - A small HTTP client (fetch, keep-alive) that times every call, and a bounded-concurrency pool.
 * - The simulated month: its seeded contracts, what each supplier does and when, and what the
 *   deadlines imply (reminders, defaults, late fines), computed here without the product's code.
 *
 * DIST_DIR: the compiled code to run (default ./dist); e.g. a private build made with
 * `npx tsc -p tsconfig.build.json --outDir /tmp/x && npx tsc-alias -p tsconfig.build.json --outDir /tmp/x`;
 * outside the project it needs the project's node_modules in reach (a symlink in a parent folder).
 */
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.resolve(process.env.DIST_DIR || path.join(ROOT, 'dist'));
const dist = (file) => require(path.join(DIST, file));
const JWT_SECRET = 'bench-processes-secret-bench-processes-secret-0123';
/** Every seeded user's password. */
const PASSWORD = 'Bench-Processes-Passw0rd-2027';

// ---------------------------------------------------------------------------------------------
// Launcher
// ---------------------------------------------------------------------------------------------

/** The output of a child kept for diagnosis: its last 256 KiB. */
const OUTPUT_KEEP = 256 * 1024;

function spawnEntry(entry, env, name) {
  const file = path.join(DIST, 'apps', entry, 'src', 'main.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first (npm run build:api, or set DIST_DIR)`);
  const child = spawn(process.execPath, [file], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEEP * 2) output = output.slice(-OUTPUT_KEEP);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  child.name = name;
  child.output = () => output;
  /** The JSON log lines of the child (pino), parsed; other lines skipped. */
  child.logLines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line)];
        } catch {
          return [];
        }
      });
  return child;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it answers something other than undefined; throws when `child` exits first, or
 * on timeout after killing it (a child that never got ready must not outlive the script).
 */
async function waitFor(child, what, probe, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${child.name} exited (code ${child.exitCode}, signal ${child.signalCode}) before ${what}:\n${child.output().slice(-4000)}`);
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`${child.name}: no ${what} within ${timeoutMs} ms (killed):\n${child.output().slice(-4000)}`);
}

/**
 * An api process (`start:api`) with `env` (its DATABASE_URL, JWT_SECRET, PORT, …); resolves with
 * { child, port, url } once `/health/ready` answers 200.
 */
async function startApi(env, { name = 'api', timeoutMs = 60_000 } = {}) {
  const port = Number(env.PORT);
  if (!port) throw new Error('startApi: env.PORT is required');
  // Warnings only by default: a log line per request would cost the measurement.
  const child = spawnEntry('api', { HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }, name);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(child, '/health/ready', async () => {
    try {
      return (await fetch(`${url}/health/ready`)).status === 200 ? true : undefined;
    } catch {
      return undefined;
    }
  }, timeoutMs);
  return { child, port, url, name };
}

/** A worker process (`start:worker`) with `env`; resolves with { child } once it logged `worker running` (needs LOG_LEVEL info or finer). */
async function startWorker(env, { name = 'worker', timeoutMs = 60_000 } = {}) {
  const child = spawnEntry('worker', { LOG_LEVEL: 'info', ...env }, name);
  await waitFor(child, '"worker running"', () => (child.output().includes('worker running') ? true : undefined), timeoutMs);
  return { child, name };
}

/** Sends `signal` to a child and resolves with { code, signal } once it exited (SIGKILL after `timeoutMs`). */
function stop(child, signal = 'SIGTERM', timeoutMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      resolve({ code, signal: sig });
    });
    child.kill(signal);
  });
}

/** The environment every process of one installation shares (one database, one secret, one mail folder). */
function sharedEnv({ databaseUrl, dataDir, simulatedClock, extra = {} }) {
  return {
    // Not `production`: SIMULATED_CLOCK is refused there. Nothing else here differs by NODE_ENV.
    NODE_ENV: simulatedClock ? 'development' : 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    DATA_DIR: dataDir,
    MAIL_DIR: path.join(dataDir, 'mail'),
    PUBLIC_URL: 'https://portal.example',
    MAIL_POLL_INTERVAL_MS: '200',
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    DB_POOL_SIZE: '10',
    ...(simulatedClock ? { SIMULATED_CLOCK: simulatedClock } : {}),
    ...extra,
  };
}

// ---------------------------------------------------------------------------------------------
// Database
// ---------------------------------------------------------------------------------------------

/**
 * A fresh, migrated database `name` on BENCH_DATABASE_URL / DATABASE_URL (its user needs CREATEDB),
 * or on an embedded PostgreSQL started in a temp folder. Cleanups (drop, stop, remove) are pushed
 * on `cleanups`. Resolves with { databaseUrl, dataDir, server, postgresDataDir }.
 */
async function prepareDatabase(cleanups, name) {
  require('reflect-metadata');
  const core = dist('libs/core/src/index.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddp-processes-'));
  fs.chmodSync(tmp, 0o755); // as root the embedded PostgreSQL runs as `postgres`
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  let serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  const server = serverUrl ? 'BENCH_DATABASE_URL/DATABASE_URL' : 'an embedded PostgreSQL';
  let postgresDataDir = serverUrl ? await require('./generated-data').localDataDirectory(serverUrl) : undefined;
  if (!serverUrl) {
    const { freePort } = require('./bench-kit');
    postgresDataDir = path.join(tmp, 'postgres');
    const embedded = await core.startEmbeddedDatabase({ dataDir: postgresDataDir, port: await freePort(), ephemeral: true });
    cleanups.push(() => embedded.stop());
    serverUrl = embedded.url;
  }
  const { Client } = require('pg');
  const admin = async (sql) => {
    const client = new Client({ connectionString: core.withDatabase(serverUrl, 'postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  cleanups.push(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const databaseUrl = core.withDatabase(serverUrl, name);
  await core.runMigrations(databaseUrl);
  return { databaseUrl, dataDir, server, postgresDataDir };
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

/**
 * One call to `base` + /api/v1 + `route`; resolves with { status, body, headers, ms } (never throws
 * on an HTTP status; a network error answers status 0). Every call is timed into `stats` if given.
 */
async function call(base, method, route, { token, body, ifMatch, stats } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
  const started = performance.now();
  let status = 0;
  let parsed;
  let responseHeaders;
  try {
    const response = await fetch(`${base}/api/v1${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    status = response.status;
    responseHeaders = response.headers;
    const text = await response.text();
    parsed = text ? JSON.parse(text) : undefined;
  } catch (error) {
    parsed = { error: error.message };
  }
  const ms = performance.now() - started;
  if (stats) stats.record(status, ms);
  return { status, body: parsed, headers: responseHeaders, ms };
}

/** Latencies and statuses of a series of calls. */
function callStats() {
  const latencies = [];
  let ok = 0;
  let failed = 0;
  const failures = new Map();
  return {
    record(status, ms) {
      latencies.push(ms);
      if (status >= 200 && status < 300) ok += 1;
      else {
        failed += 1;
        failures.set(status, (failures.get(status) ?? 0) + 1);
      }
    },
    get count() {
      return latencies.length;
    },
    summary(seconds) {
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);
      return { requests: sorted.length, ok, failed, failures: Object.fromEntries(failures), rps: seconds ? sorted.length / seconds : undefined, p50: at(50), p99: at(99) };
    },
  };
}

/** Busy and total CPU time of the whole machine so far (Linux /proc/stat, in ticks); undefined elsewhere. */
function machineCpu() {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** The share of the machine's CPU that was busy between two machineCpu samples (0-1). */
const busyShare = (before, after) => (before && after && after.total > before.total ? (after.busy - before.busy) / (after.total - before.total) : undefined);

/** Runs `task(item)` for every item with at most `limit` at once; resolves with the results in order. */
async function pool(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Asserts a 2xx answer; throws naming the call otherwise. */
function ok(response, what) {
  if (response.status < 200 || response.status >= 300) throw new Error(`${what}: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
  return response.body;
}

// ---------------------------------------------------------------------------------------------
// Calendar dates (YYYY-MM-DD, UTC arithmetic: no time zone enters a calendar date)
// ---------------------------------------------------------------------------------------------

const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from, to) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
const lastDayOfMonth = (date) => {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
};
/** The days from `first` to `last`, both included. */
const daysFrom = (first, last) => Array.from({ length: daysBetween(first, last) + 1 }, (_, i) => addDays(first, i));

// ---------------------------------------------------------------------------------------------
// The simulated month: seeded contracts, the suppliers' behaviour, the expected outcome
// ---------------------------------------------------------------------------------------------

/** A valid Belgian enterprise number (mod-97 check digits) from a small integer, formatted 0123.456.789. */
function enterpriseNumber(n) {
  const body = `0${String(1_000_000 + n).padStart(7, '0')}`;
  const digits = `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/**
 * The reporting calendar a clause implies (monthly periods from the contract's start to its end, each
 * due `dueDays` after the period's end): the expectation the obligations in the database are held to.
 */
function monthlyObligations(startDate, endDate, dueDays) {
  const periods = [];
  for (let start = startDate; start <= endDate; ) {
    const calendarEnd = lastDayOfMonth(start);
    const end = calendarEnd < endDate ? calendarEnd : endDate;
    periods.push({ periodStart: start, periodEnd: end, dueDate: addDays(end, dueDays) });
    start = addDays(end, 1);
  }
  return periods;
}

/** The clause of every seeded contract: monthly reports with one KPI, late fines and a bonus/malus, no reassessment. */
function clauseTerms(dueDays) {
  return {
    articles: { report: 'Art. 12.3', assessment: 'Art. 12.1', action_plan: 'Art. 12.4', action: 'Art. 12.4', execution_condition: 'Art. 12.2' },
    reporting: {
      frequency: 'monthly',
      dueDays,
      kpis: [{ code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75' }],
    },
    noticeResponseDays: 15,
    noticeRemedyDays: 30,
    planDeadlineDays: 30,
    penalties: { perDefault: { kind: 'fixed', amountCents: 50_000 } },
    lateFines: { ratePerDayBasisPoints: 10, capBasisPoints: 750, deliverableValueCents: { report: 200_000 } },
    bonusMalus: [{ kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 10_000, malusCentsPerUnit: 20_000, capCents: 250_000 }],
  };
}

/** The late fine of a report `daysLate` days late under clauseTerms: 0.10 % of 2,000.00 per day, capped at 7.5 %. */
const expectedLateFineCents = (daysLate) => Math.min(200_000 * 10 * daysLate / 10_000, 200_000 * 750 / 10_000);

/** When, relative to its due date, a supplier hands in a report: by contract and period, deterministic. */
const BEHAVIOURS = [
  { name: 'early', offset: -5 },
  { name: 'on the day', offset: 0 },
  { name: 'late', offset: 3 },
  { name: 'very late', offset: 9 },
  { name: 'never', offset: undefined },
];

/**
 * The plan of the month: `contracts` contracts (half starting on 1 January, half on 1 February of
 * the month's year), monthly reports due 1-28 days after each period, one or two users per
 * supplier. For each obligation due within 10 days of the month, the day its supplier submits it
 * (within the month, or never).
 */
function monthPlan({ contracts, first, last }) {
  const year = first.slice(0, 4);
  const plan = [];
  for (let n = 0; n < contracts; n++) {
    const startDate = n % 2 === 0 ? `${year}-01-01` : `${year}-02-01`;
    const endDate = `${Number(year) + 1}-12-31`;
    const dueDays = 1 + (n % 28);
    const obligations = monthlyObligations(startDate, endDate, dueDays).map((o, i) => {
      const behaviour = BEHAVIOURS[(n + i) % BEHAVIOURS.length];
      const day = behaviour.offset === undefined ? undefined : addDays(o.dueDate, behaviour.offset);
      const relevant = o.dueDate >= addDays(first, -10) && o.dueDate <= addDays(last, 10);
      // Written from the period's first day on, and only days the simulation runs through.
      const submitOn = relevant && day && day >= first && day <= last && day >= o.periodStart ? day : undefined;
      return { ...o, behaviour: behaviour.name, submitOn, value: String(70 + ((n * 7 + i * 3) % 30)) };
    });
    plan.push({ n, reference: `SIM-${String(n).padStart(3, '0')}`, startDate, endDate, dueDays, users: n % 3 === 0 ? 2 : 1, obligations });
  }
  return plan;
}

/** The reminder stages and the days relative to the deadline each is sent on (the first run in the window sends it). */
const STAGE_WINDOWS = { due_in_7: [-7, -4], due_in_3: [-3, -2], due_in_1: [-1, -1], missed: [1, 7] };

/**
 * What the deadlines imply, from the plan alone: the jobs ran once a day on each of `runDays`, after
 * that day's submissions (`submitted`: obligation key → day). An obligation is open at a run when
 * nothing was submitted on or before that day.
 * - a reminder stage is mailed once if some run day falls in its window while the obligation is open;
 * - a default is proposed once if some run day comes after the due date while it is open;
 * - a late fine is entered once per report first submitted after its due date.
 */
function expectedOutcome(plan, runDays, submitted) {
  const reminders = [];
  const defaults = [];
  const lateFines = [];
  for (const contract of plan) {
    for (const o of contract.obligations) {
      const key = `${contract.reference}|${o.periodStart}`;
      const submittedOn = submitted.get(key);
      const open = (day) => submittedOn === undefined || submittedOn > day;
      for (const [stage, [from, to]] of Object.entries(STAGE_WINDOWS)) {
        if (runDays.some((day) => day >= addDays(o.dueDate, from) && day <= addDays(o.dueDate, to) && open(day))) {
          reminders.push({ key, stage, recipients: contract.users });
        }
      }
      if (runDays.some((day) => day > o.dueDate && open(day))) defaults.push({ key, missedDeadline: o.dueDate });
      if (submittedOn && submittedOn > o.dueDate) {
        const daysLate = daysBetween(o.dueDate, submittedOn);
        lateFines.push({ key, missedDeadline: o.dueDate, amountCents: expectedLateFineCents(daysLate) });
      }
    }
  }
  return { reminders, defaults, lateFines };
}

/** Seeds `plan` through the apis: organisations and users in SQL (passwords hashed once), log-ins, contracts and clauses over HTTP. */
async function seed({ sql, apis, plan, authorities }) {
  const argon2 = require('argon2');
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const tag = randomBytes(3).toString('hex');
  const insertOrg = async (name, kind, registration) =>
    (await sql.query(`INSERT INTO organisations (name, kind, country, registration_number, preferred_language) VALUES ($1, $2, 'BE', $3, 'en') RETURNING id`, [name, kind, registration])).rows[0].id;
  const insertUser = async (organisationId, email) => {
    await sql.query(`INSERT INTO users (organisation_id, email, name, role, password_hash, status) VALUES ($1, $2, $3, 'admin', $4, 'active')`, [organisationId, email, email.split('@')[0], hash]);
    return email;
  };
  const buyers = [];
  for (let a = 0; a < authorities; a++) {
    const id = await insertOrg(`Simulated authority ${a}`, 'contracting_authority', null);
    buyers.push({ organisationId: id, email: await insertUser(id, `buyer${a}.${tag}@authority${a}.example`) });
  }
  for (const contract of plan) {
    contract.registration = enterpriseNumber(contract.n);
    contract.supplierName = `Simulated supplier ${contract.n} NV`;
    contract.supplierId = await insertOrg(contract.supplierName, 'supplier', contract.registration);
    contract.supplierEmails = [];
    for (let u = 0; u < contract.users; u++) contract.supplierEmails.push(await insertUser(contract.supplierId, `user${u}.s${contract.n}.${tag}@supplier${contract.n}.example`));
    contract.buyer = buyers[contract.n % buyers.length];
  }
  // Log-ins alternate between the apis: a token serves on either.
  const login = async (email, i) => ok(await call(apis[i % apis.length].url, 'POST', '/auth/login', { body: { email, password: PASSWORD } }), `log-in of ${email}`);
  await pool(buyers, 4, async (buyer, i) => (buyer.tokens = await login(buyer.email, i)));
  await pool(plan, 4, async (contract, i) => (contract.supplierTokens = await login(contract.supplierEmails[0], i)));
  await pool(plan, 4, async (contract, i) => {
    const base = apis[i % apis.length].url;
    const token = contract.buyer.tokens.accessToken;
    const created = ok(
      await call(base, 'POST', '/contracts', {
        token,
        body: {
          reference: contract.reference,
          title: `Laptops, simulated contract ${contract.n}`,
          supplier: { name: contract.supplierName, country: 'BE', registrationNumber: contract.registration, contactEmail: contract.supplierEmails[0] },
          startDate: contract.startDate,
          endDate: contract.endDate,
          valueCents: 50_000_000,
          currency: 'EUR',
          timeZone: 'Europe/Brussels',
        },
      }),
      `contract ${contract.reference}`,
    );
    contract.id = created.id;
    ok(await call(apis[(i + 1) % apis.length].url, 'PUT', `/contracts/${contract.id}/clause`, { token, body: { terms: clauseTerms(contract.dueDays) } }), `clause of ${contract.reference}`);
  });
  return { buyers };
}

module.exports = {
  DIST,
  JWT_SECRET,
  PASSWORD,
  dist,
  sleep,
  startApi,
  startWorker,
  stop,
  sharedEnv,
  prepareDatabase,
  call,
  callStats,
  machineCpu,
  busyShare,
  pool,
  ok,
  addDays,
  daysBetween,
  daysFrom,
  lastDayOfMonth,
  monthlyObligations,
  monthPlan,
  expectedOutcome,
  expectedLateFineCents,
  STAGE_WINDOWS,
  seed,
};
