'use strict';
/**
 * Databases filled by the data generator (apps/cli/src/generate, `npm run cli -- generate`) for the
 * benchmarks, kept between runs: one database per size and seed, named after them, on DATABASE_URL's
 * server or on an embedded PostgreSQL whose data stay in BENCH_POSTGRES_DIR (default
 * $TMPDIR/ddp-bench-postgres). Each run calls the generator again: it is resumable, so it skips the
 * chunks already written and completes an interrupted run. Not a benchmark itself.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const bench = require('./bench-kit');

const GENERATOR_FILE = 'apps/cli/src/generate/generate.js';
const PLATFORM_EMAIL = 'platform.admin@generated.example';


/** The server holding the generated databases: { url, dataDir, database, postgresDataDir }. */
async function server(cleanups) {
  require('reflect-metadata');
  const core = bench.dist('libs/core/src/index.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ddp-bench-'));
  fs.chmodSync(tmp, 0o755);
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir);
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    return { url, dataDir, database: 'DATABASE_URL', postgresDataDir: await localDataDirectory(url) };
  }
  const postgresDataDir = path.resolve(process.env.BENCH_POSTGRES_DIR || path.join(os.tmpdir(), 'ddp-bench-postgres'));
  // As root the embedded PostgreSQL runs as `postgres`, who must reach the folder.
  fs.mkdirSync(path.dirname(postgresDataDir), { recursive: true });
  const port = await bench.freePort();
  console.log(`starting the embedded PostgreSQL of ${postgresDataDir} on port ${port} …`);
  const embedded = await core.startEmbeddedDatabase({ dataDir: postgresDataDir, port, ephemeral: false });
  cleanups.push(() => embedded.stop());
  return { url: embedded.url, dataDir, postgresDataDir, database: `an embedded PostgreSQL (data kept in ${postgresDataDir})` };
}

/** The two data sets the 10x benchmarks compare (bench:lists, bench:dashboard): the same authorities, 10x the rest. */
const TEN_X_SIZES = {
  large: { authorities: 200, suppliers: 20_000, contracts: 50_000, assessments: 100_000 },
  small: { authorities: 200, suppliers: 2_000, contracts: 5_000, assessments: 10_000 },
};

/**
 * The data folder of DATABASE_URL's server when it runs on this machine and its postmaster.pid can
 * be read (a superuser's connection, as root): the CPU meters then count PostgreSQL's processes too.
 */
async function localDataDirectory(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query(`SELECT current_setting('data_directory', true) AS dir`);
    const dir = rows[0]?.dir;
    if (!dir) return undefined;
    fs.accessSync(path.join(dir, 'postmaster.pid'), fs.constants.R_OK);
    return dir;
  } catch {
    return undefined; // another machine, or not allowed: the meters say n/a
  } finally {
    await client.end().catch(() => {});
  }
}

const databaseName = (o) => `ddp_generated_s${o.seed}_${o.authorities}_${o.suppliers}_${o.contracts}_${o.assessments}`;

/**
 * The url of the database holding the generated data of `options` ({ authorities, suppliers,
 * contracts, assessments, seed }), created, migrated and completed as needed, plus a platform admin.
 */
