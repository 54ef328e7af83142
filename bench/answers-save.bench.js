'use strict';
/**
 * Answers save benchmark: 300 answers saved in one `PUT /api/v1/assessments/{id}/answers` (with
 * If-Match) on the real Nest api, against the raw statement the service ends with — the same
 * `INSERT INTO assessment_answers … SELECT … FROM unnest(…) ON CONFLICT … DO UPDATE` of the same
 * 300 rows through `pg` directly — at the same concurrency.
 *
 *   npm run bench:answers-save     (builds first; this file requires the compiled code in dist/)
 *
 * Processes: the Nest api in one child (`--serve nest`), the baseline in another (`--serve raw`,
 * its own `pg` pool and its own workers), the HTTP driver in the parent. The driver runs
 * BENCH_CONCURRENCY workers over keep-alive connections, each on its own assessment: every save
 * carries as If-Match the version (ETag) the previous save returned. Each save alternates between
 * two sets of values (all green: yes/10; all amber: no/50), so every save really changes all 300
 * rows (the service writes only the rows that changed). The baseline has its own assessments, one
 * per worker, and alternates the same two sets. Rounds alternate which side goes first; the figures
 * are medians.
 *
 * The data are made as a user would: organisations and users through the services, then login,
 * contract, template (10 sections × 30 yes_no/number questions, English), the assessments and a
 * first save of all 300 answers through the HTTP API of the Nest child.
 *
 * Environment: the settings common to the benchmarks (DATABASE_URL, BENCH_ROUNDS, BENCH_DURATION,
 * BENCH_WARMUP, BENCH_CPU_PROF; see bench/lib/bench-kit.js), and
 *   BENCH_CONCURRENCY   concurrent workers, each on its own assessment (default 4)
 *   BENCH_POOL_SIZE     database pool size of the api and of the baseline (default 10)
 *
 * Exits 0 whether or not the goal is met (it is a measurement, not a test); non-zero only when
 * the benchmark itself could not run.
 */
const http = require('node:http');
const bench = require('./lib/bench-kit');
const kit = require('./lib/assessment-kit');

const START = '<!-- bench:answers-save:start -->';
const END = '<!-- bench:answers-save:end -->';
const SECTIONS = 10;
const PER_SECTION = 30;
const QUESTIONS = SECTIONS * PER_SECTION;
const GOAL = 0.5;
const KINDS = ['nest', 'raw'];
const { fmt, pad, percentile, cpuText } = bench;

/** The statement AssessmentsService.saveAnswers writes the answers with (copied verbatim). */
const UPSERT_SQL = `INSERT INTO assessment_answers (assessment_id, revision, question_code, value, not_applicable, comment, colour, red_flag, updated_by)
           SELECT $1, $2, code, value, na, comment, colour, red_flag, $3 FROM unnest($4::text[], $5::jsonb[], $6::boolean[], $7::text[], $8::text[], $9::boolean[]) AS t(code, value, na, comment, colour, red_flag)
           ON CONFLICT (assessment_id, revision, question_code) DO UPDATE SET value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment,
             colour = excluded.colour, red_flag = excluded.red_flag, updated_by = excluded.updated_by, updated_at = now()`;

const elapsedMs = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/**
 * Each worker saves in a loop, `save(w)` after `save(w)`, until `seconds` have passed (or `stopped()`):
 * `save` resolves with nothing when the save is done (its latency counted), else with what went
 * wrong (counted by kind in `statuses`). Resolves with saves/s, latencies and errors.
 */
