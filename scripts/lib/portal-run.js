'use strict';
/**
 * Runs the product as a user would (`node dist/apps/cli/src/main.js start --demo`: embedded
 * PostgreSQL, migrations, demo data, api serving the built portal, worker) in a throwaway data
 * folder on free ports, and drives Debian's chromium against it with playwright-core. For the
 * screenshots script and the web benchmark; needs `npm run build` first.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '../..');
const DEMO_PASSWORD = 'demo-portal-2026!';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the product with demo data; resolves { url, stop } once it answers /health/ready. */
async function startPortal({ log = () => undefined } = {}) {
  for (const file of ['dist/apps/cli/src/main.js', 'dist/web/index.html']) {
    if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  // As root the embedded PostgreSQL runs as `postgres`, which must traverse the data folder.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ddp-portal-'));
  fs.chmodSync(dataDir, 0o777);
  const [port, pgPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps/cli/src/main.js'), 'start', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => (child.kill('SIGKILL'), resolve()), 15_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
      });
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal stopped at start:\n${output}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 180_000) {
      await stop();
      throw new Error(`the portal did not start within 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`portal running at ${url} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { url, stop };
}

async function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A new page logged in as a demo user through the login form. */
async function loggedInPage(browser, url, email, { locale = 'en-GB', viewport = { width: 1366, height: 900 } } = {}) {
  const context = await browser.newContext({ baseURL: url, locale, viewport });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.locator('h1').first().waitFor();
  return { context, page };
}

/** An access token for API calls of a demo user (arranging data the scripts need). */
async function apiToken(url, email) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login of ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).accessToken;
}

async function apiCall(url, token, method, pathName, body) {
  const res = await fetch(`${url}/api/v1${pathName}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${pathName}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

module.exports = { ROOT, DEMO_PASSWORD, startPortal, launchChromium, loggedInPage, apiToken, apiCall };
