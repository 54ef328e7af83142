'use strict';
/**
 * Screenshots of the main pages of the web portal, from the real product with its demo data,
 * into docs/screenshots/ (linked from the README).
 *
 *   npm run screenshots      (builds first; needs Debian's chromium, or CHROMIUM_PATH)
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, startPortal, launchChromium, loggedInPage, apiToken, apiCall } = require('./lib/portal-run');

const OUT = path.join(ROOT, 'docs/screenshots');
const SUPPLIER = 'compliance@laptops.demo';
const BUYER = 'buyer.admin@gent.demo';
const AUDITOR = 'auditor@audit.demo';

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const portal = await startPortal({ log: console.log });
  const browser = await launchChromium();
  try {
    const buyerToken = await apiToken(portal.url, BUYER);
    const contracts = await apiCall(portal.url, buyerToken, 'GET', '/contracts?limit=10');
    const contract = (contracts.items ?? contracts)[0];
    // An assessment of the demo supplier (the buyer's list also holds other suppliers' ones).
    const assessments = await apiCall(portal.url, await apiToken(portal.url, SUPPLIER), 'GET', '/assessments?limit=10');
    const assessment = (assessments.items ?? assessments)[0];
    const templates = await apiCall(portal.url, buyerToken, 'GET', '/questionnaire-templates?limit=10');
    const template = (templates.items ?? templates)[0];

    const shots = [
      { name: 'login-fr', user: null, locale: 'fr-BE', path: '/login' },
      { name: 'supplier-home-nl', user: SUPPLIER, locale: 'nl-BE', path: '/' },
      { name: 'supplier-questionnaire-fr', user: SUPPLIER, locale: 'fr-BE', path: `/assessments/${assessment.id}` },
      { name: 'buyer-dashboard-en', user: BUYER, locale: 'en-GB', path: '/' },
      { name: 'buyer-contract-nl', user: BUYER, locale: 'nl-BE', path: `/contracts/${contract.id}` },
      { name: 'buyer-template-editor-en', user: BUYER, locale: 'en-GB', path: `/templates/${template.id}` },
      { name: 'buyer-review-fr', user: BUYER, locale: 'fr-BE', path: `/assessments/${assessment.id}` },
      { name: 'buyer-findings-en', user: BUYER, locale: 'en-GB', path: '/findings' },
      { name: 'buyer-defaults-nl', user: BUYER, locale: 'nl-BE', path: '/defaults' },
      { name: 'auditor-exports-en', user: AUDITOR, locale: 'en-GB', path: '/exports' },
      { name: 'auditor-smelters-en', user: AUDITOR, locale: 'en-GB', path: '/smelters' },
    ];
    for (const shot of shots) {
      let context;
      let page;
      if (shot.user) ({ context, page } = await loggedInPage(browser, portal.url, shot.user, { locale: shot.locale }));
      else {
        context = await browser.newContext({ baseURL: portal.url, locale: shot.locale, viewport: { width: 1366, height: 900 } });
        page = await context.newPage();
      }
      await page.goto(shot.path);
      await page.locator('h1').first().waitFor();
      // Let queries settle (no spinner left).
      await page.waitForFunction(() => !document.querySelector('[role=status] .mantine-Loader-root'), null, { timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      const file = path.join(OUT, `${shot.name}.png`);
      // The viewport only: some pages (a template of 84 questions in the editor) are many screens long.
      await page.screenshot({ path: file, fullPage: false });
      console.log(`written: ${path.relative(ROOT, file)}`);
      await context.close();
    }
  } finally {
    await browser.close();
    await portal.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
