import { randomBytes } from 'node:crypto';
import { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { RequestContext } from '@ddp/core';
import { OrganisationsService } from '@ddp/identity';
import {
  apiAs,
  createActor,
  createContract,
  createUser,
  deliveredMails,
  fieldLabel,
  portalSuite,
  login,
  logInToPortal,
  PORTAL_LANGUAGE_NAMES,
  portalContext,
  portalTexts,
  publishedTemplate,
  seriousViolations,
  TestActor,
  } from '@ddp/testing';

jest.setTimeout(300_000);

const unique = () => randomBytes(4).toString('hex');
/** A password the API takes (12 characters or more, not a common one). */
const STRONG = 'Lente-in-Gent-2027!';

/** The message shown beside `field` (Mantine links it with aria-describedby), or null when it has none. */
async function fieldError(field: Locator): Promise<string | null> {
  if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
  const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.filter((text) => text !== null).join(' ');
}

/** Waits until `field` shows `message` beside it. */
async function expectFieldError(field: Locator, message: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let shown: string | null = null;
  while (Date.now() < deadline) {
    shown = await fieldError(field);
    if (shown?.includes(message)) return;
    await field.page().waitForTimeout(100);
  }
  throw new Error(`the field shows ${JSON.stringify(shown)}, not ${JSON.stringify(message)}`);
}

/** The path and query of a mailed link, to open it on the portal under test (mails point at PUBLIC_URL). */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

/** Presses Tab until `target` has the focus (at most `max` times); fails if it never does. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement).catch(() => false)) return;
  }
  const focused = await page.evaluate('document.activeElement?.outerHTML.slice(0, 200)');
  throw new Error(`${max} Tabs never reached ${target}; the focus is on ${focused}`);
}

describe('accounts, organisation and the buyer’s dashboard in a browser', () => {
  const suite = portalSuite();
  const api = apiAs(() => suite.t);


  it('(fr) an authority admin invites a colleague, who accepts the mailed link and is in; the admin then removes another member', async () => {
    const tr = portalTexts('fr');
    const organisation = await suite.t.app
      .get(OrganisationsService)
      .create(RequestContext.system(), { name: `Ville de Namur ${unique()}`, kind: 'contracting_authority', country: 'BE', preferredLanguage: 'fr' });
    const admin = await createActor(suite.t, 'contracting_authority', 'admin', organisation);
    const leaving = await createUser(suite.t, organisation, 'member');
    const newcomer = { email: `nouvelle.collegue.${unique()}@namur.test`, name: 'Camille Dubois' };

    const adminSide = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    const newcomerSide = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    try {
      // 1. The admin: Organisation → the organisation and its colleagues.
      const page = adminSide.page;
      await logInToPortal(page, admin, 'fr');
      await page.getByRole('link', { name: tr('nav.organisation') }).click();
      await page.getByRole('heading', { level: 1, name: tr('org.title') }).waitFor();
      await page.getByText(`${organisation.name} · ${tr('org.kind.contracting_authority')}`).waitFor();
      const colleagues = page.getByRole('table').first();
      const adminRow = colleagues.getByRole('row').filter({ hasText: admin.user.email });
      await adminRow.getByRole('cell', { name: tr('org.role.admin'), exact: true }).waitFor();
      // No one removes themselves.
      expect(await adminRow.getByRole('button').count()).toBe(0);
      const leavingRow = colleagues.getByRole('row').filter({ hasText: leaving.email });
      await leavingRow.getByRole('cell', { name: tr('org.role.member'), exact: true }).waitFor();
      await leavingRow.getByText(tr('org.status.active'), { exact: true }).waitFor();

      // 2. A bad address first: the API's refusal, in French, beside the field; nothing is mailed (axe: the page with an error).
      await page.getByRole('heading', { level: 2, name: tr('org.invite') }).waitFor();
      const email = page.getByLabel(fieldLabel(tr('org.email')));
      await email.fill('camille.dubois-at-namur');
      await page.getByRole('button', { name: tr('org.invite.send') }).click();
      await expectFieldError(email, tr('auth.error.email'));
      expect(await seriousViolations(page)).toEqual([]);
      expect((await suite.t.sql.query('SELECT 1 FROM mail_outbox WHERE to_address = $1', [newcomer.email])).rowCount).toBe(0);

      await email.fill(newcomer.email);
      await page.getByLabel(tr('org.role'), { exact: true }).selectOption({ label: tr('org.role.admin') });
      await page.getByRole('button', { name: tr('org.invite.send') }).click();
      await page.getByText(tr('org.invite.sent', { email: newcomer.email })).waitFor();
      expect(await fieldError(email)).toBeNull();
      const pending = page.getByRole('row').filter({ hasText: newcomer.email });
      await pending.getByRole('cell', { name: tr('org.role.admin'), exact: true }).waitFor();
      await pending.getByRole('button', { name: tr('org.invitation.revoke') }).waitFor();

      // 3. The mail is written, in the organisation's language, with a link to the portal's acceptance page.
      const mails = await deliveredMails(suite.t, newcomer.email, /(http\S+\/invitations\/accept\?token=\S+)/);
      expect(mails).toHaveLength(1);
      const [mail] = mails;
      expect(mail.subject).toBe(`Invitation à rejoindre ${organisation.name} sur le portail de diligence raisonnable`);
      const link = new URL(mail.token);
      expect(`${link.origin}${link.pathname}`).toBe('http://portal.test/invitations/accept');
      expect(link.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{20,}$/);

      // 4. A fresh browser opens the link: a too-short password first, then a good one, and in.
      const np = newcomerSide.page;
      await np.goto(pathOf(mail.token));
      await np.getByRole('heading', { level: 1, name: tr('auth.invitation.title') }).waitFor();
      await np.getByLabel(fieldLabel(tr('auth.invitation.name'))).fill(newcomer.name);
      const password = np.getByLabel(fieldLabel(tr('auth.invitation.password')));
      await password.fill('court-42');
      await np.getByRole('button', { name: tr('auth.invitation.submit') }).click();
      await expectFieldError(password, tr('auth.error.passwordShort', { length: 12 }));
      expect(await seriousViolations(np)).toEqual([]);
      await password.fill(STRONG);
      await np.getByRole('button', { name: tr('auth.invitation.submit') }).click();
      await np.getByRole('heading', { level: 1, name: tr('nav.dashboard') }).waitFor();
      await np.getByText(`${newcomer.name} · ${organisation.name}`).waitFor();
      await np.reload();
      await np.getByRole('heading', { level: 1, name: tr('nav.dashboard') }).waitFor();

      // 5. The admin sees the new colleague, no pending invitation, and removes the other member.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: tr('org.title') }).waitFor();
      const newRow = colleagues.getByRole('row').filter({ hasText: newcomer.email });
      await newRow.getByRole('cell', { name: newcomer.name, exact: true }).waitFor();
      await newRow.getByRole('cell', { name: tr('org.role.admin'), exact: true }).waitFor();
      await newRow.getByText(tr('org.status.active'), { exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: tr('org.invitations') }).waitFor();
      expect(await page.getByRole('button', { name: tr('org.invitation.revoke') }).count()).toBe(0);

      page.once('dialog', (dialog) => {
        expect(dialog.message()).toBe(tr('org.removeConfirm', { name: leaving.name }));
        void dialog.accept();
      });
      await leavingRow.getByRole('button', { name: tr('org.remove') }).click();
      await leavingRow.getByText(tr('org.status.disabled'), { exact: true }).waitFor();
      await leavingRow.getByRole('button', { name: tr('org.restore') }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      const users = (await api(admin).get(`/organisations/${organisation.id}/users`).expect(200)).body as Array<{ email: string; status: string; role: string; name: string }>;
      expect(users.map((u) => [u.email, u.role, u.status]).sort()).toEqual(
        [
          [admin.user.email, 'admin', 'active'],
          [leaving.email, 'member', 'disabled'],
          [newcomer.email, 'admin', 'active'],
        ].sort(),
      );
      await login(suite.t, newcomer.email, STRONG);
      await api(admin).post('/auth/login', { email: leaving.email, password: admin.password }).expect(401);
      expect(adminSide.problems).toEqual([]);
      expect(newcomerSide.problems).toEqual([]);
    } finally {
      await adminSide.context.close();
      await newcomerSide.context.close();
    }
  });

  it('(nl) a user who forgot the password asks for a mail, sets a new one through its link and logs in with it; then picks English, which stays', async () => {
    const tr = portalTexts('nl');
    const en = portalTexts('en');
    const user = await createActor(suite.t, 'supplier', 'member');
    const newPassword = 'Herfst-in-Brugge-2027';
    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, 'nl-BE');
    try {
      // 1. The login page is in Dutch (the browser's language): forgot password → a link by mail.
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: tr('auth.login.title') }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      await page.getByRole('link', { name: tr('auth.login.forgot') }).click();
      await page.getByRole('heading', { level: 1, name: tr('auth.reset.title') }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByLabel(fieldLabel(tr('auth.reset.email'))).fill(user.user.email);
      await page.getByRole('button', { name: tr('auth.reset.request') }).click();
      await page.getByRole('status').getByText(tr('auth.reset.sent')).waitFor();

      const mails = await deliveredMails(suite.t, user.user.email, /(http\S+\/password-reset\?token=\S+)/);
      expect(mails).toHaveLength(1);
      const link = new URL(mails[0].token);
      expect(`${link.origin}${link.pathname}`).toBe('http://portal.test/password-reset');

      // 2. The mail's link: a too-short password is refused beside the field, then the new one is set.
      await page.goto(pathOf(mails[0].token));
      await page.getByRole('heading', { level: 1, name: tr('auth.reset.title') }).waitFor();
      const password = page.getByLabel(fieldLabel(tr('auth.reset.newPassword')));
      await password.fill('kort');
      await page.getByRole('button', { name: tr('auth.reset.confirm') }).click();
      await expectFieldError(password, tr('auth.error.passwordShort', { length: 12 }));
      expect(await seriousViolations(page)).toEqual([]);
      await password.fill(newPassword);
      await page.getByRole('button', { name: tr('auth.reset.confirm') }).click();
      await page.getByRole('status').getByText(tr('auth.reset.done')).waitFor();

      // 3. Back to the login page: the old password no longer works, the new one does.
      await page.getByRole('link', { name: tr('auth.login.title') }).click();
      await page.getByRole('heading', { level: 1, name: tr('auth.login.title') }).waitFor();
      await page.getByLabel(tr('auth.login.email')).fill(user.user.email);
      await page.getByLabel(tr('auth.login.password')).fill(user.password);
      await page.getByRole('button', { name: tr('auth.login.submit') }).click();
      await page.getByRole('alert').getByText(tr('auth.login.invalid')).waitFor();
      await page.getByLabel(tr('auth.login.password')).fill(newPassword);
      await page.getByRole('button', { name: tr('auth.login.submit') }).click();
      await page.getByRole('heading', { level: 1, name: tr('home.title') }).waitFor();
      // The link works once.
      const again = await request(suite.t.http).post('/api/v1/auth/password-reset/confirm').send({ token: link.searchParams.get('token'), password: 'Nog-een-ander-2027' }).expect(401);
      expect(again.body.code).toBe('invalid_token');
      await request(suite.t.http).post('/api/v1/auth/login').send({ email: user.user.email, password: user.password }).expect(401);

      // 4. English through the language picker; a reload keeps it.
      await page.getByRole('combobox', { name: tr('app.language') }).selectOption({ label: PORTAL_LANGUAGE_NAMES.en });
      await page.getByRole('heading', { level: 1, name: en('home.title') }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: en('home.title') }).waitFor();
      await page.getByRole('link', { name: en('nav.organisation') }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByRole('combobox', { name: en('app.language') }).inputValue()).toBe('en');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('(nl) a buyer follows the dashboard, keyboard only, from the figures to each contract and supplier it links to', async () => {
    const tr = portalTexts('nl');
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const otherSupplier = await createActor(suite.t, 'supplier', 'admin');
    const options = (['green', 'amber', 'red'] as const).map((colour) => ({ value: colour, label: { nl: colour }, colour }));
    const template = await publishedTemplate(suite.t, buyer, {
      languages: ['nl'],
      title: { nl: 'Snelle scan' },
      scoring: { method: 'worst' },
      sections: [{ code: 'S', title: { nl: 'Alles' }, questions: [{ code: 'Q-01', theme: 'forced_labour', type: 'single_choice', required: true, text: { nl: 'Hoe gaat het?' }, options }] }],
    });
    /** An assessment issued on the contract, answered `colour` and submitted by its supplier. */
    async function submitted(contractId: string, by: TestActor, colour: 'green' | 'red'): Promise<void> {
      const dueDate = new Date(suite.t.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
      const issued = await api(buyer).post('/assessments', { contractId, templateId: template.id, dueDate }).expect(201);
      const saved = await api(by).put(`/assessments/${issued.body.id}/answers`, { answers: [{ questionCode: 'Q-01', value: colour }] }, issued.body.version).expect(200);
      await api(by).post(`/assessments/${issued.body.id}/submit`, undefined, saved.body.version).expect(200);
    }

    // Forty days ago: two contracts; a red answer on the first (a high finding whose plan was due ten days ago), a green one on the second.
    suite.t.clock.freeze(new Date(Date.now() - 40 * 86_400_000));
    let red: { id: string; reference: string; title: string };
    let green: { id: string; reference: string; title: string };
    try {
      const first = await createContract(suite.t, buyer, supplier, { title: 'Laptops voor de scholen' });
      const second = await createContract(suite.t, buyer, otherSupplier, { title: 'Beeldschermen voor het stadhuis' });
      await submitted(first.id, supplier, 'red');
      await submitted(second.id, otherSupplier, 'green');
      const read = async (id: string) => (await api(buyer).get(`/contracts/${id}`).expect(200)).body as { id: string; reference: string; title: string };
      red = await read(first.id);
      green = await read(second.id);
    } finally {
      suite.t.clock.release();
    }
    const findings = (await api(buyer).get(`/findings?contractId=${red.id}`).expect(200)).body.items as Array<{ severity: string; status: string }>;
    expect(findings.map((f) => [f.severity, f.status])).toEqual([['high', 'open']]);
    const figures = (await api(buyer).get('/dashboard').expect(200)).body;
    expect(figures.overall).toMatchObject({ assessments: { total: 2, byColour: { green: 1, red: 1 } }, openFindings: { high: 1, medium: 0, low: 0 }, overdue: { actionPlans: 1 } });

    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, 'nl-BE');
    try {
      // Logged in with the keyboard: the email, Tab, the password, Enter.
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: tr('auth.login.title') }).waitFor();
      const email = page.getByLabel(tr('auth.login.email'));
      await tabTo(page, email);
      await page.keyboard.type(buyer.user.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(buyer.password);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: tr('nav.dashboard') }).waitFor();

      // The figures as text: the RAG table, the overdue plan, the open high finding, one row per contract.
      const main = page.getByRole('main');
      const rag = main.getByRole('region', { name: tr('dashboard.rag.title') }).getByRole('table', { name: tr('dashboard.rag.caption', { total: 2 }) });
      const countOf = async (colour: string) => (await rag.getByRole('row').filter({ hasText: tr(`colour.${colour}`) }).getByRole('cell').allTextContents())[0];
      expect([await countOf('green'), await countOf('amber'), await countOf('red'), await countOf('grey')]).toEqual(['1', '0', '1', '0']);
      const deadlines = main.getByRole('region', { name: tr('dashboard.deadlines.title') });
      expect(await deadlines.getByRole('row', { name: new RegExp(`^${tr('dashboard.kind.actionPlans')}`) }).getByRole('cell').allTextContents()).toEqual(['1', '0']);
      const openFindings = main.getByRole('region', { name: tr('dashboard.findings.title') });
      for (const [severity, count] of [['high', '1'], ['medium', '0'], ['low', '0']]) {
        await openFindings.getByRole('group', { name: tr(`dashboard.severity.${severity}`), exact: true }).getByText(count, { exact: true }).waitFor();
      }
      const redRow = main.getByRole('row').filter({ has: page.getByRole('link', { name: red.reference, exact: true }) });
      await redRow.getByText(tr('dashboard.contracts.findingsBySeverity', { high: 1, medium: 0, low: 0 })).waitFor();
      await redRow.getByText(`${tr('dashboard.kind.actionPlans')}: 1`).waitFor();
      const greenRow = main.getByRole('row').filter({ has: page.getByRole('link', { name: green.reference, exact: true }) });
      await greenRow.getByText(tr('dashboard.contracts.findingsBySeverity', { high: 0, medium: 0, low: 0 })).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // Every link of the dashboard's content, followed with Tab and Enter from the skip link: each page loads, axe clean.
      const links = await main.getByRole('link').evaluateAll((as) => as.map((a) => ({ name: a.getAttribute('aria-label') ?? a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
      const supplierOf = (c: { id: string }) => (c.id === red.id ? supplier : otherSupplier).organisation;
      const expected = [red, green].flatMap((c) => [
        { name: c.reference, href: `/contracts/${c.id}`, heading: `${c.reference} — ${c.title}`, shows: supplierOf(c).name },
        // The drill-down to the supplier: the same figures over this buyer's contracts with it.
        { name: supplierOf(c).name, href: `/suppliers/${supplierOf(c).id}`, heading: supplierOf(c).name, shows: c.reference },
      ]);
      const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
      expect([...links].sort(byName)).toEqual(expected.map(({ name, href }) => ({ name, href })).sort(byName));

      for (const target of expected) {
        await page.getByRole('heading', { level: 1, name: tr('nav.dashboard') }).waitFor();
        await tabTo(page, page.getByRole('link', { name: tr('app.skip') }));
        await page.keyboard.press('Enter');
        await tabTo(page, main.getByRole('link', { name: target.name, exact: true }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: target.heading }).waitFor();
        expect(new URL(page.url()).pathname).toBe(target.href);
        await main.getByText(target.shows).first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        // Back to the dashboard through the menu, still with the keyboard.
        await tabTo(page, page.getByRole('navigation').getByRole('link', { name: tr('nav.dashboard') }));
        await page.keyboard.press('Enter');
      }
      await page.getByRole('heading', { level: 1, name: tr('nav.dashboard') }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
