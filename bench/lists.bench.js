'use strict';
/**
 * List endpoints at 10x data (`npm run bench:lists`): every paginated list of the api, as the users
 * who read it, on two databases filled by the data generator (`npm run cli -- generate`):
 *
 *   large   the generator's full size: 200 authorities, 20,000 suppliers, 50,000 contracts,
 *           100,000 assessments (and their findings, plans, reports, defaults, penalties …)
 *   small   the same 200 authorities with a tenth of the rest: 2,000 suppliers, 5,000 contracts,
 *           10,000 assessments
 *
 * With the same authorities, each authority's own lists are 10x longer at large (its portfolio
 * grows with the data), so the figure is what a keyset page costs when both the table and the
 * tenant's rows grow 10x. Goal: 10x data costs ≤ 1.3x time (median latency, large ÷ small), per case.
 *
 * Cases: the first page (limit 50), a deep page (the 6th, reached by following `nextCursor`), and
 * the common filters, as the busiest authority's admin, the busiest supplier's admin and the
 * platform admin (organisations). Each case is measured as sequential requests on one keep-alive
 * connection (latency, not throughput); each round runs every case at both sizes, the size going
 * first alternating between rounds. Figures are medians over the rounds of each round's median.
 *
 * The generated databases are kept (on DATABASE_URL's server, or in an embedded PostgreSQL whose
 * data stay in BENCH_POSTGRES_DIR, default $TMPDIR/ddp-bench-postgres) and reused by the next run:
 * the generator is resumable, so a run completes what an interrupted one left and skips the rest.
 *
 * Environment: DATABASE_URL, BENCH_ROUNDS (3), BENCH_SAMPLES (requests per case and round, 25),
 * BENCH_SEED (1), BENCH_POSTGRES_DIR, BENCH_CASES (a regular expression on the case names: measure
 * those only, and write nothing into docs/).
 */
const http = require('node:http');
const bench = require('./lib/bench-kit');
const generated = require('./lib/generated-data');

const START = '<!-- bench:lists:start -->';
const END = '<!-- bench:lists:end -->';
const GOAL_GROWTH = 1.3;
const LIMIT = 50;
const DEEP_PAGE = 6;
const SIZE_NAMES = ['small', 'large'];
const { fmt, median, percentile } = bench;

/**
 * The cases: who asks, and the path (built from that size's subjects, see `subjects`). `deep`
 * follows the cursor to page DEEP_PAGE first; the measured request is the one for that page.
 */
