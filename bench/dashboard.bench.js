'use strict';
/**
 * Dashboard benchmark: authenticated `GET /api/v1/dashboard?limit=50` on the real Nest api against
 * the same SQL run directly through `pg` (the page query, then the 8 figure statements at once,
 * with the same parameters; the statements are imported from dist/libs/monitoring/src/dashboard/
 * dashboard-sql.js so that they cannot drift), on the data generator's databases at the two sizes
 * of bench:lists (bench/lib/generated-data.js, seed BENCH_SEED):
 *
 *   large   200 authorities, 20,000 suppliers, 50,000 contracts, 100,000 assessments (and their
 *           findings, plans, report obligations and reports, defaults, penalties, labels …)
 *   small   the same 200 authorities with a tenth of the rest: 2,000 suppliers, 5,000 contracts,
 *           10,000 assessments
 *
 * The generator spreads the contracts over the authorities unevenly (a few hold many), the same
 * authorities at both sizes. Two authorities are measured at each size:
 *   growing   the authority with the most contracts (ties: lowest id); its portfolio grows with
 *             the data, ~10x from small to large
 *   steady    at small the same authority; at large the one whose contract count is closest to
 *             the small busiest one's (ties: lowest id), so about the same portfolio at both sizes
 * so that two growth figures can be told apart: (a) 10x the total data with the same portfolio
 * (steady, large ÷ small: indexes should keep it flat) and (b) 10x the total data with a ~10x
 * portfolio (growing, large ÷ small: aggregates over the authority's own rows grow with them).
 * At small both are one authority: its two cases measure it twice. The agreement check wants a
 * full page of 50 and a next page, which the busiest authority (hundreds of contracts even at
 * small) and the one sized like it give. The goal of the api against the raw SQL is read on the
 * growing authority at large. Each authority is read as its first active admin (by email), logged
 * in with the generated users' password.
 *
 *   npm run bench:dashboard     (builds first; this file requires the compiled code in dist/)
 *
 * The databases are kept between runs and shared with the other benchmarks (on DATABASE_URL's
 * server, or in an embedded PostgreSQL whose data stay in BENCH_POSTGRES_DIR, default
 * $TMPDIR/ddp-bench-postgres); the generator completes them when needed. This benchmark only reads
 * them, apart from what logging in records. Their dates are relative to the day they were generated.
 *
 * Processes: per size, the Nest api in one child (`--serve api-large|api-small`) and the raw SQL in
 * another (`--serve raw-large|raw-small`, its own `pg` pool as large as the api's and its own
 * workers); the HTTP driver (keep-alive, N concurrent workers) in the parent. Each round measures
 * the 8 cases (size × authority × side) one after the other; the order of the sizes and
 * authorities is reversed, and which side goes first alternates, from one round to the next. The
 * figures are medians over the rounds.
 *
 * Environment:
 *   DATABASE_URL        a PostgreSQL server to use instead of the embedded one (see above)
 *   BENCH_POSTGRES_DIR  the embedded PostgreSQL's data folder
 *   BENCH_SEED          the generator's seed (default 1)
 *   BENCH_ROUNDS        rounds (default 3)
 *   BENCH_DURATION      seconds per case and round (default 8)
 *   BENCH_WARMUP        warm-up seconds per case (default 2)
 *   BENCH_CONNECTIONS   concurrent requests per case (default 4)
 *   BENCH_POOL_SIZE     database pool size of the api and of the raw side (default 10)
 *   BENCH_CPU_PROF      see bench/lib/bench-kit.js
 *
 * Exits 0 whether or not the goals are met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const http = require('node:http');
const bench = require('./lib/bench-kit');
const generated = require('./lib/generated-data');

const START = '<!-- bench:dashboard:start -->';
const END = '<!-- bench:dashboard:end -->';
const GOAL_RATIO = 0.8;
const GOAL_GROWTH = 2;
const LIMIT = 50;
const ROUTE = `/api/v1/dashboard?limit=${LIMIT}`;
const SQL_FILE = 'libs/monitoring/src/dashboard/dashboard-sql.js';
const DIST_FILES = [SQL_FILE, generated.GENERATOR_FILE];
const SIZE_NAMES = ['large', 'small'];
const WHO = ['growing', 'steady'];
const SIDES = ['api', 'raw'];
const { fmt, pad, median, percentile, cpuText } = bench;

/** The tables the dashboard's statements read (`open_deadlines` is a view over some of them), counted in the report. */
const TABLES = [
  'organisations',
  'contracts',
  'contract_auditors',
  'product_labels',
  'assessments',
  'assessment_revisions',
  'findings',
  'action_plans',
  'report_obligations',
  'reports',
  'defaults',
  'penalties',
];

const elapsedMs = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const ms = (n) => fmt(n, 1);

// ---------------------------------------------------------------------------------------------
// The SQL, as the service runs it
// ---------------------------------------------------------------------------------------------

