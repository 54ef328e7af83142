import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { INestApplicationContext } from '@nestjs/common';
import { Page } from 'playwright-core';
import request from 'supertest';
import { apiAs, createActor, createContract, ensureRegistration, escapeRegExp as escape, isoDateInDays as inDays, portalContext, portalSuite, portalTexts as texts, publishedTemplate, seriousViolations, smallDefinition, TestActor, TINY_PDF as PDF } from '@ddp/testing';
import { ExportJob } from '../../apps/worker/src/jobs/export.job';

jest.setTimeout(300_000);

describe('the execution journey in a browser: red finding → corrective action plan → verified → auditor export', () => {
  const suite = portalSuite();
  let worker: INestApplicationContext;
  const api = apiAs(() => suite.t);
  beforeAll(async () => {
    worker = await suite.t.startWorker();
  });

  describe.each(['fr', 'nl'] as const)('in %s', (lang) => {
    const tr = texts(lang);
    const locale = lang === 'fr' ? 'fr-BE' : 'nl-BE';

    async function logIn(page: Page, actor: TestActor, landing: string): Promise<void> {
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: tr('auth.login.title') }).waitFor();
      await page.getByLabel(tr('auth.login.email')).fill(actor.user.email);
      await page.getByLabel(tr('auth.login.password')).fill(actor.password);
      await page.getByRole('button', { name: tr('auth.login.submit') }).click();
      await page.getByRole('heading', { level: 1, name: landing }).waitFor();
    }

    /** A buyer, a supplier, a contract with an auditor assigned, and a submitted assessment with a red answer (FL-01). */
    async function arrange() {
      const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
      const supplier = await createActor(suite.t, 'supplier', 'admin');
      const auditor = await createActor(suite.t, 'audit_body', 'member');
      const contract = await createContract(suite.t, buyer, supplier);
      const { reference, title } = (await api(buyer).get(`/contracts/${contract.id}`).expect(200)).body as { reference: string; title: string };
      await api(buyer).post(`/contracts/${contract.id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(suite.t, auditor) }).expect(200);

      const template = await publishedTemplate(suite.t, buyer, smallDefinition());
      const issued = await api(buyer).post('/assessments', { contractId: contract.id, templateId: template.id, dueDate: inDays(60) }).expect(201);
      const answers = [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 40 }];
      const saved = await api(supplier).put(`/assessments/${issued.body.id}/answers`, { answers }, issued.body.version).expect(200);
      await request(suite.t.http)
        .post(`/api/v1/assessments/${issued.body.id}/evidence`)
        .set('authorization', supplier.auth)
        .field('questionCode', 'MS-01')
        .field('documentDate', inDays(-30))
        .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
        .expect(201);
      await api(supplier).post(`/assessments/${issued.body.id}/submit`, undefined, saved.body.version).expect(200);

      const found = (await api(buyer).get(`/findings?contractId=${contract.id}`).expect(200)).body.items as Array<{ id: string; severity: string; status: string; title: string; planDueDate: string | null }>;
      expect(found).toHaveLength(1);
      const red = found[0];
      expect(red).toMatchObject({ severity: 'high', status: 'open' });
      expect(red.planDueDate).not.toBeNull();
      return { buyer, supplier, auditor, contractId: contract.id, reference, title, red };
    }

    it('the supplier proposes a plan for the red finding, the buyer approves it, the supplier carries the action out with evidence, the buyer verifies it, the auditor downloads the workbook', async () => {
      const { buyer, supplier, auditor, reference, title, red } = await arrange();
      const description = lang === 'fr' ? 'Restituer tous les passeports aux travailleurs' : 'Alle paspoorten aan de werknemers teruggeven';
      const rootCause = lang === 'fr' ? 'Aucune politique écrite n’interdisait de garder les passeports' : 'Geen geschreven beleid verbood paspoorten te bewaren';
      const owner = lang === 'fr' ? 'Responsable RH' : 'HR-verantwoordelijke';
      const dueDate = inDays(21);
      const evidenceName = lang === 'fr' ? 'passeports-restitues.pdf' : 'paspoorten-teruggegeven.pdf';

      const supplierSide = await portalContext(suite.browser, suite.baseURL, locale);
      const buyerSide = await portalContext(suite.browser, suite.baseURL, locale);
      const auditorSide = await portalContext(suite.browser, suite.baseURL, locale);
      try {
        // The drop zone opens Chromium's File System Access picker, which Playwright cannot answer: the supplier's
        // browser goes without it (as Firefox or Safari), so "Choose a file" opens the file input's chooser.
        await supplierSide.context.addInitScript(() => void delete (globalThis as { showOpenFilePicker?: unknown }).showOpenFilePicker);

        // 2. The supplier's admin: what is due → the plan deadline of the red finding → propose a plan.
        const sp = supplierSide.page;
        await logIn(sp, supplier, tr('home.title'));
        await sp.getByRole('row').filter({ hasText: reference }).getByRole('link', { name: tr('home.subject.action_plan') }).click();
        await sp.getByRole('heading', { level: 1, name: red.title }).waitFor();
        await sp.getByText(tr('findings.status.open'), { exact: true }).waitFor();
        await sp.getByText(tr('findings.noPlan')).waitFor();
        expect(await seriousViolations(sp)).toEqual([]);

        await sp.getByRole('link', { name: tr('findings.proposePlan') }).click();
        await sp.getByRole('heading', { level: 1, name: tr('plans.new') }).waitFor();
        // The finding comes checked from the finding's page.
        await expect(sp.getByRole('checkbox', { name: new RegExp(escape(red.title)) }).isChecked()).resolves.toBe(true);
        await sp.getByLabel(tr('plans.rootCause')).fill(rootCause);
        const action = sp.getByRole('group', { name: tr('plans.actionNumber', { number: 1 }) });
        await action.getByLabel(tr('plans.description')).fill(description);
        await action.getByLabel(tr('plans.owner')).fill(owner);
        await action.getByLabel(tr('plans.dueDate')).fill(dueDate);
        expect(await seriousViolations(sp)).toEqual([]);
        await sp.getByRole('button', { name: tr('plans.create') }).click();

        await sp.getByRole('heading', { level: 1, name: tr('plans.planTitle', { reference }) }).waitFor();
        await sp.getByText(tr('plans.createdMessage')).waitFor();
        await sp.getByText(tr('plans.status.draft'), { exact: true }).waitFor();
        const planId = new URL(sp.url()).pathname.split('/').pop()!;
        await sp.getByRole('button', { name: tr('plans.submit') }).click();
        await sp.getByText(tr('plans.submitted')).waitFor();
        await sp.getByText(tr('plans.status.submitted'), { exact: true }).waitFor();
        expect(await seriousViolations(sp)).toEqual([]);
        expect((await api(buyer).get(`/action-plans/${planId}`).expect(200)).body).toMatchObject({ status: 'submitted', rootCause, actions: [{ description, owner, dueDate, status: 'planned' }] });

        // 3. The buyer: action plans → the contract's plan → approve.
        const bp = buyerSide.page;
        await logIn(bp, buyer, tr('nav.dashboard'));
        await bp.getByRole('link', { name: tr('nav.plans') }).click();
        await bp.getByRole('heading', { level: 1, name: tr('plans.title') }).waitFor();
        await bp.getByRole('row').filter({ hasText: reference }).getByRole('link').click();
        await bp.getByRole('heading', { level: 1, name: tr('plans.planTitle', { reference }) }).waitFor();
        await bp.getByText(description).waitFor();
        expect(await seriousViolations(bp)).toEqual([]);
        await bp.getByRole('button', { name: tr('plans.approve') }).click();
        await bp.getByText(tr('plans.approved')).waitFor();
        await bp.getByText(tr('plans.status.approved'), { exact: true }).waitFor();

        // 4. The supplier: starts the action, uploads its evidence, marks it done.
        await sp.reload();
        await sp.getByRole('heading', { level: 1, name: tr('plans.planTitle', { reference }) }).waitFor();
        await sp.getByText(tr('plans.status.approved'), { exact: true }).waitFor();
        await sp.getByRole('button', { name: tr('plans.start') }).click();
        await sp.getByText(tr('plans.actionStatus.in_progress'), { exact: true }).waitFor();

        const upload = sp.getByRole('group', { name: tr('plans.evidenceFor', { number: 1 }) });
        // The drop zone's file input bears the same name as the visible button: the button is what a user clicks.
        const [chooser] = await Promise.all([sp.waitForEvent('filechooser'), upload.locator('button').filter({ hasText: tr('review.evidence.choose') }).click()]);
        await chooser.setFiles({ name: evidenceName, mimeType: 'application/pdf', buffer: PDF });
        await upload.getByText(evidenceName).waitFor();
        await upload.getByRole('button', { name: tr('action.upload') }).click();
        await sp.getByRole('cell', { name: new RegExp(`^${escape(evidenceName)}`) }).waitFor();
        await sp.getByRole('button', { name: `${tr('action.download')} ${evidenceName}` }).waitFor();

        await sp.getByRole('button', { name: tr('plans.markDone') }).click();
        await sp.getByText(tr('plans.actionStatus.done'), { exact: true }).waitFor();
        expect(await seriousViolations(sp)).toEqual([]);

        // 5. The buyer verifies the action: the plan is verified, its finding closed.
        await bp.reload();
        await bp.getByText(tr('plans.actionStatus.done'), { exact: true }).waitFor();
        await bp.getByRole('cell', { name: new RegExp(`^${escape(evidenceName)}`) }).waitFor();
        await bp.getByRole('button', { name: tr('plans.verify') }).click();
        // The plan's status and its action's (the same word in Dutch).
        const verified = [tr('plans.status.verified'), tr('plans.actionStatus.verified')];
        const verifiedBadges = bp.getByText(new RegExp(`^(${verified.map(escape).join('|')})$`));
        await verifiedBadges.nth(1).waitFor();
        expect((await verifiedBadges.allTextContents()).sort()).toEqual([...verified].sort());
        await bp.getByText(tr('plans.verifiedOf', { verified: 1, total: 1 })).waitFor();
        const findingRow = bp.getByRole('row').filter({ hasText: red.title });
        await findingRow.getByText(tr('findings.status.closed'), { exact: true }).waitFor();
        expect(await seriousViolations(bp)).toEqual([]);

        await findingRow.getByRole('link', { name: red.title }).click();
        await bp.getByRole('heading', { level: 1, name: red.title }).waitFor();
        await bp.getByText(tr('findings.status.closed'), { exact: true }).waitFor();
        await bp.getByRole('link', { name: tr('findings.planLink', { status: tr('plans.status.verified') }) }).waitFor();
        expect(await seriousViolations(bp)).toEqual([]);

        const plan = (await api(buyer).get(`/action-plans/${planId}`).expect(200)).body;
        expect(plan).toMatchObject({ status: 'verified', verifiedActions: 1, actionCount: 1, actions: [{ status: 'verified', evidence: [{ fileName: evidenceName }] }], findings: [{ id: red.id, status: 'closed' }] });
        const closed = (await api(buyer).get(`/findings/${red.id}`).expect(200)).body;
        expect(closed.status).toBe('closed');
        expect(closed.closedAt).not.toBeNull();

        // 6. The auditor: Exports → the contract → the progress bar until done → Download an .xlsx.
        const ap = auditorSide.page;
        await logIn(ap, auditor, tr('nav.dashboard'));
        await ap.getByRole('link', { name: tr('nav.exports') }).click();
        await ap.getByRole('heading', { level: 1, name: tr('nav.exports') }).waitFor();
        await ap.getByText(tr('exports.session.none')).waitFor();
        expect(await seriousViolations(ap)).toEqual([]);
        await ap.getByRole('radio', { name: tr('exports.scope.contracts') }).check();
        const contracts = ap.getByRole('textbox', { name: tr('exports.contracts') });
        await contracts.click();
        await contracts.fill(reference);
        await ap.getByRole('option', { name: `${reference} — ${title}` }).click();
        await ap.keyboard.press('Escape');
        await ap.getByRole('button', { name: tr('exports.submit') }).click();

        const bar = ap.getByRole('progressbar', { name: tr('exports.progress') });
        await bar.waitFor();
        const item = ap.getByRole('listitem').filter({ has: bar });
        await item.getByText(reference).waitFor();
        // Queued: nothing written yet (no total known), nothing to download.
        await item.getByText(tr('exports.status.queued'), { exact: true }).waitFor();
        expect(await bar.getAttribute('aria-valuenow')).toBeNull();
        expect(await item.getByRole('button', { name: /\.xlsx/ }).count()).toBe(0);

        // The worker writes the workbook (its jobs are run by hand in the tests); the page polls every 2 s.
        const { rows: requested } = await suite.t.sql.query<{ id: string; status: string }>(`SELECT id, status FROM exports WHERE user_id = $1`, [auditor.user.id]);
        expect(requested).toEqual([{ id: expect.any(String), status: 'queued' }]);
        expect(await worker.get(ExportJob).run()).toMatchObject({ done: 1, failed: 0 });
        await item.getByText(tr('exports.status.done'), { exact: true }).waitFor({ timeout: 30_000 });
        const max = await bar.getAttribute('aria-valuemax');
        expect(Number(max)).toBeGreaterThan(0);
        expect(await bar.getAttribute('aria-valuenow')).toBe(max);
        expect(await bar.getAttribute('aria-valuetext')).toBe(tr('exports.rows', { written: max!, total: max! }));
        expect(await seriousViolations(ap)).toEqual([]);

        const downloadButton = item.getByRole('button', { name: /\.xlsx/ });
        const [download] = await Promise.all([ap.waitForEvent('download'), downloadButton.click()]);
        expect(download.suggestedFilename()).toMatch(/^export-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.xlsx$/);
        expect(await downloadButton.textContent()).toBe(tr('exports.download', { file: download.suggestedFilename() }));
        const file = readFileSync((await download.path())!);
        expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(file as never);
        const answers = workbook.getWorksheet('Answers');
        expect(answers).toBeDefined();
        const answerRows: ExcelJS.Row[] = [];
        answers!.eachRow((row, n) => void (n > 1 && answerRows.push(row)));
        expect(new Set(answerRows.map((r) => r.getCell(1).value))).toEqual(new Set([reference]));
        expect(answerRows.find((r) => r.getCell(7).value === 'FL-01')?.getCell(10).value).toBe('red');
        const planRows: unknown[] = [];
        workbook.getWorksheet('Action plans and actions')!.eachRow((row, n) => void (n > 1 && planRows.push(row.getCell(10).value)));
        expect(planRows).toEqual([description]);

        expect(supplierSide.problems).toEqual([]);
        expect(buyerSide.problems).toEqual([]);
        expect(auditorSide.problems).toEqual([]);
      } finally {
        await supplierSide.context.close();
        await buyerSide.context.close();
        await auditorSide.context.close();
      }
    });
  });
});