async function runWorkers(workers, seconds, save, stopped = () => false) {
  const latencies = [];
  const statuses = {};
  let ok = 0;
  let errors = 0;
  const t0 = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    workers.map(async (w) => {
      while (Date.now() < deadline && !stopped()) {
        const t = process.hrtime.bigint();
        const failure = await save(w);
        if (failure === undefined) {
          latencies.push(elapsedMs(t));
          ok++;
        } else {
          errors++;
          statuses[failure] = (statuses[failure] || 0) + 1;
        }
      }
    }),
  );
  const ms = elapsedMs(t0);
  const sorted = Float64Array.from(latencies).sort();
  return {
    saves: ok,
    errors,
    statuses,
    seconds: ms / 1000,
    rate: ok / (ms / 1000),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

// ---------------------------------------------------------------------------------------------
// Children
// ---------------------------------------------------------------------------------------------

// One assessment per worker for the api and as many for the baseline; all answered once (set 1).
const serveNest = () => kit.serveAssessmentApi({ sections: SECTIONS, perSection: PER_SECTION, answerSet: 1 });

/** The baseline: the raw upsert through `pg`, N workers in this process, each on its own assessment. */
async function serveRaw() {
  const pool = kit.baselinePool();
  let workers = [];
  let userId;
  let stopped = false;
  const paramsFor = (id, set, questions) => {
    const answers = kit.answersFor(questions, set);
    return [
      id,
      1,
      userId,
      answers.map((a) => a.questionCode),
      answers.map((a) => JSON.stringify(a.value)),
      answers.map(() => false),
      answers.map(() => null),
      answers.map(() => (set === 0 ? 'green' : 'amber')),
      answers.map(() => false),
    ];
  };
  const save = async (w) => {
    try {
      const result = await pool.query({ name: 'answers-upsert', text: UPSERT_SQL, values: w.params[w.set] }); // prepared, as the api's statements are
      if (result.rowCount !== QUESTIONS) throw new Error(`upsert touched ${result.rowCount} rows`);
      w.set = 1 - w.set;
      return undefined;
    } catch (error) {
      return error.message;
    }
  };
  return {
    port: null,
    close: () => {
      stopped = true; // running workers leave their loop at once
      return pool.end();
    },
    methods: {
      init: ({ assessments, questions, user }) => {
        userId = user;
        // Set 1 was saved by the setup: the first baseline save writes set 0.
        workers = assessments.map((a) => ({ id: a.id, set: 0, params: [paramsFor(a.id, 0, questions), paramsFor(a.id, 1, questions)] }));
        return workers.length;
      },
      run: ({ seconds }) => runWorkers(workers, seconds, save, () => stopped),
      /** Every baseline assessment holds 300 answers with the values of the last set it wrote. */
      verify: async () => {
        for (const w of workers) {
          const { rows } = await pool.query(`SELECT count(*)::int AS n, count(DISTINCT colour)::int AS colours, min(colour) AS colour FROM assessment_answers WHERE assessment_id = $1 AND revision = 1`, [w.id]);
          const expected = 1 - w.set === 0 ? 'green' : 'amber';
          if (rows[0].n !== QUESTIONS || rows[0].colours !== 1 || rows[0].colour !== expected) throw new Error(`baseline assessment ${w.id}: ${JSON.stringify(rows[0])}, expected ${QUESTIONS} ${expected}`);
        }
        return true;
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Parent: the HTTP driver for the api
// ---------------------------------------------------------------------------------------------

function request(agent, port, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, etag: res.headers.etag, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function nestDriver(port, token, assessments, questions, concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  // The two request bodies (the same for every assessment); built once.
  const bodies = [0, 1].map((set) => Buffer.from(JSON.stringify({ answers: kit.answersFor(questions, set) })));
  // Set 1 was saved by the setup: the first measured save writes set 0.
  const workers = assessments.map((a) => ({ id: a.id, version: a.version, set: 0 }));
  const auth = `Bearer ${token}`;
  const versionOf = (etag) => Number(/"(\d+)"/.exec(etag || '')?.[1]);

  // The measured saves ask for no response body (`Prefer: return=minimal`, 204), as an autosaving form
  // does; the raw upsert returns nothing either. The probe measures a save that returns the assessment.
  const save = (w, minimal = true) =>
    request(
      agent,
      port,
      'PUT',
      `/api/v1/assessments/${w.id}/answers`,
      { authorization: auth, 'content-type': 'application/json', 'content-length': bodies[w.set].length, 'if-match': `"${w.version}"`, ...(minimal ? { prefer: 'return=minimal' } : {}) },
      bodies[w.set],
    );

  async function resync(w) {
    const response = await request(agent, port, 'GET', `/api/v1/assessments/${w.id}`, { authorization: auth });
    if (response.status === 200) w.version = versionOf(response.etag);
  }

  /** One measured save: nothing when done, else what went wrong. */
  async function measuredSave(w) {
    let response;
    try {
      response = await save(w);
    } catch (error) {
      return error.code || error.message;
    }
    if (response.status !== 204) {
      await resync(w); // e.g. 412: read the current version and go on
      return response.status;
    }
    w.version = versionOf(response.etag);
    w.set = 1 - w.set;
    return undefined;
  }

  return {
    bodyBytes: bodies[0].length,
    run: (seconds) => runWorkers(workers, seconds, measuredSave),
    /** The last save of each worker is what the api returns: 300 answers of that set's values. */
    async verify() {
      for (const w of workers) {
        const response = await request(agent, port, 'GET', `/api/v1/assessments/${w.id}`, { authorization: auth });
        const view = JSON.parse(response.body.toString('utf8'));
        const expected = 1 - w.set === 0 ? 'green' : 'amber';
        const wrong = view.answers.filter((a) => a.colour !== expected);
        if (response.status !== 200 || view.version !== w.version || view.answers.length !== QUESTIONS || wrong.length > 0) {
          throw new Error(`api assessment ${w.id}: status ${response.status}, version ${view.version} (expected ${w.version}), ${view.answers?.length} answers, ${wrong.length} not ${expected}`);
        }
      }
      return true;
    },
    /** One save, to measure the response. */
    async probe() {
      const w = workers[0];
      const response = await save(w, false);
      if (response.status !== 200) throw new Error(`PUT answers answered ${response.status}: ${response.body.toString('utf8').slice(0, 500)}`);
      w.version = versionOf(response.etag);
      w.set = 1 - w.set;
      return { bytes: response.body.length, answers: JSON.parse(response.body.toString('utf8')).answers.length };
    },
    close: () => agent.destroy(),
  };
}

// ---------------------------------------------------------------------------------------------
// Parent: report
// ---------------------------------------------------------------------------------------------

const ms = (n) => fmt(n, 1);

function renderSection(report) {
  const { rounds, settings, machine, summary, checks } = report;
  const { nest, raw } = summary;
  const lines = [];
  lines.push(
    `- Measured: saving ${QUESTIONS} answers (${SECTIONS} sections × ${PER_SECTION} yes_no/number questions) in one request; every save alternates between two sets of values, so all ${QUESTIONS} rows change each time`,
  );
  lines.push(
    `- Nest: \`PUT /api/v1/assessments/{id}/answers\` with \`If-Match\` on the real api (\`createApiApp\`, production config, LOG_LEVEL=silent), pool ${settings.poolSize}, on ${settings.database}: JWT guard, validation of the ${fmt(checks.bodyBytes)} B body, then one transaction (lock and version check, stored answers, rating, version bump, the upsert, the audit event); measured with \`Prefer: return=minimal\` (204 and the new ETag, as an autosaving form asks; without it the save returns the whole assessment, ${fmt(checks.nest.bytes)} B)`,
  );
  lines.push(
    `- Baseline: the service's own \`INSERT INTO assessment_answers … SELECT … FROM unnest(…) ON CONFLICT … DO UPDATE\` of the same ${QUESTIONS} rows through \`pg\` ${machine.pg} directly (\`Pool({ max: ${settings.poolSize} })\`, one named prepared statement, as the api's, autocommit), in its own process`,
  );
  lines.push(
    `- Load: ${settings.concurrency} concurrent workers on each side, each on its own assessment (the api's workers send the version the previous save returned; HTTP/1.1 keep-alive, driver in the parent process); warm-up ${settings.warmup} s per side, then ${settings.rounds} round(s) of ${settings.duration} s per side, alternating which side goes first`,
  );
  lines.push('');
  lines.push('| Round | Order | Nest saves/s | Raw saves/s | Nest/Raw | Nest p50 ms | Raw p50 ms | Nest p99 ms | Raw p99 ms |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rounds) {
    lines.push(`| ${r.round} | ${r.order} | ${fmt(r.nest.rate, 1)} | ${fmt(r.raw.rate, 1)} | ${fmt(r.ratio, 3)} | ${ms(r.nest.p50)} | ${ms(r.raw.p50)} | ${ms(r.nest.p99)} | ${ms(r.raw.p99)} |`);
  }
  lines.push(`| **Median** | | **${fmt(nest.rate, 1)}** | **${fmt(raw.rate, 1)}** | **${fmt(summary.ratioOfRounds, 3)}** | ${ms(nest.p50)} | ${ms(raw.p50)} | ${ms(nest.p99)} | ${ms(raw.p99)} |`);
  lines.push('');
  lines.push(`- Ratio of the medians (Nest median saves/s ÷ raw median saves/s): **${fmt(summary.ratioOfMedians, 3)}**; median of the per-round ratios: **${fmt(summary.ratioOfRounds, 3)}**`);
  lines.push(`- Saves: ${fmt(summary.nestSaves)} through the api, ${fmt(summary.rawSaves)} raw; afterwards every assessment held ${QUESTIONS} answers with the values of its last save (checked)`);
  lines.push(`- Goal: Nest saves/s ≥ ${GOAL.toFixed(2)} × raw (median of the per-round ratios): **${summary.pass ? 'PASS' : 'FAIL'}**`);
  if (summary.problems.length > 0) lines.push(`- Problems seen: ${summary.problems.join('; ')}`);
  lines.push('');
  lines.push('CPU time per save (median over the rounds; /proc utime + stime of the process and of every PostgreSQL process, divided by the saves):');
  lines.push('');
  lines.push(
    ...bench.cpuTable(summary.cpu, {
      processName: 'Node process',
      unit: 'save',
      rows: [
        ['nest', 'Nest (the api process; the HTTP driver not counted)'],
        ['raw', 'Raw (the baseline process: its workers and `pg`)'],
      ],
    }),
  );
  lines.push('');
  lines.push(`_${report.note} The machine is noisy (PostgreSQL, the driver and the api share ${machine.cpuCount} CPU(s)); compare ratios of alternating rounds rather than absolute figures, and only between runs on the same machine._`);
  return bench.docSection({ start: START, end: END, title: 'Answers save: Nest api vs the raw upsert through pg (`npm run bench:answers-save`)', date: report.date, machine }, lines);
}

function printTable(report) {
  const { rounds, summary } = report;
  console.log('');
  console.log(`${pad('round', 5)}  ${'order'.padEnd(10)} ${pad('nest/s', 8)} ${pad('raw/s', 8)} ${pad('nest/raw', 8)} ${pad('nest p50', 9)} ${pad('raw p50', 9)} ${pad('nest p99', 9)} ${pad('raw p99', 9)}`);
  const row = (label, order, ratio, nest, raw) =>
    console.log(`${pad(label, 5)}  ${order.padEnd(10)} ${pad(fmt(nest.rate, 1), 8)} ${pad(fmt(raw.rate, 1), 8)} ${pad(fmt(ratio, 3), 8)} ${pad(ms(nest.p50), 9)} ${pad(ms(raw.p50), 9)} ${pad(ms(nest.p99), 9)} ${pad(ms(raw.p99), 9)}`);
  for (const r of rounds) row(r.round, r.order, r.ratio, r.nest, r.raw);
  row('med.', '', summary.ratioOfRounds, summary.nest, summary.raw);
  console.log('');
  console.log(`ratio of medians ${fmt(summary.ratioOfMedians, 3)}, median of per-round ratios ${fmt(summary.ratioOfRounds, 3)}`);
  console.log(`goal ratio >= ${GOAL.toFixed(2)}: ${summary.pass ? 'PASS' : 'FAIL'}`);
  const c = summary.cpu;
  console.log(`CPU ms/save (median): nest ${cpuText(c.nest.node)} node + ${cpuText(c.nest.pg)} postgres; raw ${cpuText(c.raw.node)} node + ${cpuText(c.raw.pg)} postgres`);
  for (const p of summary.problems) console.log(`problem: ${p}`);
}

/** The closing note: the measured CPU split, then what the api does for a save that the baseline does not. */
function note(summary, machine) {
  const c = summary.cpu;
  const where = bench.cpuKnown(c)
    ? `Where the time goes: per save the api's process used ${cpuText(c.nest.node)} ms of CPU and PostgreSQL ${cpuText(c.nest.pg)} ms, against ` +
      `${cpuText(c.raw.node)} ms and ${cpuText(c.raw.pg)} ms for the raw statement (table above); with everything on ${machine.cpuCount} CPU(s), saves/s follow the total. `
    : '';
  return (
    `${where}The baseline is one statement. For the same save the api makes 8 database round trips, all prepared statements: the JWT ` +
    "guard's user and session check, then in one transaction `START TRANSACTION`, the assessment locked and checked with the open " +
    "revision's answers (JSON arrays), one statement with the version bump, the revision's rating and the upsert of the changed rows " +
    '(data-modifying CTEs), the audit event (one call takes the chain lock and reads its head, one insert; appended just before ' +
    'the commit so the global lock is held only for those), and `COMMIT`. In Node: parsing the 300-answer body, checking each answer ' +
    'against its question, the rating (conditions, colours, roll-up), the diff against the stored answers and the audit hash. Measured ' +
    'with `Prefer: return=minimal`; a save that returns the whole assessment makes one more read (evidence, comments, revisions; the ' +
    'answers come from memory) and serialises ~46 KB: about 0.4 of the baseline here. The row trigger `assessment_answers_immutable` (one lookup per row) is paid on both sides.'
  );
}

async function main() {
  const settings = {
    ...bench.roundSettings(),
    concurrency: bench.intEnv('BENCH_CONCURRENCY', 4, 1),
    poolSize: bench.intEnv('BENCH_POOL_SIZE', 10, 1),
  };
  bench.requireDist('bench:answers-save', kit.DIST_FILES);
  await bench.withCleanups(async (cleanups) => {
    const db = await bench.prepareDatabase(cleanups);
    settings.database = db.database;
    const childEnv = { ...db.childEnv, BENCH_POOL_SIZE: String(settings.poolSize) };

    const nest = await bench.startChild(cleanups, __filename, 'nest', childEnv);
    console.log(`nest server listening on port ${nest.port} (pid ${nest.child.pid}); setting up ${2 * settings.concurrency} assessments of ${QUESTIONS} questions through its API …`);
    const fixture = await nest.call('setUp', { assessments: 2 * settings.concurrency });
    const forNest = fixture.assessments.slice(0, settings.concurrency);
    const forRaw = fixture.assessments.slice(settings.concurrency);

    const raw = await bench.startChild(cleanups, __filename, 'raw', childEnv);
    await raw.call('init', { assessments: forRaw, questions: fixture.questions, user: fixture.supplier.userId });
    console.log(`baseline process ready (pid ${raw.child.pid})`);

    const driver = nestDriver(nest.port, fixture.supplier.token, forNest, fixture.questions, settings.concurrency);
    cleanups.push(() => driver.close());
    const probe = await driver.probe();
    const checks = { bodyBytes: driver.bodyBytes, nest: probe };

    const sides = {
      nest: (seconds) => driver.run(seconds),
      raw: (seconds) => raw.call('run', { seconds }),
    };
    const rounds = await bench.alternatingRounds({
      kinds: KINDS,
      settings,
      cleanups,
      run: (kind, seconds) => sides[kind](seconds),
      ratioOf: 'rate',
      progress: (m) => `${fmt(m.rate, 1)} saves/s, p50 ${ms(m.p50)} ms, p99 ${ms(m.p99)} ms${m.errors ? `, ${m.errors} errors` : ''}`,
      cpu: { postgresDataDir: db.postgresDataDir, pids: { nest: nest.child.pid, raw: raw.child.pid }, per: 'saves' },
    });

    await driver.verify();
    await raw.call('verify');

    const problems = bench.roundProblems(rounds, KINDS, (m) => (m.errors ? `${m.errors} errors ${JSON.stringify(m.statuses)}` : undefined));
    const summary = {
      ...bench.roundMedians(rounds, KINDS, ['rate', 'p50', 'p99']),
      cpu: bench.cpuMedians(rounds, KINDS),
      nestSaves: rounds.reduce((n, r) => n + r.nest.saves, 0),
      rawSaves: rounds.reduce((n, r) => n + r.raw.saves, 0),
      problems,
    };
    summary.pass = summary.ratioOfRounds >= GOAL && problems.length === 0;
    const machine = bench.machine();
    const report = { date: bench.isoNow(), machine, settings, checks, rounds, summary, note: note(summary, machine) };
    printTable(report);
    console.log(`written: ${bench.writeDoc(renderSection(report), START, END)}`);
    bench.writeSummary('bench:answers-save', [
      { figure: 'answers save, Nest ÷ raw upsert saves/s', value: `${fmt(summary.ratioOfRounds, 3)} (${fmt(summary.nest.rate, 1)} saves/s)`, goal: `≥ ${GOAL.toFixed(2)}`, met: summary.pass, data: bench.dataLabel() },
    ], report);
  });
}

bench.runScript('bench:answers-save', { main, servers: { nest: serveNest, raw: serveRaw } });
