import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { createTestApp, TestApp } from './test-app';

/** Debian's chromium (`.ci/run` installs it); another with CHROMIUM_PATH. Playwright downloads no browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'] });
}

/** The api of `t` listening on a free local port, serving the built portal (dist/web); its base URL. */
export async function servePortal(t: TestApp): Promise<string> {
  const index = join(__dirname, '../../../dist/web/index.html');
  if (!t.config.WEB_DIR && !existsSync(index)) throw new Error('The web portal is not built: run `npm run build:web` (npm test does)');
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A browser context in `locale` that fails the test on any page error, console error (e.g. a
 * Content-Security-Policy violation) or failed request the page did not expect.
 */
export async function portalContext(browser: Browser, baseURL: string, locale: 'fr-BE' | 'nl-BE' | 'en-GB' = 'en-GB'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // Reduced motion: no transitions, so axe never measures the contrast of a notification still fading in.
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // 4xx answers the page handles (a 401 before a silent refresh, a 422 shown beside a field) are logged by the browser as errors: not problems.
    if (message.type() === 'error' && !/the server responded with a status of 4\d\d/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

/**
 * axe-core over the page (WCAG 2.1 A and AA): the serious and critical violations, described.
 * `include`: only that part (e.g. `main`, when the layout around it was scanned already).
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** One api serving the built portal and one Chromium, shared by a file's browser tests. */
export interface PortalSuite {
  readonly t: TestApp;
  readonly browser: Browser;
  readonly baseURL: string;
}

/**
 * Call in a `describe`: starts the api (on a fresh database, serving the built portal) and
 * Chromium before the tests, closes both after them; read `suite.t`, `suite.browser`, `suite.baseURL` in the tests.
 */
export function portalSuite(): PortalSuite {
  const suite = {} as { t: TestApp; browser: Browser; baseURL: string };
  beforeAll(async () => {
    suite.t = await createTestApp();
    suite.baseURL = await servePortal(suite.t);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });
  return suite;
}
