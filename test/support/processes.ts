import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The compiled application the process-level tests run: ./dist by default (built by `npm run build:api`),
 * or DIST_DIR to try a build of one's own without touching the shared one.
 */
export const DIST_DIR = resolve(process.env.DIST_DIR ?? join(__dirname, '..', '..', 'dist'));

/** A running api or worker process with everything it printed so far. */
export interface AppProcess {
  child: ChildProcess;
  output(): string;
  alive(): boolean;
  /** Sends the signal and waits until the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `dist/apps/<entry>/src/main.js` in a process of its own, with exactly `env`. */
export function launch(entry: 'api' | 'worker', env: NodeJS.ProcessEnv): AppProcess {
  const main = join(DIST_DIR, 'apps', entry, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build:api (or set DIST_DIR)`);
  // A DIST_DIR outside the project still resolves its packages from the project's node_modules.
  const child = spawn(process.execPath, [main], { env: { NODE_PATH: join(__dirname, '..', '..', 'node_modules'), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => void (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    alive,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (alive()) child.kill(signal);
      await exited;
    },
  };
}

/** The environment of a production process: the test's own variables, minus any DATABASE_URL, plus `vars`. */
export function processEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, DIST_DIR: _dist, ...inherited } = process.env;
  return { ...inherited, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...vars };
}

/** Polls `probe` every `everyMs` until it answers something other than undefined, or `ms` pass. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, ms: number, everyMs = 100): Promise<T | undefined> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(everyMs);
  }
  return undefined;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `base`/health/ready answers 200; throws with the process's output otherwise. */
export async function waitUntilReady(base: string, app: AppProcess, ms = 30_000): Promise<void> {
  const ready = await waitFor(async () => {
    if (!app.alive()) throw new Error(`the process exited:\n${app.output()}`);
    try {
      return (await fetch(`${base}/health/ready`)).status === 200 ? true : undefined;
    } catch {
      return undefined;
    }
  }, ms);
  if (!ready) throw new Error(`not ready within ${ms} ms:\n${app.output()}`);
}
