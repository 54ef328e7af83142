import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, dropTestDatabase, freePort, readMails, TEST_JWT_SECRET } from '@ddp/testing';

const DIST = join(__dirname, '..', 'dist', 'apps');

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T | undefined> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 150));
  }
  return undefined;
}

/** Production shape: `start:api` and `start:worker` as separate processes on one database. */
describe('the api and the worker as separate processes', () => {
  let database: { name: string; url: string };
  let dir: string;
  let base: string;
  const children: ChildProcess[] = [];
  const output = new Map<ChildProcess, string>();

  const launch = (entry: 'api' | 'worker', env: NodeJS.ProcessEnv): ChildProcess => {
    const child = spawn('node', [join(DIST, entry, 'src', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    output.set(child, '');
    const collect = (chunk: Buffer) => output.set(child, output.get(child) + chunk.toString());
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ddp-processes-'));
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dropTestDatabase(database.name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the admin from the environment, serves, mails through the worker, logs JSON with request ids and stops on SIGTERM', async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _unused, ...inherited } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      MAIL_DIR: join(dir, 'mail'),
      PUBLIC_URL: 'https://portal.example',
      ADMIN_EMAIL: 'operator@portal.example',
      ADMIN_PASSWORD: 'Portal-Namur-Launch-2026',
      MAIL_POLL_INTERVAL_MS: '200',
      LOG_LEVEL: 'info',
    };
    const api = launch('api', env);
    const worker = launch('worker', env);

    const healthy = await waitFor(async () => {
      try {
        return (await fetch(`${base}/health/ready`)).status === 200 ? true : undefined;
      } catch {
        return undefined;
      }
    }, 30_000);
    expect(healthy).toBe(true);

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'process-test-login-1' },
      body: JSON.stringify({ email: 'operator@portal.example', password: 'Portal-Namur-Launch-2026' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };

    const organisation = (await (await fetch(`${base}/api/v1/organisations`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Ville de Namur', kind: 'contracting_authority', country: 'BE', preferredLanguage: 'fr' }) })).json()) as { id: string };
    const invited = await fetch(`${base}/api/v1/organisations/${organisation.id}/invitations`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'acheteuse@namur.example', role: 'admin' }) });
    expect(invited.status).toBe(201);

    // The worker process, not the api, sends it.
    const mail = await waitFor(() => readMails(join(dir, 'mail'))[0], 10_000);
    expect(mail?.headers.to).toBe('acheteuse@namur.example');
    expect(mail?.text).toMatch(/https:\/\/portal\.example\/invitations\/accept\?token=[\w-]{43}/);

    // One JSON log line per request, carrying the request id.
    const lines = (output.get(api) ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const loginLine = lines.find((l) => l.requestId === 'process-test-login-1' && l.msg === 'request completed');
    expect(loginLine).toMatchObject({ req: { method: 'POST', url: '/api/v1/auth/login' }, res: { statusCode: 200 } });
    expect(JSON.stringify(lines)).not.toContain('Portal-Namur-Launch-2026');
    expect(JSON.stringify(lines)).not.toContain(accessToken);

    for (const child of [api, worker]) child.kill('SIGTERM');
    const stopped = await waitFor(() => ([api, worker].every((c) => c.exitCode !== null || c.signalCode !== null) ? true : undefined), 15_000);
    expect(stopped).toBe(true);
    for (const child of [api, worker]) expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
  }, 60_000);
});