const ALL_CASES = [
  { name: 'contracts', who: 'authority', path: () => `/api/v1/contracts?limit=${LIMIT}` },
  { name: 'contracts, page 6', who: 'authority', path: () => `/api/v1/contracts?limit=${LIMIT}`, deep: true },
  { name: 'contracts, active', who: 'authority', path: () => `/api/v1/contracts?status=active&limit=${LIMIT}` },
  { name: 'contracts, search', who: 'authority', path: (s) => `/api/v1/contracts?q=${encodeURIComponent(s.search)}&limit=${LIMIT}` },
  { name: 'contracts (supplier)', who: 'supplier', path: () => `/api/v1/contracts?limit=${LIMIT}` },
  { name: 'assessments', who: 'authority', path: () => `/api/v1/assessments?limit=${LIMIT}` },
  { name: 'assessments, page 6', who: 'authority', path: () => `/api/v1/assessments?limit=${LIMIT}`, deep: true },
  { name: 'assessments, submitted', who: 'authority', path: () => `/api/v1/assessments?status=submitted&limit=${LIMIT}` },
  { name: 'assessments of a contract', who: 'authority', path: (s) => `/api/v1/assessments?contractId=${s.contractId}&limit=${LIMIT}` },
  { name: 'assessments (supplier)', who: 'supplier', path: () => `/api/v1/assessments?limit=${LIMIT}` },
  { name: 'findings', who: 'authority', path: () => `/api/v1/findings?limit=${LIMIT}` },
  { name: 'findings, page 6', who: 'authority', path: () => `/api/v1/findings?limit=${LIMIT}`, deep: true },
  { name: 'findings, open', who: 'authority', path: () => `/api/v1/findings?status=open&limit=${LIMIT}` },
  { name: 'action plans', who: 'authority', path: () => `/api/v1/action-plans?limit=${LIMIT}` },
  { name: 'action plans, overdue', who: 'authority', path: () => `/api/v1/action-plans?overdue=true&limit=${LIMIT}` },
  { name: 'reports', who: 'authority', path: () => `/api/v1/reports?limit=${LIMIT}` },
  { name: 'reports, page 6', who: 'authority', path: () => `/api/v1/reports?limit=${LIMIT}`, deep: true },
  { name: 'reports (supplier)', who: 'supplier', path: () => `/api/v1/reports?limit=${LIMIT}` },
  { name: 'defaults', who: 'authority', path: () => `/api/v1/defaults?limit=${LIMIT}` },
  { name: 'deadlines', who: 'authority', path: () => `/api/v1/deadlines?limit=${LIMIT}` },
  { name: 'deadlines (supplier)', who: 'supplier', path: () => `/api/v1/deadlines?limit=${LIMIT}` },
  { name: 'penalties of a contract', who: 'authority', path: (s) => `/api/v1/penalties?contractId=${s.contractId}` },
  { name: 'questionnaire templates', who: 'authority', path: () => `/api/v1/questionnaire-templates?limit=${LIMIT}` },
  { name: 'audit events', who: 'authority', path: () => `/api/v1/audit-events?limit=${LIMIT}` },
  { name: 'organisations, suppliers', who: 'platform', path: () => `/api/v1/organisations?kind=supplier&limit=${LIMIT}` },
  { name: 'organisations, page 6', who: 'platform', path: () => `/api/v1/organisations?kind=supplier&limit=${LIMIT}`, deep: true },
  { name: 'organisations, search', who: 'platform', path: (s) => `/api/v1/organisations?q=${encodeURIComponent(s.supplierSearch)}&limit=${LIMIT}` },
];

/** BENCH_CASES: a regular expression on the case names, to measure some only (the summary then says so). */
const CASES = process.env.BENCH_CASES ? ALL_CASES.filter((c) => new RegExp(process.env.BENCH_CASES, 'i').test(c.name)) : ALL_CASES;

// ---------------------------------------------------------------------------------------------
// Child: the api on one size's database
// ---------------------------------------------------------------------------------------------

async function serveApi() {
  const { app, port } = await bench.startNestApi({ RATE_LIMIT_AUTH_PER_MINUTE: '10000' });
  return { port, close: () => app.close() };
}

// ---------------------------------------------------------------------------------------------
// Parent
// ---------------------------------------------------------------------------------------------

