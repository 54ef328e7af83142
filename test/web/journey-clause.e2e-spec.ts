import { apiAs, createActor, createContract, escapeRegExp, fieldLabel, portalSuite, logInToPortal, portalContext, portalTexts, seriousViolations } from '@ddp/testing';

jest.setTimeout(300_000);

const ZONE = 'Europe/Brussels';

/** Today's calendar date in Brussels (the contract's time zone). */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const addDays = (iso: string, days: number) => new Date(utc(iso) + days * 86_400_000).toISOString().slice(0, 10);
/** A calendar date as the portal writes it in French (Intl, medium style). */
const fr = (iso: string) => new Intl.DateTimeFormat('fr-BE', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(utc(iso)));

describe('browser journey (fr): the buyer writes the due-diligence clause', () => {
  const suite = portalSuite();
  const api = apiAs(() => suite.t);


  it('writes a clause with one KPI (the API’s refusal shown beside the field first), saves it, and the reporting calendar follows', async () => {
    const tr = portalTexts('fr');
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    // Started on the first of last month: monthly reports, so last month's report falls due under the new clause.
    const now = today();
    const lastMonth = `${addDays(`${now.slice(0, 8)}01`, -1).slice(0, 8)}01`;
    const contract = await createContract(suite.t, buyer, supplier, { startDate: lastMonth, endDate: addDays(lastMonth, 730), timeZone: ZONE });
    const { reference } = (await api(buyer).get(`/contracts/${contract.id}`).expect(200)).body as { reference: string };
    // The supplier may read the clause but not write it.
    await api(supplier).put(`/contracts/${contract.id}/clause`, { terms: { articles: {} } }).expect(403);

    const { page, problems } = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    await logInToPortal(page, buyer, 'fr');
    await page.goto(`/contracts/${contract.id}?tab=clause`);
    await page.getByText(tr('contracts.clause.none'), { exact: true }).waitFor();
    await page.getByRole('button', { name: tr('contracts.clauseForm.write') }).click();
    await page.getByRole('heading', { name: tr('contracts.clauseForm.write') }).waitFor();

    // Reporting: monthly, 45 days; one KPI whose target is out of range for a percentage.
    await page.getByLabel(fieldLabel(tr('contracts.clauseForm.frequency'))).selectOption({ label: tr('contracts.frequency.monthly') });
    await page.getByLabel(fieldLabel(tr('contracts.clauseForm.dueDays'))).fill('45');
    await page.getByRole('button', { name: tr('contracts.clauseForm.addKpi') }).click();
    const kpi = page.getByRole('group', { name: tr('contracts.clauseForm.kpiN', { n: 1 }) });
    await kpi.getByLabel(fieldLabel(tr('contracts.clauseForm.kpiCode'))).fill('AUDITED_SITES');
    await kpi.getByLabel(fieldLabel(tr('contracts.clauseForm.kpiName'))).fill('Sites de rang 1 audités');
    const target = kpi.getByLabel(fieldLabel(tr('contracts.clause.target')));
    await target.fill('150');
    await kpi.getByLabel(fieldLabel(tr('contracts.clauseForm.amberThreshold'))).fill('75,5');
    // Penalties typed with the decimal comma: 1.234,56 € per default, a cap of 7,5 % on all of them.
    await page.getByLabel(fieldLabel(tr('contracts.clause.perDefault'))).selectOption({ label: tr('contracts.clauseForm.perDefaultKind.fixed') });
    await page.getByLabel(fieldLabel(tr('contracts.clauseForm.perDefaultAmount', { currency: 'EUR' }))).fill('1.234,56');
    await page.getByLabel(fieldLabel(tr('contracts.clauseForm.cumulativeCapRate'))).fill('7,5');
    expect(await seriousViolations(page)).toEqual([]);

    const save = page.getByRole('button', { name: tr('contracts.clauseForm.save') });
    const isPut = (r: { request(): { method(): string }; url(): string }) => r.request().method() === 'PUT' && r.url().endsWith(`/api/v1/contracts/${contract.id}/clause`);
    const [refused] = await Promise.all([page.waitForResponse(isPut), save.click()]);
    expect(refused.status()).toBe(400);
    const problem = (await refused.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toEqual(['terms.reporting.kpis.0.target']);
    // Beside the field the API named, in French; everything typed is still there.
    await kpi.getByText(tr('contracts.clauseForm.kpiRule.percent'), { exact: true }).waitFor();
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(fieldLabel(tr('contracts.clauseForm.perDefaultAmount', { currency: 'EUR' }))).inputValue()).toBe('1.234,56');
    expect(await seriousViolations(page)).toEqual([]);

    await target.fill('90,5');
    const [saved] = await Promise.all([page.waitForResponse(isPut), save.click()]);
    expect(saved.status()).toBe(200);
    await page.getByRole('button', { name: tr('contracts.clauseForm.change') }).waitFor();
    await page.getByText(tr('contracts.clause.inForce', { version: 1, date: fr(lastMonth) }), { exact: true }).waitFor();
    const versions = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: tr('contracts.clause.version') }) });
    await versions.getByRole('row', { name: new RegExp(`^1 ${escapeRegExp(fr(lastMonth))}$`) }).waitFor();
    await page.getByRole('row', { name: new RegExp(`^${escapeRegExp(tr('contracts.clause.reporting'))}`) }).getByText(tr('contracts.frequency.monthly'), { exact: false }).waitFor();
    await page.getByText('Sites de rang 1 audités', { exact: true }).waitFor();

    // Stored as cents, basis points and a dotted decimal.
    const clause = (await api(buyer).get(`/contracts/${contract.id}/clause`).expect(200)).body as { inForce: { terms: Record<string, unknown> } };
    expect(clause.inForce.terms).toMatchObject({
      reporting: { frequency: 'monthly', dueDays: 45, kpis: [{ code: 'AUDITED_SITES', unit: 'percent', direction: 'higher', target: '90.5', amberThreshold: '75.5' }] },
      penalties: { perDefault: { kind: 'fixed', amountCents: 123_456 }, cumulativeCap: { basisPoints: 750 } },
    });

    // The reporting calendar now holds last month's report.
    await page.getByRole('link', { name: tr('contracts.link.reports') }).click();
    await page.getByRole('heading', { level: 1, name: tr('reports.contractTitle', { reference }) }).waitFor();
    const firstPeriodEnd = addDays(`${now.slice(0, 8)}01`, -1);
    await page.getByRole('cell', { name: `${fr(lastMonth)} – ${fr(firstPeriodEnd)}`, exact: true }).waitFor();
    await page.getByRole('cell', { name: fr(addDays(firstPeriodEnd, 45)), exact: true }).waitFor();
    await page.getByRole('cell', { name: 'AUDITED_SITES', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    expect(problems).toEqual([]);
  });
});
