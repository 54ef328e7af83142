import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Page } from 'playwright-core';
import { BootstrapService, DEMO_PASSWORD } from '@ddp/identity';
import {
  apiAs,
  deliveredMails,
  fieldLabel,
  filledRmi,
  isoDateInDays,
  portalSuite,
  logInToPortal,
  PORTAL_LOCALE,
  PortalLanguage,
  portalContext,
  portalTexts,
  publishedTemplate,
  seriousViolations,
  smallDefinition,
  TestActor,
  TINY_PDF,
} from '@ddp/testing';
import { seedDemoDueDiligence } from '../../apps/cli/src/demo-due-diligence';
import { ExportJob } from '../../apps/worker/src/jobs/export.job';

jest.setTimeout(600_000);

const PLATFORM_PASSWORD = 'Quiet-Harbour-Lights-2026';

/**
 * Every page of the portal, as every kind of user who reaches it, scanned by axe-core (WCAG 2.1 A
 * and AA: nothing serious or critical), on the demo data with one of each record the pages show.
 * Each page must also load: its heading shown, no error, no "not found" where the user may look,
 * no console error. A route added to the portal without a visit here fails the test.
 */

type Role = 'supplier' | 'supplierMember' | 'buyer' | 'frameworkBuyer' | 'auditor' | 'platform';
interface Visit {
  /** The route as declared in apps/web/src/features/<name>/routes.tsx (`/` for the index). */
  route: string;
  path: string;
  as: Role | 'anonymous';
  /** The page is a 404 for this user (another organisation's record, or not for their kind). */
  notFound?: boolean;
}

/** The routes the portal declares: `path: '…'` and `index: true` in every feature's routes.tsx. */
function declaredRoutes(): string[] {
  const features = join(__dirname, '../../apps/web/src/features');
  const routes = new Set<string>();
  for (const feature of readdirSync(features)) {
    let source: string;
    try {
      source = readFileSync(join(features, feature, 'routes.tsx'), 'utf8');
    } catch {
      continue;
    }
    for (const [, path] of source.matchAll(/path: '([^']+)'/g)) routes.add(path.startsWith('/') ? path : `/${path}`);
    if (/index: true/.test(source)) routes.add('/');
  }
  return [...routes].sort();
}

/** Each role's language: all three are scanned. */
const LANGUAGE: Record<Role | 'anonymous', PortalLanguage> = { supplier: 'fr', supplierMember: 'nl', buyer: 'nl', frameworkBuyer: 'fr', auditor: 'en', platform: 'en', anonymous: 'fr' };

