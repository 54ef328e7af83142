import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@ddp/testing';

const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
const run = promisify(execFile);


function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** `npm start`'s process as a user runs it: the built CLI on the embedded PostgreSQL. */
describe('the embedded PostgreSQL of npm start', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let apiPort: number;
  const started: ChildProcess[] = [];

  const start = (): ChildProcess => {
    const child = spawn('node', [CLI, 'start'], { env, stdio: 'ignore' });
    started.push(child);
    return child;
  };
  const ready = async (): Promise<boolean> => {
    try {
      return (await fetch(`http://127.0.0.1:${apiPort}/health/ready`)).status === 200;
    } catch {
      return false;
    }
  };
  const postmasterPid = (): number => Number(readFileSync(join(root, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ddp-start-'));
    chmodSync(root, 0o755);
    apiPort = await freePort();
    const { DATABASE_URL: _ignored, ...rest } = process.env;
    env = { ...rest, NODE_ENV: 'development', DATA_DIR: root, PORT: String(apiPort), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'silent' };
  });

  afterAll(async () => {
    for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
    if (existsSync(join(root, 'postgres', 'postmaster.pid'))) {
      const pid = postmasterPid();
      if (isAlive(pid)) process.kill(pid, 'SIGINT');
      await waitFor(() => !isAlive(pid), 10_000);
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('shares a running server with a CLI command, survives kill -9 of its parent, and stops on SIGTERM', async () => {
    const first = start();
    expect(await waitFor(ready, 30_000)).toBe(true);
    const pid = postmasterPid();

    // A CLI command while the portal runs uses the same server and leaves it running.
    const verify = await run('node', [CLI, 'verify-audit'], { env });
    expect(verify.stdout).toMatch(/audit chain intact/);
    expect(isAlive(pid)).toBe(true);
    expect(await ready()).toBe(true);

    // kill -9 leaves the postgres child orphaned; the next start stops it and starts afresh.
    first.kill('SIGKILL');
    await waitFor(() => first.exitCode !== null || first.signalCode !== null, 5_000);
    expect(isAlive(pid)).toBe(true);
    const second = start();
    expect(await waitFor(ready, 30_000)).toBe(true);
    expect(isAlive(pid)).toBe(false);
    const secondPid = postmasterPid();

    // SIGTERM: the api and worker close, then the embedded server stops.
    second.kill('SIGTERM');
    expect(await waitFor(() => second.exitCode !== null, 15_000)).toBe(true);
    expect(second.exitCode).toBe(0);
    expect(await waitFor(() => !isAlive(secondPid), 10_000)).toBe(true);
  }, 90_000);
});
