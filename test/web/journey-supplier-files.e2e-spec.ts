import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Locator, Page } from 'playwright-core';
import request from 'supertest';
import {
  apiAs,
  createActor,
  createContract,
  ensureRegistration,
  escapeRegExp,
  fieldLabel,
  filledRmiWorkbook,
  isoDateInDays,
  portalSuite,
  logInToPortal,
  PORTAL_LOCALE,
  portalContext,
  portalTexts,
  publishedTemplate,
  seriousViolations,
  smallDefinition,
  TestActor,
  TINY_PDF,
} from '@ddp/testing';

jest.setTimeout(300_000);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Chromium's File System Access picker cannot be driven: without it, file inputs open the ordinary chooser. */
const withoutFilePicker = () => void delete (globalThis as { showOpenFilePicker?: unknown }).showOpenFilePicker;

/** Gives a file to a Mantine FileInput the way a user does: click the field, pick the file in the chooser. */
async function chooseFile(page: Page, field: Locator, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), field.click()]);
  await chooser.setFiles(file);
}

describe('a supplier’s files in the browser: offline workbook, CMRT, sharing, production sites and labels', () => {
  const suite = portalSuite();
  const api = apiAs(() => suite.t);


  const referenceOf = async (actor: TestActor, contractId: string): Promise<string> => ((await api(actor).get(`/contracts/${contractId}`).expect(200)).body as { reference: string }).reference;

  /** From the supplier's list of contracts to one contract's page. */
  async function openContract(page: Page, tr: ReturnType<typeof portalTexts>, reference: string): Promise<void> {
    await page.getByRole('link', { name: tr('nav.contracts') }).click();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(reference)} — `) }).waitFor();
  }

  it('(nl) the supplier downloads the questionnaire workbook, uploads it with a wrong cell (shown, nothing saved), then corrected: the answers appear with their colours', async () => {
    const lang = 'nl';
    const tr = portalTexts(lang);
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    // A Dutch-speaking supplier: its questionnaires are issued (and their workbooks written) in Dutch.
    await suite.t.sql.query(`UPDATE organisations SET preferred_language = 'nl' WHERE id = $1`, [supplier.organisation.id]);
    const contract = await createContract(suite.t, buyer, supplier);
    const reference = await referenceOf(buyer, contract.id);
    const template = await publishedTemplate(suite.t, buyer, smallDefinition());
    const issued = await api(buyer).post('/assessments', { contractId: contract.id, templateId: template.id, dueDate: isoDateInDays(60) }).expect(201);
    const assessmentId = issued.body.id as string;
    expect(issued.body.language).toBe('nl');

    const { context, page, problems } = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    try {
      await context.addInitScript(withoutFilePicker);
      await logInToPortal(page, supplier, lang);
      await page.getByRole('row').filter({ hasText: reference }).getByRole('link', { name: tr('home.subject.assessment') }).click();
      await page.getByRole('heading', { level: 1, name: issued.body.template.title as string }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/assessments/${assessmentId}`);

      // 1. Download: an .xlsx in Dutch, one row per question.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: tr('assessments.workbook.download') }).click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const downloaded = readFileSync((await download.path())!);
      expect(downloaded.subarray(0, 2).toString('latin1')).toBe('PK');
      const open = async (): Promise<ExcelJS.Workbook> => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(downloaded as never);
        return workbook;
      };
      const original = await open();
      expect(original.worksheets.map((s) => s.name)).toEqual(['Instructions', 'Questions', 'Lists', 'Meta']);
      const meta = original.getWorksheet('Meta')!;
      const metaValues = Object.fromEntries([1, 2, 6].map((n) => [meta.getRow(n).getCell(1).value, meta.getRow(n).getCell(2).value]));
      expect(metaValues).toEqual({ format: 'ddp-questionnaire/1', assessmentId, language: 'nl' });
      const codes: string[] = [];
      original.getWorksheet('Questions')!.eachRow((row, n) => void (n > 1 && codes.push(String(row.getCell(1).value))));
      expect(codes).toEqual(['FL-01', 'FL-02', 'FL-03', 'HW-01', 'HW-02', 'MS-01']);
      const rowNumber = (code: string) => codes.indexOf(code) + 2;

      /** The downloaded workbook with the answers (column E) filled in as a user would in Excel. */
      const filled = async (answers: Record<string, ExcelJS.CellValue>): Promise<Buffer> => {
        const workbook = await open();
        const sheet = workbook.getWorksheet('Questions')!;
        for (const [code, value] of Object.entries(answers)) sheet.getRow(rowNumber(code)).getCell(5).value = value;
        return Buffer.from(await workbook.xlsx.writeBuffer());
      };
      const answers = { 'FL-01': 'No (nl)', 'FL-02': 'Yes (nl)', 'FL-03': 'Shared (nl)', 'HW-02': 'Maandloon boven het minimum' };
      const field = page.getByRole('button', { name: fieldLabel(tr('assessments.workbook.file')) });
      const uploadButton = page.getByRole('button', { name: tr('assessments.workbook.upload') });

      // 2. One wrong cell (hours as a word): the cell, its question and the problem are listed; nothing is saved.
      await chooseFile(page, field, { name: 'vragenlijst-fout.xlsx', mimeType: XLSX, buffer: await filled({ ...answers, 'HW-01': 'veel' }) });
      await page.getByText('vragenlijst-fout.xlsx').waitFor();
      await uploadButton.click();
      const errors = page.getByRole('table', { name: tr('assessments.workbook.errors_one', { count: 1 }) });
      await errors.waitFor();
      const headers = await errors.getByRole('columnheader').allTextContents();
      expect(headers).toEqual([tr('assessments.workbook.cell'), tr('assessments.workbook.question'), tr('assessments.workbook.message')]);
      const errorRows = errors.getByRole('row').filter({ has: page.getByRole('cell') });
      expect(await errorRows.count()).toBe(1);
      const [cell, code, message] = await errorRows.first().getByRole('cell').allTextContents();
      expect([cell, code]).toEqual([`Questions!E${rowNumber('HW-01')}`, 'HW-01']);
      expect(message).toMatch(/number/);
      expect(await seriousViolations(page)).toEqual([]);
      const unchanged = (await api(supplier).get(`/assessments/${assessmentId}`).expect(200)).body;
      expect([unchanged.version, unchanged.answers, unchanged.status]).toEqual([issued.body.version, [], 'issued']);
      const fl01 = page.getByRole('radiogroup', { name: 'Are identity documents retained? (nl)' });
      expect(await fl01.getByRole('radio', { name: 'No (nl)' }).isChecked()).toBe(false);

      // 3. Corrected: imported; the answers show in the form, each with its colour named.
      await chooseFile(page, field, { name: 'vragenlijst.xlsx', mimeType: XLSX, buffer: await filled({ ...answers, 'HW-01': 65 }) });
      await page.getByText('vragenlijst.xlsx').waitFor();
      await uploadButton.click();
      await page.getByText(tr('assessments.workbook.imported')).waitFor();
      expect(await errors.count()).toBe(0);

      const question = (c: string) => page.locator(`[data-question="${c}"]`);
      /** The colour badge of a question: its symbol (hidden from screen readers) and the colour's name. */
      const colourOf = (c: string) => question(c).getByText(new RegExp(`^. (${['green', 'amber', 'red', 'grey'].map((k) => escapeRegExp(tr(`colour.${k}`))).join('|')})$`));
      await fl01.getByRole('radio', { name: 'No (nl)' }).waitFor();
      expect(await fl01.getByRole('radio', { name: 'No (nl)' }).isChecked()).toBe(true);
      expect(await page.getByRole('radiogroup', { name: 'Do you employ migrant workers? (nl)' }).getByRole('radio', { name: 'Yes (nl)' }).isChecked()).toBe(true);
      expect(await page.getByRole('radiogroup', { name: 'Who pays recruitment fees? (nl)' }).getByRole('radio', { name: 'Shared (nl)' }).isChecked()).toBe(true);
      expect([await colourOf('FL-01').textContent(), await colourOf('FL-02').textContent(), await colourOf('FL-03').textContent()]).toEqual([
        `✓ ${tr('colour.green')}`,
        `✓ ${tr('colour.green')}`,
        `! ${tr('colour.amber')}`,
      ]);
      // The section tabs and the overall rating name their colour too.
      await page.getByRole('tab', { name: `Forced labour (nl) (${tr('colour.amber')}, 3/3)` }).waitFor();
      await page.getByRole('tab', { name: `Hours and wages (nl) (${tr('colour.amber')}, 2/3)` }).click();
      await colourOf('HW-01').waitFor();
      expect(await colourOf('HW-01').textContent()).toBe(`! ${tr('colour.amber')}`);
      expect(await page.getByLabel(fieldLabel('Maximum weekly hours (nl) (h/week)')).inputValue()).toMatch(/^65$/);
      expect(await page.getByLabel(fieldLabel('Comments on wages (nl)')).inputValue()).toBe(answers['HW-02']);
      expect(await seriousViolations(page)).toEqual([]);

      const saved = (await api(supplier).get(`/assessments/${assessmentId}`).expect(200)).body;
      expect(saved.status).toBe('in_progress');
      expect(Object.fromEntries((saved.answers as Array<{ questionCode: string; value: unknown; colour: string }>).map((a) => [a.questionCode, [a.value, a.colour]]))).toEqual({
        'FL-01': ['no', 'green'],
        'FL-02': ['yes', 'green'],
        'FL-03': ['shared', 'amber'],
        'HW-01': [65, 'amber'],
        'HW-02': [answers['HW-02'], 'grey'],
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('(fr) the supplier uploads a CMRT with a problem (listed), then a valid one: listed on the minerals tab; the contract’s auditor sees its smelters', async () => {
    const lang = 'fr';
    const tr = portalTexts(lang);
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const auditor = await createActor(suite.t, 'audit_body', 'member');
    const contract = await createContract(suite.t, buyer, supplier);
    const reference = await referenceOf(buyer, contract.id);
    await api(buyer).post(`/contracts/${contract.id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(suite.t, auditor) }).expect(200);

    // The CMRT the supplier fills in (the official template, read once): three smelters; and the same without the
    // company name, a required declaration field.
    const workbook = await filledRmiWorkbook('CMRT', { 'Smelter List!B7': 'Tungsten', 'Smelter List!D7': 'Wolfram Bergbau und Hütten AG', 'Smelter List!E7': 'AUSTRIA', 'Smelter List!F7': 'CID002044', 'Smelter List!G7': 'RMI' });
    const cmrt = Buffer.from(await workbook.xlsx.writeBuffer());
    workbook.getWorksheet('Declaration')!.getCell('D8').value = null;
    const incomplete = Buffer.from(await workbook.xlsx.writeBuffer());

    const supplierSide = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    const auditorSide = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    try {
      await supplierSide.context.addInitScript(withoutFilePicker);
      const sp = supplierSide.page;
      await logInToPortal(sp, supplier, lang);
      await openContract(sp, tr, reference);
      await sp.getByRole('tab', { name: tr('contracts.tab.minerals') }).click();
      await sp.getByRole('heading', { level: 3, name: tr('contracts.minerals.upload') }).waitFor();
      await sp.getByText(tr('contracts.minerals.none')).waitFor();
      const field = sp.getByRole('button', { name: fieldLabel(tr('contracts.minerals.file')) });
      const upload = sp.getByRole('button', { name: tr('action.upload'), exact: true });

      // 1. The declaration without the company name (a required field): the problem is listed by cell; nothing stored.
      await chooseFile(sp, field, { name: 'cmrt-incomplet.xlsx', mimeType: XLSX, buffer: incomplete });
      await upload.click();
      const alert = sp.getByRole('alert').filter({ hasText: tr('contracts.minerals.problems_one', { count: 1 }) });
      await alert.waitFor();
      const problemRows = alert.getByRole('row').filter({ has: sp.getByRole('cell') });
      expect(await problemRows.count()).toBe(1);
      expect(await problemRows.first().getByRole('cell').allTextContents()).toEqual(['Declaration!D8', 'Company name is required']);
      expect(await seriousViolations(sp)).toEqual([]);
      expect((await api(supplier).get(`/contracts/${contract.id}/minerals-reports`).expect(200)).body.items).toEqual([]);

      // 2. A valid CMRT naming three smelters: accepted, listed as the current report.
      await chooseFile(sp, field, { name: 'cmrt-2026.xlsx', mimeType: XLSX, buffer: cmrt });
      await upload.click();
      await sp.getByText(tr('contracts.minerals.uploaded', { kind: 'CMRT', version: '6.5', smelters: 3 })).waitFor();
      await alert.waitFor({ state: 'detached' });
      const report = sp.getByRole('row').filter({ hasText: 'cmrt-2026.xlsx' });
      await report.waitFor();
      const cells = await report.getByRole('cell').allTextContents();
      expect(cells.slice(0, 5)).toEqual(['CMRT 6.5cmrt-2026.xlsx', tr('contracts.minerals.status.current'), 'Acme Components NVA. Company', '1 mai 2026', '3']);
      expect(await seriousViolations(sp)).toEqual([]);

      // 3. The auditor assigned to the contract: Smelters, the roll-up of the suppliers' current reports.
      const ap = auditorSide.page;
      await logInToPortal(ap, auditor, lang);
      await ap.getByRole('link', { name: tr('nav.smelters') }).click();
      await ap.getByRole('heading', { level: 1, name: tr('nav.smelters') }).waitFor();
      const smelter = (name: string) => ap.getByRole('row').filter({ has: ap.getByRole('cell', { name, exact: true }) });
      await smelter('Thaisarco').waitFor();
      const rows = ap.getByRole('row').filter({ has: ap.getByRole('cell') });
      expect(await rows.count()).toBe(3);
      for (const [name, id, metal, country] of [
        ['Thaisarco', 'CID001898', 'Tin', 'THAILAND'],
        ['Asahi Pretec Corp.', 'CID000082', 'Gold', 'JAPAN'],
        ['Wolfram Bergbau und Hütten AG', 'CID002044', 'Tungsten', 'AUSTRIA'],
      ]) {
        const row = smelter(name);
        expect((await row.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([name, id, metal, country]);
        await row.getByRole('cell', { name: `${supplier.organisation.name} (${reference})` }).waitFor();
      }
      expect(await seriousViolations(ap)).toEqual([]);
      // Each supplier's contract is a link to its minerals reports.
      await smelter('Thaisarco').getByRole('link', { name: reference }).click();
      await ap.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(reference)} — `) }).waitFor();
      await ap.getByRole('row').filter({ hasText: 'cmrt-2026.xlsx' }).waitFor();

      expect(supplierSide.problems).toEqual([]);
      expect(auditorSide.problems).toEqual([]);
    } finally {
      await supplierSide.context.close();
      await auditorSide.context.close();
    }
  });

  it('(fr) the supplier shares an accepted assessment with a buyer under its framework agreement; that buyer reads it', async () => {
    const lang = 'fr';
    const tr = portalTexts(lang);
    const issuer = await createActor(suite.t, 'contracting_authority', 'admin');
    const otherBuyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const purchasingBody = await createActor(suite.t, 'contracting_authority', 'admin');
    const participant = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const contract = await createContract(suite.t, issuer, supplier);
    const reference = await referenceOf(issuer, contract.id);
    await createContract(suite.t, otherBuyer, supplier);
    // A central purchasing body's framework agreement with the supplier, under which another authority buys.
    const framework = await createContract(suite.t, purchasingBody, supplier, { isFramework: true });
    await api(purchasingBody).post(`/contracts/${framework.id}/participants`, { country: 'BE', registrationNumber: await ensureRegistration(suite.t, participant) }).expect(200);

    const template = await publishedTemplate(suite.t, issuer, smallDefinition());
    const issued = await api(issuer).post('/assessments', { contractId: contract.id, templateId: template.id, dueDate: isoDateInDays(60) }).expect(201);
    const assessmentId = issued.body.id as string;
    await request(suite.t.http)
      .post(`/api/v1/assessments/${assessmentId}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', isoDateInDays(-30))
      .attach('file', TINY_PDF, { filename: 'politique.pdf', contentType: 'application/pdf' })
      .expect(201);
    const answers = [
      { questionCode: 'FL-01', value: 'no' },
      { questionCode: 'FL-02', value: 'no' },
      { questionCode: 'HW-01', value: 45 },
    ];
    const saved = await api(supplier).put(`/assessments/${assessmentId}/answers`, { answers }, issued.body.version).expect(200);
    const submitted = await api(supplier).post(`/assessments/${assessmentId}/submit`, undefined, saved.body.version).expect(200);
    await api(issuer).post(`/assessments/${assessmentId}/review`, { decision: 'accept' }, submitted.body.version).expect(200);
    // Before the share, the participant cannot read it.
    await api(participant).get(`/assessments/${assessmentId}`).expect(404);

    const supplierSide = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    const buyerSide = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    try {
      const sp = supplierSide.page;
      await logInToPortal(sp, supplier, lang);
      await sp.getByRole('link', { name: tr('nav.assessments') }).click();
      await sp.getByRole('heading', { level: 1, name: tr('assessments.title') }).waitFor();
      await sp.getByRole('link', { name: reference, exact: true }).click();
      await sp.getByRole('heading', { level: 2, name: tr('assessments.share.title') }).waitFor();
      await sp.getByText(tr('assessments.share.none')).waitFor();

      // The buyers the supplier serves, but not the one that issued it: the other buyer, the purchasing body and the
      // authority buying under its framework agreement (the API accepts a share with each of them).
      const select = sp.getByRole('combobox', { name: fieldLabel(tr('assessments.share.buyer')) });
      await select.locator('option', { hasText: participant.organisation.name }).waitFor({ state: 'attached' });
      const options = await select.locator('option').allTextContents();
      expect(options[0]).toBe(tr('assessments.share.choose'));
      expect(options.slice(1).sort()).toEqual([otherBuyer.organisation.name, purchasingBody.organisation.name, participant.organisation.name].sort());

      await select.selectOption({ label: participant.organisation.name });
      await sp.getByRole('button', { name: tr('assessments.share.submit'), exact: true }).click();
      const sharedRow = sp.getByRole('row').filter({ hasText: participant.organisation.name });
      await sharedRow.getByRole('button', { name: tr('assessments.share.revoke', { name: participant.organisation.name }) }).waitFor();
      expect(await sp.getByText(tr('assessments.share.none')).count()).toBe(0);
      // Shared with it already: no longer offered.
      expect((await select.locator('option').allTextContents()).slice(1).sort()).toEqual([otherBuyer.organisation.name, purchasingBody.organisation.name].sort());
      expect(await seriousViolations(sp)).toEqual([]);
      const view = (await api(supplier).get(`/assessments/${assessmentId}`).expect(200)).body;
      expect(view.sharedWith).toEqual([{ id: participant.organisation.id, name: participant.organisation.name, sharedAt: expect.any(String) }]);

      // The buyer it was shared with finds it among its assessments, shared by the supplier, and reads it (read only);
      // it learns neither the buyer it was issued for nor that buyer's contract (the supplier's business).
      const bp = buyerSide.page;
      const issuerShown = async () => {
        const text = await bp.locator('body').innerText();
        return [issuer.organisation.name, reference].filter((value) => text.includes(value));
      };
      await logInToPortal(bp, participant, lang);
      await bp.getByRole('link', { name: tr('nav.assessments') }).click();
      await bp.getByRole('heading', { level: 1, name: tr('assessments.title') }).waitFor();
      const sharedBy = tr('assessments.sharedBy', { supplier: supplier.organisation.name });
      const row = bp.getByRole('row').filter({ hasText: sharedBy });
      await row.getByRole('cell', { name: tr('assessments.buyerWithheld') }).waitFor();
      await row.getByRole('cell', { name: tr('assessments.status.accepted') }).waitFor();
      expect(await issuerShown()).toEqual([]);
      await row.getByRole('link', { name: sharedBy, exact: true }).click();
      await bp.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(tr('review.sharedBy', { supplier: supplier.organisation.name }))) }).waitFor();
      await bp.getByText(tr('review.access.shared')).waitFor();
      await bp.getByText(tr('review.status.accepted'), { exact: true }).waitFor();
      expect(await bp.getByRole('button', { name: tr('review.accept') }).count()).toBe(0);
      expect(await issuerShown()).toEqual([]);
      expect(await seriousViolations(bp)).toEqual([]);

      expect(supplierSide.problems).toEqual([]);
      expect(buyerSide.problems).toEqual([]);
    } finally {
      await supplierSide.context.close();
      await buyerSide.context.close();
    }
  });

  it('(nl) the supplier discloses a production site and registers a label certificate with its expiry date, shown in Dutch', async () => {
    const lang = 'nl';
    const tr = portalTexts(lang);
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const contract = await createContract(suite.t, buyer, supplier); // ends 2030-12-31
    const reference = await referenceOf(buyer, contract.id);

    const { page, context, problems } = await portalContext(suite.browser, suite.baseURL, PORTAL_LOCALE[lang]);
    try {
      await logInToPortal(page, supplier, lang);
      await openContract(page, tr, reference);

      // Production sites.
      await page.getByRole('tab', { name: tr('contracts.tab.sites') }).click();
      await page.getByText(tr('contracts.sites.none')).waitFor();
      await page.getByLabel(fieldLabel(tr('contracts.sites.name'))).fill('Assemblagefabriek Bac Ninh');
      await page.getByLabel(fieldLabel(tr('contracts.sites.address'))).fill('Industriepark Que Vo, Bac Ninh');
      await page.getByLabel(fieldLabel(tr('contracts.supplier.country'))).fill('vn');
      await page.getByLabel(fieldLabel(tr('contracts.sites.workforce'))).fill('1250');
      await page.getByLabel(fieldLabel(tr('contracts.sites.products'))).fill('Laptops, dockingstations');
      await page.getByRole('button', { name: tr('contracts.sites.addButton') }).click();
      const site = page.getByRole('row').filter({ hasText: 'Assemblagefabriek Bac Ninh' });
      await site.waitFor();
      expect(await site.getByRole('cell').allTextContents()).toEqual(['1', 'Assemblagefabriek Bac Ninh', 'Industriepark Que Vo, Bac Ninh', 'Vietnam', 'Laptops, dockingstations', '1.250']);
      // The form is empty again, ready for the next site.
      expect(await page.getByLabel(fieldLabel(tr('contracts.sites.name'))).inputValue()).toBe('');
      expect(await seriousViolations(page)).toEqual([]);

      // A label certificate that lapses before the contract ends.
      await page.getByRole('tab', { name: tr('contracts.tab.labels') }).click();
      await page.getByText(tr('contracts.labels.none')).waitFor();
      await page.getByLabel(fieldLabel(tr('contracts.labels.label'))).selectOption({ label: tr('contracts.labels.kind.tco_certified') });
      await page.getByLabel(fieldLabel(tr('contracts.labels.product'))).fill('ThinkPad X13 Gen 6');
      await page.getByLabel(fieldLabel(tr('contracts.labels.certificate'))).fill('TCO-LT-2029-0042');
      await page.getByLabel(fieldLabel(tr('contracts.labels.validUntil'))).fill('2029-06-30');
      await page.getByRole('button', { name: tr('contracts.labels.addButton') }).click();
      const label = page.getByRole('row').filter({ hasText: 'TCO-LT-2029-0042' });
      await label.waitFor();
      const [kind, product, certificate, validUntil, state] = await label.getByRole('cell').allTextContents();
      expect([kind, product, certificate]).toEqual([tr('contracts.labels.kind.tco_certified'), 'ThinkPad X13 Gen 6', 'TCO-LT-2029-0042']);
      // Written the Dutch way, not as the ISO date typed.
      expect(validUntil).toBe('30 jun 2029');
      expect(state).toContain(tr('contracts.labels.state.lapsing'));
      expect(await seriousViolations(page)).toEqual([]);

      const detail = (await api(buyer).get(`/contracts/${contract.id}`).expect(200)).body;
      expect(detail.sites).toEqual([expect.objectContaining({ name: 'Assemblagefabriek Bac Ninh', country: 'VN', tier: 1, workforce: 1250, products: ['Laptops', 'dockingstations'] })]);
      expect(detail.labels).toEqual([expect.objectContaining({ label: 'tco_certified', product: 'ThinkPad X13 Gen 6', certificateNumber: 'TCO-LT-2029-0042', validUntil: '2029-06-30', expiresBeforeContractEnd: true })]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