/**
 * The dashboard's statements from dist, with the page query's parameters laid out as
 * DashboardService.get passes them ([org, contractId, after reference, now, supplierId, limit + 1,
 * after id]). Fails when the page query no longer takes 7 parameters: the layout must then be updated here.
 */
function dashboardSql() {
  const { SCOPE, PAGE_SQL, FIGURES } = bench.dist(SQL_FILE);
  const page = `WITH ${SCOPE} ${PAGE_SQL}`;
  const highest = Math.max(...[...page.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  if (highest !== 7) throw new Error(`the dashboard's page query takes $1..$${highest}, this benchmark passes 7 parameters: update pageParams in ${__filename}`);
  const figures = Object.entries(FIGURES).map(([name, sql]) => ({ name, text: `WITH ${SCOPE} ${sql}` }));
  return {
    page,
    figures,
    pageParams: (org, now) => [org, null, null, now, null, LIMIT + 1, null],
    figureParams: (org, ids, now) => [org, null, ids, now, null],
  };
}

/**
 * `concurrency` workers call `once()` in a loop until `seconds` have passed (or `stopped()`);
 * `once` resolves with nothing when the request is done (its latency counted), else with what went
 * wrong. Resolves with requests/s, latency percentiles and errors.
 */
async function drive(concurrency, seconds, once, stopped = () => false) {
  const latencies = [];
  const failures = {};
  let errors = 0;
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline && !stopped()) {
        const t = process.hrtime.bigint();
        let failure;
        try {
          failure = await once();
        } catch (error) {
          failure = error.code || error.message;
        }
        if (failure === undefined) latencies.push(elapsedMs(t));
        else {
          errors++;
          failures[failure] = (failures[failure] || 0) + 1;
        }
      }
    }),
  );
  const elapsed = elapsedMs(t0) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    errors,
    failures,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: latencies.length ? latencies.reduce((a, b) => a + b, 0) / latencies.length : NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

/** The real api on this size's database. */
async function serveApi() {
  const { app, port } = await bench.startNestApi(
    {
      DB_POOL_SIZE: process.env.BENCH_POOL_SIZE,
      RATE_LIMIT_AUTH_PER_MINUTE: '10000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
      PUBLIC_URL: 'http://portal.bench',
    },
    { shutdownHooks: false },
  );
  return { port, close: () => app.close() };
}