async function database(srv, options) {
  const core = bench.dist('libs/core/src/index.js');
  const { generate } = bench.dist(GENERATOR_FILE);
  const name = databaseName(options);
  await core.ensureDatabase(srv.url, name);
  const url = core.withDatabase(srv.url, name);
  await core.runMigrations(url);
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    let last = 0;
    const summary = await generate(client, options, (p) => {
      if (performance.now() - last < 2000 && p.done !== p.chunks) return;
      last = performance.now();
      const line = `${name}: ${p.phase} ${p.done}/${p.chunks} chunks${p.skipped ? ' (there already)' : ''}`;
      if (process.stdout.isTTY) process.stdout.write(`\r${line}     `);
      else console.log(line);
    });
    if (process.stdout.isTTY) process.stdout.write('\n');
    console.log(`${name}: ${summary.chunks.written} chunks written, ${summary.chunks.skipped} there already, ${bench.fmt((performance.now() - started) / 1000, 1)} s`);
    // A database generated before the generator vacuumed, on a server without autovacuum, has no
    // visibility map: index-only scans would read the tables too and distort every figure.
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                                          WHERE ns.nspname = 'public' AND c.relkind = 'r' AND c.relpages > 0 AND c.relallvisible = 0`);
    if (summary.chunks.written > 0 || rows[0].n > 0) {
      process.stdout.write(`${name}: VACUUM (ANALYZE) … `);
      const t = performance.now();
      await client.query('VACUUM (ANALYZE)');
      console.log(`${bench.fmt((performance.now() - t) / 1000, 1)} s`);
    }
    await ensurePlatformAdmin(client);
  } finally {
    await client.end();
  }
  return url;
}

/** A platform admin with the generated users' password (the generator makes none: it is not tenant data). */
async function ensurePlatformAdmin(client) {
  const { rows } = await client.query(`SELECT password_hash FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE o.kind = 'contracting_authority' LIMIT 1`);
  const existing = await client.query('SELECT 1 FROM users WHERE email = $1', [PLATFORM_EMAIL]);
  if (existing.rowCount) return;
  let platform = (await client.query(`SELECT id FROM organisations WHERE kind = 'platform' LIMIT 1`)).rows[0];
  platform ??= (await client.query(`INSERT INTO organisations (name, kind, country) VALUES ('Platform', 'platform', 'BE') RETURNING id`)).rows[0];
  await client.query(`INSERT INTO users (organisation_id, email, name, role, password_hash) VALUES ($1, $2, 'Platform Admin', 'admin', $3)`, [platform.id, PLATFORM_EMAIL, rows[0].password_hash]);
}

/** Rows of the main tables and the database's size. */
async function counts(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT (SELECT count(*) FROM organisations WHERE kind = 'contracting_authority')::int AS authorities,
             (SELECT count(*) FROM organisations WHERE kind = 'supplier')::int AS suppliers,
             (SELECT count(*) FROM contracts)::int AS contracts,
             (SELECT count(*) FROM assessments)::int AS assessments,
             (SELECT count(*) FROM assessment_answers)::int AS answers,
             (SELECT count(*) FROM findings)::int AS findings,
             (SELECT count(*) FROM reports)::int AS reports,
             (pg_database_size(current_database()) / 1048576)::int AS megabytes`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * Who the list benchmarks read as: the admins of the authority and of the supplier with the most
 * contracts and the platform admin; that authority's contract with the most assessments; search
 * terms that match (a word of one of its contract titles, the start of a supplier's name).
 */
async function busiest(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (text, params) => (await client.query(text, params)).rows[0];
    const authority = await one(`SELECT authority_id AS id, count(*)::int AS n FROM contracts GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
    const supplier = await one(`SELECT supplier_id AS id, count(*)::int AS n FROM contracts GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`);
    const admin = (organisationId) => one(`SELECT email FROM users WHERE organisation_id = $1 AND role = 'admin' AND status = 'active' ORDER BY email LIMIT 1`, [organisationId]);
    const contract = await one(`SELECT contract_id AS id FROM assessments WHERE authority_id = $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`, [authority.id]);
    const title = await one(`SELECT title FROM contracts WHERE authority_id = $1 ORDER BY id LIMIT 1`, [authority.id]);
    const supplierName = await one(`SELECT name FROM organisations WHERE kind = 'supplier' ORDER BY id LIMIT 1`);
    const word = title.title.split(/\s+/).find((w) => w.length >= 5) ?? title.title.slice(0, 5);
    return {
      users: { authority: (await admin(authority.id)).email, supplier: (await admin(supplier.id)).email, platform: PLATFORM_EMAIL },
      authorityContracts: authority.n,
      supplierContracts: supplier.n,
      contractId: contract.id,
      search: word.toLowerCase(),
      supplierSearch: supplierName.name.slice(0, 6),
    };
  } finally {
    await client.end();
  }
}

/** The password of every generated user (and of the platform admin added here), from the generator itself. */
const password = () => bench.dist(GENERATOR_FILE).GENERATED_PASSWORD;

module.exports = { GENERATOR_FILE, TEN_X_SIZES, localDataDirectory, password, server, database, databaseName, counts, busiest };