describe('accessibility and loading of every page, as every kind of user', () => {
  const suite = portalSuite();
  const api = apiAs(() => suite.t);


  /** A demo account, logged in through the API (for arranging) and as the browser will log in. */
  async function demoActor(email: string, password = DEMO_PASSWORD): Promise<TestActor> {
    const tokens = (await request(suite.t.http).post('/api/v1/auth/login').send({ email, password }).expect(200)).body as { accessToken: string; refreshToken: string };
    const { organisation, ...user } = (await request(suite.t.http).get('/api/v1/me').set('authorization', `Bearer ${tokens.accessToken}`).expect(200)).body as TestActor['user'] & { organisation: TestActor['organisation'] };
    return { user, organisation, password, ...tokens, auth: `Bearer ${tokens.accessToken}` } as TestActor;
  }

  /**
   * The demo (Stad Gent ↔ Laptop Solutions, the SPW framework with its missed reports proposed as
   * defaults), plus what the demo does not have: a submitted assessment with a red answer, its
   * finding and a plan; a submitted report; a notice of default answered and one decided; a CMRT;
   * a finished export.
   */
  async function arrange() {
    await suite.t.app.get(BootstrapService).seedDemo();
    await seedDemoDueDiligence(suite.t.app);
    const actors: Record<Role, TestActor> = {
      supplier: await demoActor('compliance@laptops.demo'),
      supplierMember: await demoActor('analyst@laptops.demo'),
      buyer: await demoActor('buyer.admin@gent.demo'),
      frameworkBuyer: await demoActor('acheteur@spw.demo'),
      auditor: await demoActor('auditor@audit.demo'),
      platform: await suite.t.app
        .get(BootstrapService)
        .ensurePlatformAdmin('admin@platform.test', PLATFORM_PASSWORD)
        .then(() => demoActor('admin@platform.test', PLATFORM_PASSWORD)),
    };
    const { supplier, buyer, frameworkBuyer, auditor } = actors;

    const contracts = (await api(buyer).get('/contracts').expect(200)).body.items as Array<{ id: string; reference: string; isFramework: boolean }>;
    const contract = contracts.find((c) => !c.isFramework)!;
    const framework = ((await api(frameworkBuyer).get('/contracts').expect(200)).body.items as Array<{ id: string }>)[0];

    // The buyer's own small template, issued on the Gent contract, answered with a red answer and submitted.
    const template = await publishedTemplate(suite.t, buyer, smallDefinition());
    const draftTemplate = (await api(buyer).post('/questionnaire-templates', { definition: smallDefinition() }).expect(201)).body as { id: string };
    const issued = (await api(buyer).post('/assessments', { contractId: contract.id, templateId: template.id, dueDate: isoDateInDays(45) }).expect(201)).body as { id: string; version: number };
    const answers = [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 40 }];
    const saved = await api(supplier).put(`/assessments/${issued.id}/answers`, { answers }, issued.version).expect(200);
    await request(suite.t.http)
      .post(`/api/v1/assessments/${issued.id}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', isoDateInDays(-30))
      .attach('file', TINY_PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
      .expect(201);
    await api(supplier).post(`/assessments/${issued.id}/submit`, undefined, saved.body.version).expect(200);
    const assessmentsOfGent = (await api(buyer).get(`/assessments?contractId=${contract.id}`).expect(200)).body.items as Array<{ id: string; status: string }>;
    const inProgress = assessmentsOfGent.find((a) => a.status !== 'submitted')!;

    const red = ((await api(buyer).get(`/findings?contractId=${contract.id}`).expect(200)).body.items as Array<{ id: string; severity: string }>).find((f) => f.severity === 'high')!;
    const plan = (await api(supplier)
      .post('/action-plans', { contractId: contract.id, findingIds: [red.id], rootCause: 'No written policy forbade keeping passports', actions: [{ description: 'Return every retained passport', owner: 'HR manager', dueDate: isoDateInDays(20) }] })
      .expect(201)).body as { id: string; version: number };
    await api(supplier).post(`/action-plans/${plan.id}/submit`, undefined, plan.version).expect(200);

    // A report: the first obligation of the framework the supplier may report on, submitted.
    const ecrans = await demoActor('rse@ecrans.demo');
    const obligations = (await api(ecrans).get(`/contracts/${framework.id}/report-obligations`).expect(200)).body as Array<{ id: string }>;
    let report: { id: string; version: number } | undefined;
    for (const o of obligations) {
      const created = await api(ecrans).post('/reports', { obligationId: o.id });
      if (created.status === 201) {
        report = created.body;
        break;
      }
    }
    if (!report) throw new Error('no report obligation open for a draft');

    // Defaults of the framework (missed reports, proposed by the demo): one with its notice answered, one decided.
    const proposed = (await api(frameworkBuyer).get(`/defaults?contractId=${framework.id}`).expect(200)).body.items as Array<{ id: string; version: number; status: string }>;
    expect(proposed.length).toBeGreaterThanOrEqual(2);
    const [answered, decided] = proposed;
    await api(frameworkBuyer).post(`/defaults/${answered.id}/notice`, { remedyDeadline: isoDateInDays(15) }, answered.version).expect(200);
    await api(ecrans).post(`/defaults/${answered.id}/response`, { text: 'The report was sent by post; a copy is attached to the portal.' }).expect(200);
    await api(frameworkBuyer).post(`/defaults/${decided.id}/notice`, {}, decided.version).expect(200);
    await api(ecrans).post(`/defaults/${decided.id}/response`, { text: 'We missed it; it will not happen again.' }).expect(200);
    await api(frameworkBuyer).post(`/defaults/${decided.id}/decision`, { outcome: 'waived', reasons: 'First missed report of the framework.' }).expect(200);

    // A CMRT on the Gent contract; a finished export of the auditor.
    const cmrt = await filledRmi('CMRT', { 'Declaration!D63': 'No' });
    await request(suite.t.http).post(`/api/v1/contracts/${contract.id}/minerals-reports`).set('authorization', supplier.auth).attach('file', cmrt, { filename: 'cmrt.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).expect(201);
    await api(auditor).post('/exports', { scope: { contractIds: [contract.id] } }).expect(202);
    const worker = await suite.t.startWorker();
    expect(await worker.get(ExportJob).run()).toMatchObject({ done: 1 });

    return { actors, contract, framework, template, draftTemplate, submitted: issued, inProgress, red, plan, report, answered, decided };
  }
  type Arranged = Awaited<ReturnType<typeof arrange>>;

  /** What each kind of user visits: every page they may reach, in every state the data gives it. */
  function visitsOf(d: Arranged): Visit[] {
    const c = d.contract.id;
    return [
      { route: '/login', path: '/login', as: 'anonymous' },
      { route: '/invitations/accept', path: '/invitations/accept?token=not-a-real-token', as: 'anonymous' },
      { route: '/password-reset', path: '/password-reset', as: 'anonymous' },
      { route: '/password-reset', path: '/password-reset?token=not-a-real-token', as: 'anonymous' },
      ...(['supplier', 'supplierMember', 'buyer', 'frameworkBuyer', 'auditor', 'platform'] as const).flatMap((as): Visit[] => [
        { route: '/', path: '/', as },
        { route: '/organisation', path: '/organisation', as },
      ]),
      ...(['supplier', 'buyer', 'auditor'] as const).flatMap((as): Visit[] => {
        // The auditor reads what the buyer reads, without the buyer's forms: the pages it shares with it read-only are visited once, as the buyer.
        const alsoAuditor = as !== 'auditor';
        return [
          { route: '/assessments', path: '/assessments', as },
          { route: '/assessments/:id', path: `/assessments/${d.submitted.id}`, as },
          ...(alsoAuditor ? [{ route: '/assessments/:id', path: `/assessments/${d.inProgress.id}`, as }] : []),
          { route: '/contracts', path: '/contracts', as },
          ...(alsoAuditor ? ['', '?tab=sites', '?tab=labels', '?tab=clause', '?tab=minerals'] : ['', '?tab=minerals']).map((tab): Visit => ({ route: '/contracts/:id', path: `/contracts/${c}${tab}`, as })),
          { route: '/findings/:id', path: `/findings/${d.red.id}`, as },
          { route: '/action-plans', path: '/action-plans', as },
          { route: '/action-plans/:id', path: `/action-plans/${d.plan.id}`, as },
          ...(alsoAuditor ? [{ route: '/contracts/:id/action-plans', path: `/contracts/${c}/action-plans`, as }, { route: '/contracts/:id/reports', path: `/contracts/${c}/reports`, as }] : []),
          { route: '/reports', path: '/reports', as },
          { route: '/defaults', path: '/defaults', as },
          { route: '/defaults', path: '/defaults?tab=ledger', as },
        ];
      }),
      { route: '/suppliers/:id', path: `/suppliers/${d.actors.supplier.organisation.id}`, as: 'buyer' },
      { route: '/suppliers/:id', path: `/suppliers/${d.actors.supplier.organisation.id}`, as: 'auditor' },
      { route: '/suppliers/:id', path: `/suppliers/${d.actors.supplier.organisation.id}`, as: 'frameworkBuyer', notFound: true },
      { route: '/organisations', path: '/organisations', as: 'platform' },
      { route: '/organisations/:id', path: `/organisations/${d.actors.supplier.organisation.id}`, as: 'platform' },
      { route: '/findings', path: '/findings', as: 'buyer' },
      { route: '/findings', path: '/findings', as: 'auditor' },
      { route: '/action-plans/new', path: `/action-plans/new?findingId=${d.red.id}`, as: 'supplier' },
      { route: '/contracts/new', path: '/contracts/new', as: 'buyer' },
      { route: '/templates', path: '/templates', as: 'buyer' },
      { route: '/templates', path: '/templates', as: 'platform' },
      { route: '/templates/new', path: '/templates/new', as: 'buyer' },
      { route: '/templates/:id', path: `/templates/${d.template.id}`, as: 'buyer' },
      { route: '/templates/:id', path: `/templates/${d.draftTemplate.id}`, as: 'buyer' },
      { route: '/exports', path: '/exports', as: 'auditor' },
      { route: '/exports', path: '/exports', as: 'buyer' },
      { route: '/smelters', path: '/smelters', as: 'auditor' },
      { route: '/smelters', path: `/smelters?contractId=${c}`, as: 'buyer' },
      // The framework's reports and defaults, as its buyer and its supplier.
      { route: '/reports/:id', path: `/reports/${d.report.id}`, as: 'frameworkBuyer' },
      { route: '/defaults/:id', path: `/defaults/${d.answered.id}`, as: 'frameworkBuyer' },
      { route: '/defaults/:id', path: `/defaults/${d.decided.id}`, as: 'frameworkBuyer' },
      { route: '/contracts/:id', path: `/contracts/${d.framework.id}?tab=clause`, as: 'frameworkBuyer' },
      // Not theirs: the same page as a missing record.
      { route: '/contracts/:id', path: `/contracts/${d.framework.id}`, as: 'supplier', notFound: true },
      { route: '/defaults/:id', path: `/defaults/${d.answered.id}`, as: 'buyer', notFound: true },
      { route: '/templates/:id', path: `/templates/${d.draftTemplate.id}`, as: 'frameworkBuyer', notFound: true },
      { route: '*', path: '/no-such-page', as: 'supplier', notFound: true },
    ];
  }

  let arranged: Arranged;
  let visits: Visit[];
  beforeAll(async () => {
    arranged = await arrange();
    visits = visitsOf(arranged);
  });

  it('visits every route the portal declares', () => {
    const visited = new Set(visits.map((v) => v.route));
    expect(declaredRoutes().filter((r) => !visited.has(r))).toEqual([]);
  });

  it('the platform admin registers an organisation (a bad number refused beside its field) and invites its first admin', async () => {
    const tr = portalTexts('nl');
    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE.nl);
    try {
      await logInToPortal(page, arranged.actors.platform, 'nl');
      const name = `Stad Brugge ${Date.now()}`;
      const form = page.getByRole('form').or(page.locator('form')).filter({ has: page.getByRole('heading', { name: tr('orgs.new') }) });
      await form.getByLabel(fieldLabel(tr('org.name'))).fill(name);
      await form.getByLabel(fieldLabel(tr('orgs.kind'))).selectOption('contracting_authority');
      await form.getByLabel(fieldLabel(tr('orgs.registrationNumber'))).fill('0207.045.511'); // check digits wrong
      await form.getByRole('button', { name: tr('orgs.create') }).click();
      const number = form.getByLabel(fieldLabel(tr('orgs.registrationNumber')));
      await form.locator('[aria-invalid="true"]').first().waitFor();
      expect(await number.getAttribute('aria-invalid')).toBe('true');
      expect(await suite.t.sql.query('SELECT 1 FROM organisations WHERE name = $1', [name])).toMatchObject({ rowCount: 0 });

      await number.fill('0412.345.614');
      await form.getByRole('button', { name: tr('orgs.create') }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const { rows } = await suite.t.sql.query<{ id: string }>('SELECT id FROM organisations WHERE name = $1', [name]);
      expect(new URL(page.url()).pathname).toBe(`/organisations/${rows[0].id}`);
      expect(await seriousViolations(page)).toEqual([]);

      const email = `aankoop.${Date.now()}@brugge.test`;
      await page.getByLabel(fieldLabel(tr('org.email'))).fill(email);
      await page.getByLabel(fieldLabel(tr('org.role'))).selectOption('admin');
      await page.getByRole('button', { name: tr('org.invite.send') }).click();
      await page.getByRole('cell', { name: email }).waitFor();
      const [mail] = await deliveredMails(suite.t, email, /invitations\/accept\?token=([^\s]+)/);
      expect(mail.token).toEqual(expect.any(String));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(['anonymous', 'supplier', 'supplierMember', 'buyer', 'frameworkBuyer', 'auditor', 'platform'] as const)('every page %s sees passes axe and loads', async (as) => {
    const lang = LANGUAGE[as];
    const tr = portalTexts(lang);
    const failures: string[] = [];
    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    try {
      if (as !== 'anonymous') await logInToPortal(page, arranged.actors[as], lang);
      let first = true;
      for (const v of visits.filter((x) => x.as === as)) {
        const where = `${v.path} (${lang})`;
        try {
          await page.goto(v.path);
          await settled(page, tr);
          const notFound = await page.getByRole('heading', { level: 1, name: '404', exact: true }).count();
          if (!v.notFound && notFound) failures.push(`${where}: shows "not found"`);
          if (v.notFound && !notFound) failures.push(`${where}: should be "not found"`);
          const errors = await page.getByRole('alert').filter({ hasText: tr('state.error') }).allInnerTexts();
          if (errors.length) failures.push(`${where}: shows an error: ${errors.join(' | ')}`);
          // The layout (menu, header) is the same on every page of a user: scanned whole once, then the page's content.
          for (const violation of await seriousViolations(page, first ? undefined : 'main')) failures.push(`${where}: ${violation}`);
          first = false;
        } catch (error) {
          failures.push(`${where}: ${(error as Error).message.split('\n')[0]}`);
        }
      }
      failures.push(...problems);
    } finally {
      await context.close();
    }
    expect(failures).toEqual([]);
  });
});

/** The page has its heading and nothing on it is loading any more. */
async function settled(page: Page, tr: (key: string) => string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByRole('status').filter({ hasText: tr('state.loading') }).first().waitFor({ state: 'detached', timeout: 15_000 });
}