/** The raw side: the same statements through a `pg` pool as large as the api's, run by workers in this process. */
async function serveRaw() {
  const { Pool } = require('pg');
  const sql = dashboardSql();
  const pool = new Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: Number(process.env.BENCH_POOL_SIZE) });
  pool.on('error', () => undefined); // an idle client lost must not kill the process
  let stopped = false;

  /** One dashboard, as DashboardService.get queries it: the page, then the 8 figures at once (unnamed statements, as TypeORM's query()). */
  async function dashboard(org) {
    const now = new Date();
    const page = await pool.query(sql.page, sql.pageParams(org, now));
    const ids = page.rows.slice(0, LIMIT).map((r) => r.id);
    const params = sql.figureParams(org, ids, now);
    const results = await Promise.all(sql.figures.map((f) => pool.query(f.text, params)));
    return { page: page.rows, figures: Object.fromEntries(sql.figures.map((f, i) => [f.name, results[i].rows])) };
  }

  return {
    port: null,
    close: () => {
      stopped = true;
      return pool.end();
    },
    methods: {
      run: ({ seconds, organisationId, concurrency }) =>
        drive(concurrency, seconds, async () => {
          await dashboard(organisationId);
        }, () => stopped),
      /** What the figures say, to compare with the api's answer. */
      check: async ({ organisationId }) => {
        const d = await dashboard(organisationId);
        const sum = (rows, field) => rows.reduce((n, r) => n + Number(r[field]), 0);
        return {
          pageIds: d.page.slice(0, LIMIT).map((r) => r.id),
          more: d.page.length > LIMIT,
          assessments: sum(d.figures.assessments, 'n'),
          openFindings: sum(d.figures.findings, 'n'),
          submittedLate: sum(d.figures.lateReports, 'n'),
          rows: Object.fromEntries(Object.entries(d.figures).map(([k, v]) => [k, v.length])),
        };
      },
      /**
       * Each statement alone, one after the other on one connection: the median ms of `runs`
       * executions (after one to warm up), and the relations its plan reads by sequential scan.
       */
      profile: async ({ organisationId, runs }) => {
        const client = await pool.connect();
        try {
          const now = new Date();
          const statements = [{ name: 'page', text: sql.page, params: sql.pageParams(organisationId, now) }];
          const page = await client.query(sql.page, statements[0].params);
          const params = sql.figureParams(organisationId, page.rows.slice(0, LIMIT).map((r) => r.id), now);
          for (const f of sql.figures) statements.push({ name: f.name, text: f.text, params });
          const result = {};
          for (const s of statements) {
            await client.query(s.text, s.params);
            const times = [];
            for (let i = 0; i < runs; i++) {
              const t = process.hrtime.bigint();
              await client.query(s.text, s.params);
              times.push(elapsedMs(t));
            }
            const plan = (await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.text}`, s.params)).rows[0]['QUERY PLAN'][0];
            result[s.name] = { ms: median(times), seqScans: seqScans(plan.Plan) };
          }
          return result;
        } finally {
          client.release();
        }
      },
    },
  };
}

/** The relations a plan reads by sequential scan, with the rows read (kept + removed by the filter, all loops). */
function seqScans(node, found = {}) {
  if (node['Node Type'] === 'Seq Scan') {
    const rows = (node['Actual Rows'] + (node['Rows Removed by Filter'] || 0)) * (node['Actual Loops'] || 1);
    // A parallel scan's workers each count their share; the leader's node reports per loop.
    found[node['Relation Name']] = (found[node['Relation Name']] || 0) + rows;
  }
  for (const child of node.Plans || []) seqScans(child, found);
  return found;
}

// ---------------------------------------------------------------------------------------------
// Parent: the generated databases
// ---------------------------------------------------------------------------------------------

/**
 * The generated database of each size (completed by the generator when needed) and what the
 * report says of it, read by SQL: the rows of TABLES, the median contracts per authority, and the
 * measured authorities (see the header) with the admin to log in as, their contracts, assessments
 * and report obligations. Small first: the steady authority at large is the one sized like the
 * small busiest one.
 */
async function prepareData(cleanups, seed) {
  const { Client } = require('pg');
  const server = await generated.server(cleanups);
  const urls = {};
  const names = {};
  const loaded = {};
  let settings;
  for (const size of ['small', 'large']) {
    const options = { ...generated.TEN_X_SIZES[size], seed };
    names[size] = generated.databaseName(options);
    urls[size] = await generated.database(server, options);
    const client = new Client({ connectionString: urls[size] });
    await client.connect();
    try {
      const one = async (text, params) => (await client.query(text, params)).rows[0];
      const counts = {};
      for (const table of TABLES) counts[table] = (await one(`SELECT count(*)::int AS n FROM ${table}`)).n;
      const busiest = await one(`SELECT authority_id AS id, count(*)::int AS n FROM contracts GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
      const steady =
        size === 'small'
          ? busiest
          : await one(`SELECT authority_id AS id FROM contracts GROUP BY 1 ORDER BY abs(count(*) - $1), 1 LIMIT 1`, [loaded.small.authorities.steady.contracts]);
      const authority = async (id) => {
        const a = await one(
          `SELECT o.name,
                  (SELECT u.email FROM users u WHERE u.organisation_id = o.id AND u.role = 'admin' AND u.status = 'active' ORDER BY u.email LIMIT 1) AS email,
                  (SELECT count(*) FROM contracts WHERE authority_id = o.id)::int AS contracts,
                  (SELECT count(*) FROM assessments WHERE authority_id = o.id)::int AS assessments,
                  (SELECT count(*) FROM report_obligations WHERE authority_id = o.id)::int AS obligations
             FROM organisations o WHERE o.id = $1`,
          [id],
        );
        if (!a.email) throw new Error(`${names[size]}: the authority ${a.name} (${id}) has no active admin to log in as`);
        return { id, ...a };
      };
      const portfolio = await one(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY n)::int AS median FROM (SELECT count(*) AS n FROM contracts GROUP BY authority_id) p`);
      loaded[size] = { counts, medianContracts: portfolio.median, authorities: { growing: await authority(busiest.id), steady: await authority(steady.id) } };
      settings ??= await one(`SELECT current_setting('server_version') AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('work_mem') AS work_mem,
                                     current_setting('max_parallel_workers_per_gather') AS parallel, current_setting('jit') = 'on' AND pg_jit_available() AS jit`);
    } finally {
      await client.end();
    }
    const { growing, steady } = loaded[size].authorities;
    console.log(`${names[size]}: growing ${growing.name} (${fmt(growing.contracts)} contracts), steady ${steady.name} (${fmt(steady.contracts)} contracts)`);
  }
  return { urls, names, loaded, server: settings, dataDir: server.dataDir, postgresDataDir: server.postgresDataDir, database: server.database };
}

// ---------------------------------------------------------------------------------------------
// Parent: the HTTP driver for the api
// ---------------------------------------------------------------------------------------------

function get(agent, port, token) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, method: 'GET', path: ROUTE, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function apiDriver(port, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    run: (token, seconds) =>
      drive(concurrency, seconds, async () => {
        const response = await get(agent, port, token);
        return response.status === 200 ? undefined : response.status;
      }),
    async fetch(token) {
      const response = await get(agent, port, token);
      if (response.status !== 200) throw new Error(`GET ${ROUTE} answered ${response.status}: ${response.body.toString('utf8').slice(0, 500)}`);
      return { bytes: response.body.length, json: JSON.parse(response.body.toString('utf8')) };
    },
    /** The access token of `email`, logged in with the generated users' password. */
    async logIn(email) {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: generated.password() }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`POST /auth/login as ${email} answered ${response.status}: ${text.slice(0, 500)}`);
      return JSON.parse(text).accessToken;
    },
    close: () => agent.destroy(),
  };
}

/** The api's answer agrees with the raw statements and with the authority's rows counted in the database. */
function checkAgreement(label, api, raw, expected) {
  const problems = [];
  const apiIds = api.json.contracts.map((c) => c.contractId);
  if (apiIds.length !== LIMIT) problems.push(`the api returned ${apiIds.length} contracts, expected ${LIMIT}`);
  if (apiIds.join() !== raw.pageIds.join()) problems.push('the api and the raw page list different contracts');
  if (api.json.nextCursor === null || !raw.more) problems.push('no next page');
  if (api.json.overall.assessments.total !== raw.assessments) problems.push(`assessments: api ${api.json.overall.assessments.total}, raw ${raw.assessments}`);
  if (raw.assessments !== expected.assessments) problems.push(`assessments: raw ${raw.assessments}, counted ${expected.assessments}`);
  const apiOpen = Object.values(api.json.overall.openFindings).reduce((a, b) => a + b, 0);
  if (apiOpen !== raw.openFindings) problems.push(`open findings: api ${apiOpen}, raw ${raw.openFindings}`);
  if (api.json.overall.reports.submittedLate !== raw.submittedLate) problems.push(`late reports: api ${api.json.overall.reports.submittedLate}, raw ${raw.submittedLate}`);
  if (problems.length) throw new Error(`${label}: ${problems.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// Parent: rounds and summary
// ---------------------------------------------------------------------------------------------

const caseKey = (size, who, side) => `${size}/${who}/${side}`;

/** The (size, authority) pairs in round order: reversed every other round; the side going first alternates. */
function roundOrder(round) {
  const pairs = SIZE_NAMES.flatMap((size) => WHO.map((who) => [size, who]));
  const ordered = round % 2 === 0 ? pairs : [...pairs].reverse();
  const sides = round % 2 === 0 ? SIDES : [...SIDES].reverse();
  return ordered.flatMap(([size, who]) => sides.map((side) => [size, who, side]));
}

function summarise(rounds) {
  const summary = { cases: {}, ratios: {}, growth: {} };
  const med = (values) => {
    const finite = values.filter((v) => Number.isFinite(v));
    return finite.length ? median(finite) : undefined;
  };
  for (const size of SIZE_NAMES) {
    for (const who of WHO) {
      for (const side of SIDES) {
        const key = caseKey(size, who, side);
        const runs = rounds.map((r) => r.cases[key]);
        summary.cases[key] = {
          rps: med(runs.map((m) => m.rps)),
          p50: med(runs.map((m) => m.p50)),
          p99: med(runs.map((m) => m.p99)),
          requests: runs.reduce((n, m) => n + m.requests, 0),
          errors: runs.reduce((n, m) => n + m.errors, 0),
          nodeCpu: med(runs.map((m) => m.nodeCpu)),
          pgCpu: med(runs.map((m) => m.pgCpu)),
        };
      }
      // api ÷ raw requests/s, per round (the two sides ran next to each other), then the median
      summary.ratios[`${size}/${who}`] = med(rounds.map((r) => r.cases[caseKey(size, who, 'api')].rps / r.cases[caseKey(size, who, 'raw')].rps));
    }
  }
  for (const who of WHO) {
    for (const side of SIDES) {
      const large = summary.cases[caseKey('large', who, side)];
      const small = summary.cases[caseKey('small', who, side)];
      summary.growth[`${who}/${side}`] = {
        p50: large.p50 / small.p50,
        // per-round ratio of the mean latencies, a cross-check less sensitive to the histogram's middle
        perRound: med(rounds.map((r) => r.cases[caseKey('large', who, side)].mean / r.cases[caseKey('small', who, side)].mean)),
      };
    }
  }
  summary.ratio = summary.ratios['large/growing'];
  summary.ratioPass = summary.ratio >= GOAL_RATIO;
  summary.growthA = summary.growth['steady/api'].p50;
  summary.growthB = summary.growth['growing/api'].p50;
  summary.growthAPass = summary.growthA <= GOAL_GROWTH;
  summary.growthBPass = summary.growthB <= GOAL_GROWTH;
  summary.problems = [];
  for (const [key, c] of Object.entries(summary.cases)) if (c.errors) summary.problems.push(`${key}: ${c.errors} failed requests`);
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Parent: report
// ---------------------------------------------------------------------------------------------

const passText = (pass) => (pass ? 'PASS' : 'FAIL');
/** The measured authority's name in the tables, with its portfolio at that size. */
const label = (loaded, size, who) => `${who} (${fmt(loaded[size].authorities[who].contracts)} contracts)`;
/** How much larger an authority's portfolio is at large than at small. */
const portfolioGrowth = (loaded, who) => loaded.large.authorities[who].contracts / loaded.small.authorities[who].contracts;

/** What the per-statement profile says, in sentences. */
function explain(report) {
  const { profile, summary, loaded } = report;
  const names = Object.keys(profile['large/growing']);
  const total = (key) => names.reduce((n, name) => n + profile[key][name].ms, 0);
  const worst = [...names].sort((a, b) => profile['large/growing'][b].ms - profile['large/growing'][a].ms)[0];
  const lines = [];
  lines.push(
    `At large, the statements alone (one connection, one after the other) add up to ${ms(total('large/growing'))} ms for the growing authority and ${ms(total('large/steady'))} ms for the steady one, ` +
      `against ${ms(total('small/growing'))} ms and ${ms(total('small/steady'))} ms at small; the slowest is \`${worst}\` (${ms(profile['large/growing'][worst].ms)} ms for the growing authority).`,
  );
  const flat = [];
  const growing = [];
  for (const name of names) {
    const g = profile['large/steady'][name].ms / profile['small/steady'][name].ms;
    (g > GOAL_GROWTH ? growing : flat).push(`\`${name}\` ×${fmt(g, 1)}`);
  }
  if (growing.length) {
    lines.push(
      `With about the same portfolio (${fmt(loaded.small.authorities.steady.contracts)} contracts at small, ${fmt(loaded.large.authorities.steady.contracts)} at large) on 10x the data, these statements grow with the whole database rather than with the authority's rows: ${growing.join(', ')}; ` +
        `the others stay nearly flat (${flat.join(', ')}).`,
    );
  } else {
    lines.push(`With about the same portfolio (${fmt(loaded.small.authorities.steady.contracts)} contracts at small, ${fmt(loaded.large.authorities.steady.contracts)} at large) on 10x the data every statement stays nearly flat (${flat.join(', ')}).`);
  }
  const scans = Object.entries(profile['large/steady'][worst].seqScans).sort((a, b) => b[1] - a[1]);
  if (scans.length) {
    lines.push(
      `The plan of \`${worst}\` for the steady authority at large reads by sequential scan: ${scans.map(([rel, n]) => `${rel} (~${fmt(n)} rows)`).join(', ')} ` +
        `— the authority has ${fmt(loaded.large.authorities.steady.contracts)} contracts, ${fmt(loaded.large.authorities.steady.obligations)} report obligations.`,
    );
  }
  lines.push(
    `The growing authority's portfolio is ×${fmt(portfolioGrowth(loaded, 'growing'), 1)} larger at large (${fmt(loaded.large.authorities.growing.contracts)} contracts, ${fmt(loaded.large.authorities.growing.assessments)} assessments, ` +
      `${fmt(loaded.large.authorities.growing.obligations)} report obligations, against ${fmt(loaded.small.authorities.growing.contracts)}, ${fmt(loaded.small.authorities.growing.assessments)} and ` +
      `${fmt(loaded.small.authorities.growing.obligations)}): aggregates over its own rows cost about as much more, so growth (b) measures the rows aggregated per request, ` +
      `×${fmt(summary.growthB, 1)} here; no index makes that flat, only figures kept per contract or per authority ahead of the request.`,
  );
  const large = summary.cases['large/growing/api'];
  const raw = summary.cases['large/growing/raw'];
  lines.push(
    `Api against raw at large: the api's process used ${cpuText(large.nodeCpu)} ms of CPU per request against ${cpuText(raw.nodeCpu)} ms for the raw side, PostgreSQL ${cpuText(large.pgCpu)} ms ` +
      `against ${cpuText(raw.pgCpu)} ms: the time is in the database, the same for both sides, so the ratio stays close to 1 when the statements are slow; what the api adds (JWT guard ` +
      `and its user/session query, building the summaries, serialising ~${fmt(report.checks['large/growing'].bytes / 1024)} KB) weighs more at small.`,
  );
  return lines;
}

function renderSection(report) {
  const { settings, machine, summary, loaded, server, profile, databases } = report;
  const lines = [];
  const a = (size, who) => loaded[size].authorities[who];
  lines.push(`- Database: ${settings.database}, PostgreSQL ${server.version} (shared_buffers ${server.shared_buffers}, work_mem ${server.work_mem}, max_parallel_workers_per_gather ${server.parallel}, JIT ${server.jit ? 'on' : 'off'})`);
  lines.push(
    `- Measured: authenticated \`GET ${ROUTE}\` on the real api (\`createApiApp\`, production config, LOG_LEVEL=silent, pool ${settings.poolSize}) as an admin of the authority, against the raw SQL: ` +
      `\`WITH SCOPE PAGE_SQL\`, then \`Promise.all\` of the ${Object.keys(profile['large/growing']).length - 1} \`WITH SCOPE FIGURES[name]\` statements, imported from dist (cannot drift), same parameters, ` +
      `through \`pg\` ${machine.pg} \`Pool({ max: ${settings.poolSize} })\` in its own process (no HTTP)`,
  );
  lines.push(
    `- Load: ${settings.connections} concurrent requests per case (api: HTTP/1.1 keep-alive, driver in the parent process); warm-up ${settings.warmup} s per case, then ${settings.rounds} round(s) ` +
      `of ${settings.duration} s per case; each round runs the 8 cases (size × authority × side) in turn, the order reversed and the first side swapped every other round; figures are medians over the rounds. ` +
      `Latencies include queueing: ${settings.connections} requests at a time, each running up to 8 statements at once, share ${machine.cpuCount} CPU(s) with PostgreSQL`,
  );
  lines.push(
    `- Data: the data generator (\`npm run cli -- generate\`, seed ${settings.seed}; bench/lib/generated-data.js), databases kept between runs (nothing written here but what logging in records), dates relative to the day they were generated: ` +
      `large = \`${databases.large}\` (${fmt(generated.TEN_X_SIZES.large.authorities)} authorities, ${fmt(generated.TEN_X_SIZES.large.suppliers)} suppliers, ${fmt(loaded.large.counts.contracts)} contracts, ${fmt(loaded.large.counts.assessments)} assessments); ` +
      `small = \`${databases.small}\` (the same ${fmt(generated.TEN_X_SIZES.small.authorities)} authorities, ${fmt(generated.TEN_X_SIZES.small.suppliers)}, ${fmt(loaded.small.counts.contracts)}, ${fmt(loaded.small.counts.assessments)})`,
  );
  const who = (size, w) => `${a(size, w).name}, ${fmt(a(size, w).contracts)} contracts, ${fmt(a(size, w).assessments)} assessments, ${fmt(a(size, w).obligations)} report obligations`;
  lines.push(
    `- Measured authorities, each as its generated admin: **growing**, the one with the most contracts at each size (at large ${who('large', 'growing')}; at small ${who('small', 'growing')}); ` +
      `**steady**, at small the same authority (its two small cases measure it twice), at large the one whose contract count is closest to it (${who('large', 'steady')}). ` +
      `The generator spreads the contracts unevenly: the median authority holds ${fmt(loaded.large.medianContracts)} contracts at large, ${fmt(loaded.small.medianContracts)} at small`,
  );
  lines.push('');
  lines.push('| Table | Large | Small |');
  lines.push('|---|---:|---:|');
  for (const table of TABLES) lines.push(`| ${table} | ${fmt(loaded.large.counts[table])} | ${fmt(loaded.small.counts[table])} |`);
  lines.push('');
  lines.push('| Size | Authority | Api req/s | Raw req/s | Api/Raw | Api p50 ms | Raw p50 ms | Api p99 ms | Raw p99 ms | Api CPU ms/req (node + pg) | Raw CPU ms/req (node + pg) |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const size of SIZE_NAMES) {
    for (const who of WHO) {
      const api = summary.cases[caseKey(size, who, 'api')];
      const raw = summary.cases[caseKey(size, who, 'raw')];
      const bold = size === 'large' && who === 'growing' ? '**' : '';
      lines.push(
        `| ${size} | ${label(loaded, size, who)} | ${fmt(api.rps, 1)} | ${fmt(raw.rps, 1)} | ${bold}${fmt(summary.ratios[`${size}/${who}`], 3)}${bold} | ${ms(api.p50)} | ${ms(raw.p50)} | ${ms(api.p99)} | ${ms(raw.p99)} | ` +
          `${cpuText(api.nodeCpu)} + ${cpuText(api.pgCpu)} | ${cpuText(raw.nodeCpu)} + ${cpuText(raw.pgCpu)} |`,
      );
    }
  }
  lines.push('');
  lines.push('Growth, large ÷ small (median latency; in brackets the median of the per-round ratios of the mean latencies):');
  lines.push('');
  lines.push('| | Api | Raw |');
  lines.push('|---|---:|---:|');
  const g = (key) => `×${fmt(summary.growth[key].p50, 2)} (×${fmt(summary.growth[key].perRound, 2)})`;
  lines.push(`| (a) 10x data, about the same portfolio (steady, ×${fmt(portfolioGrowth(loaded, 'steady'), 2)} contracts) | **${g('steady/api')}** | ${g('steady/raw')} |`);
  lines.push(`| (b) 10x data, ~10x portfolio (growing, ×${fmt(portfolioGrowth(loaded, 'growing'), 1)} contracts) | **${g('growing/api')}** | ${g('growing/raw')} |`);
  lines.push('');
  lines.push('Each statement alone (one connection, sequential; median of ' + report.settings.profileRuns + ' runs, ms):');
  lines.push('');
  const keys = ['small/steady', 'large/steady', 'small/growing', 'large/growing'];
  lines.push(`| Statement | ${keys.join(' | ')} | Growth (a) | Growth (b) |`);
  lines.push(`|---|${keys.map(() => '---:').join('|')}|---:|---:|`);
  for (const name of Object.keys(profile['large/growing'])) {
    const v = (key) => profile[key][name].ms;
    lines.push(`| ${name} | ${keys.map((k) => ms(v(k))).join(' | ')} | ×${fmt(v('large/steady') / v('small/steady'), 1)} | ×${fmt(v('large/growing') / v('small/growing'), 1)} |`);
  }
  lines.push('');
  lines.push(
    `- Goals: api req/s ≥ ${GOAL_RATIO.toFixed(2)} × raw at large (growing authority, median of the per-round ratios): **${fmt(summary.ratio, 3)} ${passText(summary.ratioPass)}**; ` +
      `10x data costs ≤ ${GOAL_GROWTH}x time (api median latency, large ÷ small): (a) same portfolio **×${fmt(summary.growthA, 2)} ${passText(summary.growthAPass)}**, ` +
      `(b) ~10x portfolio **×${fmt(summary.growthB, 2)} ${passText(summary.growthBPass)}**`,
  );
  lines.push(`- Checked before measuring: for each size and authority the api's page of ${LIMIT} contracts, overall assessments, open findings and late reports equal the raw statements', and the assessments equal the authority's rows counted in the database`);
  if (summary.problems.length) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push(`_${explain(report).join(' ')} The machine is small and shared (PostgreSQL, the driver and the servers on ${machine.cpuCount} CPU(s)); compare ratios within a run rather than absolute figures._`);
  return bench.docSection({ start: START, end: END, title: 'Dashboard: Nest api vs its SQL run directly, 10x data growth (`npm run bench:dashboard`)', date: report.date, machine }, lines);
}

function printTable(report) {
  const { summary } = report;
  console.log('');
  console.log(`${'size/authority'.padEnd(16)} ${pad('api req/s', 10)} ${pad('raw req/s', 10)} ${pad('api/raw', 8)} ${pad('api p50', 9)} ${pad('raw p50', 9)} ${pad('api p99', 9)} ${pad('raw p99', 9)}`);
  for (const size of SIZE_NAMES) {
    for (const who of WHO) {
      const api = summary.cases[caseKey(size, who, 'api')];
      const raw = summary.cases[caseKey(size, who, 'raw')];
      console.log(
        `${`${size}/${who}`.padEnd(16)} ${pad(fmt(api.rps, 1), 10)} ${pad(fmt(raw.rps, 1), 10)} ${pad(fmt(summary.ratios[`${size}/${who}`], 3), 8)} ${pad(ms(api.p50), 9)} ${pad(ms(raw.p50), 9)} ${pad(ms(api.p99), 9)} ${pad(ms(raw.p99), 9)}`,
      );
    }
  }
  console.log('');
  console.log(`goal api/raw >= ${GOAL_RATIO} at large (growing): ${fmt(summary.ratio, 3)} ${passText(summary.ratioPass)}`);
  console.log(`goal growth <= ${GOAL_GROWTH}: (a) same portfolio x${fmt(summary.growthA, 2)} ${passText(summary.growthAPass)}; (b) ~10x portfolio x${fmt(summary.growthB, 2)} ${passText(summary.growthBPass)}`);
  console.log('statements alone (ms):');
  for (const name of Object.keys(report.profile['large/growing'])) {
    console.log(`  ${name.padEnd(12)} ${['small/steady', 'large/steady', 'small/growing', 'large/growing'].map((k) => `${k} ${ms(report.profile[k][name].ms)}`).join('  ')}`);
  }
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

// ---------------------------------------------------------------------------------------------
// Parent: main
// ---------------------------------------------------------------------------------------------

async function main() {
  const settings = {
    rounds: bench.intEnv('BENCH_ROUNDS', 3, 1),
    duration: bench.intEnv('BENCH_DURATION', 8, 1),
    warmup: bench.intEnv('BENCH_WARMUP', 2, 0),
    connections: bench.intEnv('BENCH_CONNECTIONS', 4, 1),
    poolSize: bench.intEnv('BENCH_POOL_SIZE', 10, 1),
    profileRuns: 5,
    seed: bench.intEnv('BENCH_SEED', 1, 0),
  };
  bench.requireDist('bench:dashboard', DIST_FILES);
  dashboardSql(); // fails early when the page query's parameters changed
  await bench.withCleanups(async (cleanups) => {
    const db = await prepareData(cleanups, settings.seed);
    settings.database = db.database;
    const { loaded } = db;

    const children = {};
    for (const size of SIZE_NAMES) {
      const env = { BENCH_DATABASE_URL: db.urls[size], BENCH_DATA_DIR: db.dataDir, BENCH_POOL_SIZE: String(settings.poolSize) };
      children[`api-${size}`] = await bench.startChild(cleanups, __filename, `api-${size}`, env);
      children[`raw-${size}`] = await bench.startChild(cleanups, __filename, `raw-${size}`, env);
      console.log(`${size}: api on port ${children[`api-${size}`].port} (pid ${children[`api-${size}`].child.pid}), raw pid ${children[`raw-${size}`].child.pid}`);
    }
    const drivers = {};
    const tokens = {};
    const checks = {};
    for (const size of SIZE_NAMES) {
      drivers[size] = apiDriver(children[`api-${size}`].port, settings.connections);
      cleanups.push(() => drivers[size].close());
      for (const who of WHO) {
        const authority = loaded[size].authorities[who];
        tokens[`${size}/${who}`] = await drivers[size].logIn(authority.email);
        const api = await drivers[size].fetch(tokens[`${size}/${who}`]);
        const raw = await children[`raw-${size}`].call('check', { organisationId: authority.id });
        checkAgreement(`${size}/${who}`, api, raw, authority);
        checks[`${size}/${who}`] = { bytes: api.bytes, rows: raw.rows };
      }
    }
    console.log('the api and the raw statements agree on every size and authority');

    const measure = (size, who, side, seconds) => {
      const organisationId = loaded[size].authorities[who].id;
      return side === 'api'
        ? drivers[size].run(tokens[`${size}/${who}`], seconds)
        : children[`raw-${size}`].call('run', { seconds, organisationId, concurrency: settings.connections });
    };
    if (settings.warmup > 0) {
      for (const [size, who, side] of roundOrder(0)) {
        console.log(`warm-up ${caseKey(size, who, side)} ${settings.warmup} s …`);
        await measure(size, who, side, settings.warmup);
      }
    }
    const meter = bench.cpuMeter(db.postgresDataDir);
    const rounds = [];
    for (let i = 0; i < settings.rounds; i++) {
      const round = { round: i + 1, cases: {} };
      for (const [size, who, side] of roundOrder(i)) {
        if (cleanups.stopping) await new Promise(() => undefined); // Ctrl-C: the signal handler exits
        const key = caseKey(size, who, side);
        process.stdout.write(`round ${i + 1}/${settings.rounds} ${key.padEnd(18)} ${settings.duration} s … `);
        const pid = children[`${side}-${size}`].child.pid;
        const m = await meter.perUnit(pid, 'requests', () => measure(size, who, side, settings.duration));
        round.cases[key] = m;
        console.log(`${fmt(m.rps, 1)} req/s, p50 ${ms(m.p50)} ms, p99 ${ms(m.p99)} ms${m.errors ? `, ${m.errors} errors ${JSON.stringify(m.failures)}` : ''}`);
      }
      rounds.push(round);
    }

    console.log('profiling each statement alone …');
    const profile = {};
    for (const size of SIZE_NAMES) {
      for (const who of WHO) {
        profile[`${size}/${who}`] = await children[`raw-${size}`].call('profile', { organisationId: loaded[size].authorities[who].id, runs: settings.profileRuns });
      }
    }

    const summary = summarise(rounds);
    const report = { date: bench.isoNow(), machine: bench.machine(), server: db.server, settings, databases: db.names, loaded, checks, rounds, summary, profile };
    printTable(report);
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    const sizes = `generated, ${fmt(loaded.large.counts.contracts)} contracts, ${fmt(loaded.large.counts.assessments)} assessments (and 10x less)`;
    bench.writeSummary('bench:dashboard', [
      { figure: 'dashboard, api ÷ its SQL run directly, req/s (large, growing authority)', value: fmt(summary.ratio, 3), goal: `≥ ${GOAL_RATIO}`, met: summary.ratioPass, data: sizes },
      { figure: 'dashboard, 10x data, same portfolio: latency large ÷ small', value: `×${fmt(summary.growthA, 2)}`, goal: `≤ ×${GOAL_GROWTH}`, met: summary.growthAPass, data: sizes },
      { figure: 'dashboard, 10x data and ~10x portfolio: latency large ÷ small', value: `×${fmt(summary.growthB, 2)}`, goal: `≤ ×${GOAL_GROWTH}`, met: summary.growthBPass, data: sizes },
    ], report);
  });
}

bench.runScript('bench:dashboard', {
  main,
  servers: { 'api-large': serveApi, 'api-small': serveApi, 'raw-large': serveRaw, 'raw-small': serveRaw },
});
