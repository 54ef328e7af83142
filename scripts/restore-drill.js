'use strict';
/**
 * The restore drill (`npm run ops:restore-drill`): backs a database up the way docs/operations.md
 * says (pg_dump), restores it into a new, empty database (pg_restore), and proves the copy: the
 * same rows in every table (count and an md5 of every row, table by table), the audit chain intact
 * (`verify-audit` of the CLI on the copy, with the head printed by the original's run), the
 * migrations table equal. Prints and records the durations and the dump's size in
 * docs/operations.md (between its markers), then drops the copy.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/gen_full npm run ops:restore-drill
 *
 * Needs pg_dump and pg_restore at least as new as the server on the PATH (PG_BIN to point
 * elsewhere), and a user who may create databases. DRILL_JOBS sets the parallel jobs of both (2).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const ROOT = path.resolve(__dirname, '..');
const DOC = path.join(ROOT, 'docs', 'operations.md');
const START = '<!-- ops:restore-drill:start -->';
const END = '<!-- ops:restore-drill:end -->';
const CLI = path.join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');

const bin = (name) => (process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name);
const seconds = (from) => (performance.now() - from) / 1000;

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Every table of the public schema with its row count and the md5 of its rows in a stable order. */
async function fingerprint(url) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename);
    const result = {};
    for (const table of tables) {
      const { rows } = await client.query(`SELECT count(*)::int AS n, coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS hash FROM ${JSON.stringify(table)} t`);
      result[table] = rows[0];
    }
    return result;
  } finally {
    await client.end();
  }
}

function verifyAudit(url, head) {
  const run = spawnSync(process.execPath, [CLI, 'verify-audit', ...(head ? ['--head', head] : [])], { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'silent' }, encoding: 'utf8' });
  const out = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`verify-audit exited ${run.status}: ${out.trim()}`);
  return { out: out.trim(), head: /head: (\S+)/.exec(out)?.[1] };
}

function writeDoc(lines) {
  const section = [START, ...lines, END].join('\n');
  let text = fs.readFileSync(DOC, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  text = from !== -1 && to > from ? text.slice(0, from) + section + text.slice(to + END.length) : `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  fs.writeFileSync(DOC, text);
}

async function main() {
  const source = process.env.DATABASE_URL;
  if (!source) throw new Error('set DATABASE_URL to the database to back up and restore');
  if (!fs.existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build:api` first (npm run ops:restore-drill does)');
  const jobs = String(Number(process.env.DRILL_JOBS ?? 2));
  const name = new URL(source).pathname.slice(1);
  const copy = `${name}_restore_drill`;
  const copyUrl = withDatabase(source, copy);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddp-drill-'));
  const dump = path.join(dir, 'dump');
  const admin = new Client({ connectionString: withDatabase(source, 'postgres') });
  await admin.connect();
  try {
    const original = verifyAudit(source);
    console.log(`original: ${original.out.split('\n')[0]}`);
    const version = (await admin.query(`SELECT current_setting('server_version') AS v`)).rows[0].v;

    let t = performance.now();
    execFileSync(bin('pg_dump'), ['-Fd', '-j', jobs, '-f', dump, '-d', source], { stdio: 'inherit' });
    const dumpSeconds = seconds(t);
    const dumpBytes = Number(execFileSync('du', ['-sb', dump], { encoding: 'utf8' }).split('\t')[0]);
    console.log(`pg_dump -Fd -j ${jobs}: ${dumpSeconds.toFixed(1)} s, ${(dumpBytes / 1e6).toFixed(0)} MB`);

    await admin.query(`DROP DATABASE IF EXISTS ${copy}`);
    await admin.query(`CREATE DATABASE ${copy}`);
    t = performance.now();
    execFileSync(bin('pg_restore'), ['--no-owner', '-j', jobs, '-d', copyUrl, dump], { stdio: 'inherit' });
    const restoreSeconds = seconds(t);
    console.log(`pg_restore -j ${jobs}: ${restoreSeconds.toFixed(1)} s`);

    t = performance.now();
    const [before, after] = [await fingerprint(source), await fingerprint(copyUrl)];
    const compareSeconds = seconds(t);
    const differing = Object.keys({ ...before, ...after }).filter((table) => JSON.stringify(before[table]) !== JSON.stringify(after[table]));
    if (differing.length) throw new Error(`the restored copy differs in: ${differing.join(', ')}`);
    const restored = verifyAudit(copyUrl, original.head);
    const rows = Object.values(before).reduce((n, r) => n + r.n, 0);
    const sizes = (await admin.query(`SELECT pg_database_size($1) AS a, pg_database_size($2) AS b`, [name, copy])).rows[0];
    console.log(`copy identical: ${Object.keys(before).length} tables, ${rows.toLocaleString('en-US')} rows; ${restored.out.split('\n')[0]}`);

    writeDoc([
      '',
      `Measured on ${new Date().toISOString().slice(0, 10)} (\`npm run ops:restore-drill\`, PostgreSQL ${version}, ${os.cpus().length} CPUs, pg_dump/pg_restore with ${jobs} jobs) on \`${name}\`:`,
      '',
      '| step | figure |',
      '|---|---:|',
      `| database | ${(Number(sizes.a) / 1e6).toFixed(0)} MB, ${Object.keys(before).length} tables, ${rows.toLocaleString('en-US')} rows |`,
      `| \`pg_dump -Fd -j ${jobs}\` | ${dumpSeconds.toFixed(1)} s, dump ${(dumpBytes / 1e6).toFixed(0)} MB |`,
      `| \`pg_restore --no-owner -j ${jobs}\` into an empty database (indexes and constraints included) | ${restoreSeconds.toFixed(1)} s |`,
      `| restored database | ${(Number(sizes.b) / 1e6).toFixed(0)} MB |`,
      `| every table compared (row count and md5 of all rows) | identical, ${compareSeconds.toFixed(1)} s |`,
      `| \`verify-audit --head\` with the original's head on the copy | intact |`,
      '',
    ]);
    console.log(`written: ${path.relative(ROOT, DOC)}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`restore drill failed: ${error.message}`);
  process.exit(1);
});