function request(agent, port, method, path, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) };
    const started = process.hrtime.bigint();
    const req = http.request({ agent, host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const json = (response, what) => {
  if (response.status !== 200) throw new Error(`${what} answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(response.body.toString('utf8'));
};

/** Logs the subjects' users in; returns { who: token }. */
async function logIn(agent, port, users) {
  const tokens = {};
  for (const [who, email] of Object.entries(users)) {
    const response = await request(agent, port, 'POST', '/api/v1/auth/login', { body: { email, password: generated.password() } });
    tokens[who] = json(response, `login of ${email}`).accessToken;
  }
  return tokens;
}

/** The measured path of a case: for a deep case, the path with the cursor of page DEEP_PAGE. */
async function casePath(agent, port, token, entry, subjects) {
  const base = entry.path(subjects);
  if (!entry.deep) return { path: base, items: undefined };
  let path = base;
  for (let page = 1; page < DEEP_PAGE; page++) {
    const body = json(await request(agent, port, 'GET', path, { token }), path);
    if (!body.nextCursor) return { path, items: page * LIMIT, short: true };
    path = `${base}&after=${encodeURIComponent(body.nextCursor)}`;
  }
  return { path, items: DEEP_PAGE * LIMIT };
}

/** `samples` sequential requests of one case: their median and p90 in ms, and the items per page. */
async function measureCase(agent, port, token, path, samples) {
  const times = [];
  let items;
  for (let i = 0; i < samples; i++) {
    const response = await request(agent, port, 'GET', path, { token });
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
    times.push(response.ms);
    if (items === undefined) {
      const body = JSON.parse(response.body.toString('utf8'));
      items = Array.isArray(body) ? body.length : Array.isArray(body.items) ? body.items.length : undefined;
    }
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: median(times), p90: percentile(sorted, 90), items };
}

function summarise(rounds) {
  return CASES.map((entry) => {
    const at = (size, field) => median(rounds.map((r) => r[entry.name][size][field]));
    const small = at('small', 'p50');
    const large = at('large', 'p50');
    const growth = median(rounds.map((r) => r[entry.name].large.p50 / r[entry.name].small.p50));
    return { name: entry.name, who: entry.who, small, large, growth, pass: growth <= GOAL_GROWTH, p90: { small: at('small', 'p90'), large: at('large', 'p90') }, items: rounds[0][entry.name].large.items };
  });
}

function renderSection(report) {
  const { summary, subjects, counts } = report;
  const failing = summary.filter((c) => !c.pass);
  const lines = [
    `- Data: the data generator (\`npm run cli -- generate\`, seed ${report.seed}) at two sizes, the same ${fmt(generated.TEN_X_SIZES.large.authorities)} authorities; ${report.database}`,
    '',
    '| | Authorities | Suppliers | Contracts | Assessments | Answers | Findings | Reports | Database |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...SIZE_NAMES.map((size) => `| ${size} | ${fmt(counts[size].authorities)} | ${fmt(counts[size].suppliers)} | ${fmt(counts[size].contracts)} | ${fmt(counts[size].assessments)} | ${fmt(counts[size].answers)} | ${fmt(counts[size].findings)} | ${fmt(counts[size].reports)} | ${fmt(counts[size].megabytes)} MB |`),
    '',
    `- Who: the authority with the most contracts (${fmt(subjects.small.authorityContracts)} at small, ${fmt(subjects.large.authorityContracts)} at large), the supplier with the most contracts (${fmt(subjects.small.supplierContracts)}, ${fmt(subjects.large.supplierContracts)}), the platform admin`,
    `- Each case: ${report.settings.samples} sequential requests on one keep-alive connection per size and round, ${report.settings.rounds} rounds, the size going first alternating; medians of the rounds' medians; the api in its own process per size (production config)`,
    '',
    '| Case | As | Small p50 ms | Large p50 ms | Large ÷ small | Large p90 ms | Goal ≤ 1.3 |',
    '|---|---|---:|---:|---:|---:|---|',
    ...summary.map((c) => `| ${c.name} | ${c.who} | ${fmt(c.small, 1)} | ${fmt(c.large, 1)} | ${fmt(c.growth, 2)} | ${fmt(c.p90.large, 1)} | ${c.pass ? 'PASS' : '**FAIL**'} |`),
    '',
    `- Goal: 10x data costs ≤ ${GOAL_GROWTH}x time, every case: **${failing.length ? `FAIL (${failing.map((c) => c.name).join(', ')})` : 'PASS'}** (${summary.length - failing.length} of ${summary.length} cases)`,
  ];
  return bench.docSection({ start: START, end: END, title: 'List endpoints at 10x data (`npm run bench:lists`)', date: report.date, machine: report.machine }, lines);
}

async function main() {
  bench.requireDist('bench:lists', [generated.GENERATOR_FILE]);
  const settings = { rounds: bench.intEnv('BENCH_ROUNDS', 3, 1), samples: bench.intEnv('BENCH_SAMPLES', 25, 3) };
  const seed = bench.intEnv('BENCH_SEED', 1, 0);
  await bench.withCleanups(async (cleanups) => {
    const server = await generated.server(cleanups);
    const urls = {};
    const counts = {};
    const subjects = {};
    for (const size of SIZE_NAMES) {
      urls[size] = await generated.database(server, { ...generated.TEN_X_SIZES[size], seed });
      counts[size] = await generated.counts(urls[size]);
      subjects[size] = await generated.busiest(urls[size]);
    }
    const children = {};
    for (const size of SIZE_NAMES) {
      children[size] = await bench.startChild(cleanups, __filename, `api-${size}`, { BENCH_DATABASE_URL: urls[size], BENCH_DATA_DIR: server.dataDir });
    }
    const agents = Object.fromEntries(SIZE_NAMES.map((size) => [size, new http.Agent({ keepAlive: true, maxSockets: 1 })]));
    cleanups.push(() => SIZE_NAMES.forEach((size) => agents[size].destroy()));
    const tokens = {};
    const paths = {};
    for (const size of SIZE_NAMES) {
      tokens[size] = await logIn(agents[size], children[size].port, subjects[size].users);
      paths[size] = {};
      for (const entry of CASES) paths[size][entry.name] = await casePath(agents[size], children[size].port, tokens[size][entry.who], entry, subjects[size]);
    }
    console.log('warm-up …');
    for (const size of SIZE_NAMES) for (const entry of CASES) await measureCase(agents[size], children[size].port, tokens[size][entry.who], paths[size][entry.name].path, 3);

    const rounds = [];
    for (let i = 0; i < settings.rounds; i++) {
      const order = i % 2 === 0 ? SIZE_NAMES : [...SIZE_NAMES].reverse();
      const round = {};
      for (const entry of CASES) {
        round[entry.name] = {};
        for (const size of order) round[entry.name][size] = await measureCase(agents[size], children[size].port, tokens[size][entry.who], paths[size][entry.name].path, settings.samples);
        const m = round[entry.name];
        console.log(`round ${i + 1}/${settings.rounds} ${entry.name.padEnd(28)} small ${fmt(m.small.p50, 1).padStart(6)} ms  large ${fmt(m.large.p50, 1).padStart(6)} ms  ×${fmt(m.large.p50 / m.small.p50, 2)}`);
      }
      rounds.push(round);
    }
    const summary = summarise(rounds);
    if (CASES !== ALL_CASES) {
      for (const c of summary) console.log(`${c.name.padEnd(28)} small ${fmt(c.small, 1).padStart(7)} ms  large ${fmt(c.large, 1).padStart(7)} ms  ×${fmt(c.growth, 2)} ${c.pass ? 'PASS' : 'FAIL'}`);
      console.log('BENCH_CASES is set: docs/benchmarks.md left as it is');
      return;
    }
    const report = { date: bench.isoNow(), machine: bench.machine(), settings, seed, counts, subjects, summary, database: server.database };
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    const failing = summary.filter((c) => !c.pass);
    const worst = summary.reduce((a, b) => (b.growth > a.growth ? b : a));
    bench.writeSummary('bench:lists', [
      { figure: `list endpoints, 10x data: latency large ÷ small (${summary.length} cases; worst: ${worst.name})`, value: `median ×${fmt(median(summary.map((c) => c.growth)), 2)}, worst ×${fmt(worst.growth, 2)}`, goal: `≤ ×${GOAL_GROWTH} each`, met: failing.length === 0, data: `generated, ${fmt(counts.large.contracts)} contracts, ${fmt(counts.large.assessments)} assessments (and 10x less)` },
    ], report);
  });
}

bench.runScript('bench:lists', { main, servers: { 'api-small': serveApi, 'api-large': serveApi } });
