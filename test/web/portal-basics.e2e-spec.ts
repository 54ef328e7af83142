import { createOrganisation, createUser, portalSuite, portalContext, seriousViolations, TEST_PASSWORD } from '@ddp/testing';

jest.setTimeout(120_000);

describe('the portal in a browser: login, language, session, logout', () => {
  const suite = portalSuite();

  it('a supplier logs in in French, sees what is due, keeps the session over a reload, switches to Dutch and logs out', async () => {
    const org = await createOrganisation(suite.t, 'supplier');
    const user = await createUser(suite.t, org, 'admin');
    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    try {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByLabel('E-mail').fill(user.email);
      await page.getByLabel('Mot de passe').fill('wrong-password-123');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('alert').getByText("L'e-mail ou le mot de passe n'est pas correct.").waitFor();

      await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'À faire' }).waitFor();
      await page.getByText('Rien à faire. Bravo.').waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      // The refresh token is an httpOnly cookie: no script can read it, nothing is in storage.
      expect(await page.evaluate('document.cookie')).toBe('');
      expect(await page.evaluate("Object.keys(localStorage).filter((k) => k !== 'ddp.language')")).toEqual([]);
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'ddp_refresh')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/browser' });

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'À faire' }).waitFor();

      // Three tabs opened at once refresh with the same cookie at the same moment: all stay signed in, and so does the first.
      const tabs = await Promise.all([0, 1, 2].map(() => context.newPage()));
      await Promise.all(tabs.map((tab) => tab.goto('/')));
      await Promise.all(tabs.map((tab) => tab.getByRole('heading', { level: 1, name: 'À faire' }).waitFor()));
      await Promise.all(tabs.map((tab) => tab.close()));
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'À faire' }).waitFor();

      await page.getByRole('combobox', { name: 'Langue' }).selectOption('nl');
      await page.getByRole('heading', { level: 1, name: 'Te doen' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('nl');

      await page.getByRole('link', { name: 'Organisatie' }).click();
      await page.getByRole('heading', { level: 1, name: 'Uw organisatie' }).waitFor();
      await page.getByRole('cell', { name: user.email }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Afmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      await page.goto('/organisation');
      await page.getByRole('heading', { level: 1, name: 'Aanmelden' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
