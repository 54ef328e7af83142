import { Page } from 'playwright-core';
import {
  apiAs,
  createActor,
  createContract,
  ensureRegistration,
  escapeRegExp,
  fieldLabel,
  fullTerms,
  portalSuite,
  logInToPortal,
  portalContext,
  portalTexts,
  seriousViolations,
  TINY_PDF,
} from '@ddp/testing';
import { DefaultsJob } from '../../apps/worker/src/jobs/execution.jobs';

jest.setTimeout(300_000);

/** AUDITED_SITES: percent, higher is better, target 90; OPEN_GRIEVANCES: count, lower is better, target 0. */
const KPIS = (fullTerms().reporting as { kpis: Array<{ code: string; name: string }> }).kpis;
const [AUDITED, GRIEVANCES] = KPIS;
const ZONE = 'Europe/Brussels';

/** Today's calendar date in Brussels (the contracts' time zone), as the API counts days. */
function today(): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const addDays = (iso: string, days: number) => new Date(utc(iso) + days * 86_400_000).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / 86_400_000);
/** A calendar date as the portal writes it in `locale` (Intl, medium style). */
const dateIn = (locale: string, iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(utc(iso)));
/** `days.left` with i18next's plural suffix (the tests' texts have no plural rules of their own). */
const daysLeft = (tr: ReturnType<typeof portalTexts>, count: number) => tr(count === 1 ? 'days.left_one' : 'days.left_other', { count });

interface Obligation {
  id: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  state: string;
  reportId: string | null;
}

describe('browser journeys: a periodic report with KPIs (fr), a notice of default up to its penalty (nl)', () => {
  const suite = portalSuite();
  const api = apiAs(() => suite.t);


  /** Playwright dismisses confirm() by default: the user here says yes. */
  const acceptDialogs = (page: Page) => page.on('dialog', (dialog) => void dialog.accept());

  it('(fr) the supplier fills in the KPIs of a due report, attaches a file and submits; the buyer returns it with a comment; corrected and resubmitted, it is accepted', async () => {
    const tr = portalTexts('fr');
    const fr = (iso: string) => dateIn('fr-BE', iso);
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    // Monthly reports due 45 days after each month: last month's report is open (due in 14 to 45 days), nothing is late.
    const now = today();
    const lastMonth = `${addDays(`${now.slice(0, 8)}01`, -1).slice(0, 8)}01`;
    const contract = await createContract(suite.t, buyer, supplier, { startDate: lastMonth, endDate: addDays(lastMonth, 730) });
    await api(buyer).put(`/contracts/${contract.id}/clause`, { terms: fullTerms({ reporting: { frequency: 'monthly', dueDays: 45, kpis: KPIS } }) }).expect(200);
    const { reference } = (await api(buyer).get(`/contracts/${contract.id}`).expect(200)).body as { reference: string };
    const obligations = (await api(supplier).get(`/contracts/${contract.id}/report-obligations`).expect(200)).body as Obligation[];
    const due = obligations[0];
    expect(due).toMatchObject({ periodStart: lastMonth, state: 'open', reportId: null });
    expect(obligations.filter((o) => o.state === 'overdue')).toEqual([]);
    const left = daysBetween(now, due.dueDate);
    expect(left).toBeGreaterThanOrEqual(14);
    const deadlines = (await api(supplier).get('/deadlines').expect(200)).body as Array<{ subject: string; subjectId: string; daysLeft: number }>;
    expect(deadlines.find((d) => d.subjectId === due.id)).toMatchObject({ subject: 'report', daysLeft: left });

    const period = `${fr(due.periodStart)} – ${fr(due.periodEnd)}`;
    const title = tr('reports.reportTitle', { start: fr(due.periodStart), end: fr(due.periodEnd) });
    const comment = 'Griefs : précisez les sites concernés et les mesures prises.';
    const fileName = 'rapport-audit-octobre.pdf';

    const supplierSide = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    const buyerSide = await portalContext(suite.browser, suite.baseURL, 'fr-BE');
    try {
      // The drop zone opens Chromium's File System Access picker, which Playwright cannot answer.
      await supplierSide.context.addInitScript(() => void delete (globalThis as { showOpenFilePicker?: unknown }).showOpenFilePicker);
      const sp = supplierSide.page;
      const bp = buyerSide.page;
      acceptDialogs(sp);

      // 1. What is due: the report of last month, its deadline in French, the days left.
      await logInToPortal(sp, supplier, 'fr');
      const dueRow = sp.getByRole('row').filter({ hasText: reference }).filter({ hasText: period });
      await dueRow.getByText(daysLeft(tr, left), { exact: true }).waitFor();
      await dueRow.getByRole('cell', { name: fr(due.dueDate), exact: true }).waitFor();
      expect(await seriousViolations(sp)).toEqual([]);

      // 2. The contract's reporting calendar → start the report.
      await dueRow.getByRole('link', { name: tr('home.subject.report') }).click();
      await sp.getByRole('heading', { level: 1, name: tr('reports.contractTitle', { reference }) }).waitFor();
      expect(await seriousViolations(sp)).toEqual([]);
      await sp.getByRole('button', { name: tr('reports.startReportFor', { period }) }).click();
      await sp.getByRole('heading', { level: 1, name: title }).waitFor();
      await sp.getByText(tr('reports.status.draft'), { exact: true }).waitFor();
      await sp.getByText(daysLeft(tr, left), { exact: true }).waitFor();
      await sp.getByRole('cell', { name: fr(due.dueDate), exact: true }).waitFor();
      const reportId = new URL(sp.url()).pathname.split('/').pop()!;

      // 3. The KPI values: a count pasted with decimals passes the page's check, the API refuses it beside its field.
      const audited = sp.getByLabel(fieldLabel(AUDITED.name));
      const grievances = sp.getByLabel(fieldLabel(GRIEVANCES.name));
      await audited.fill('92,5');
      await grievances.fill('2,00000');
      const [refused] = await Promise.all([
        sp.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/reports/${reportId}`)),
        sp.getByRole('button', { name: tr('reports.saveDraft') }).click(),
      ]);
      expect(refused.status()).toBe(422);
      expect(refused.headers()['content-type']).toMatch(/^application\/problem\+json/);
      const problem = (await refused.json()) as { errors: Array<{ field: string; message: string }> };
      expect(problem.errors).toEqual([{ field: 'kpiValues.1.value', message: expect.stringContaining('whole number') }]);
      // The API's rule, in French, beside the field the API named (the second value sent).
      const refusal = tr('reports.kpi.refused', { rule: tr('reports.kpi.rule.whole', { max: new Intl.NumberFormat('fr-BE').format(1e12) }) });
      const shown = sp.getByText(refusal, { exact: true });
      await shown.waitFor();
      expect(await grievances.getAttribute('aria-invalid')).toBe('true');
      expect(await grievances.getAttribute('aria-describedby')).toContain(await shown.getAttribute('id'));
      expect(await audited.getAttribute('aria-invalid')).not.toBe('true');
      expect(await seriousViolations(sp)).toEqual([]);

      // 4. An attachment, then the corrected value, then submit.
      const [chooser] = await Promise.all([sp.waitForEvent('filechooser'), sp.locator('button').filter({ hasText: tr('reports.chooseFile') }).click()]);
      await chooser.setFiles({ name: fileName, mimeType: 'application/pdf', buffer: TINY_PDF });
      await sp.getByRole('cell', { name: fileName, exact: true }).waitFor();
      await sp.getByRole('button', { name: tr('reports.downloadFile', { name: fileName }) }).waitFor();
      await grievances.fill('2');
      await sp.getByRole('button', { name: tr('reports.submit') }).click();
      await sp.getByText(tr('reports.status.submitted'), { exact: true }).waitFor();
      await sp.getByText(tr('reports.onTime'), { exact: true }).first().waitFor();
      await sp.getByRole('cell', { name: '92,5 %', exact: true }).waitFor();
      await sp.getByText(tr('reports.awaitingReview'), { exact: true }).waitFor();
      const submitted = (await api(supplier).get(`/reports/${reportId}`).expect(200)).body;
      expect(submitted).toMatchObject({ status: 'submitted', submissionCount: 1, daysLate: 0, kpiValues: [{ code: AUDITED.code, value: '92.5' }, { code: GRIEVANCES.code, value: '2' }], attachments: [{ fileName }] });
      expect(submitted.results.map((r: { code: string; colour: string }) => [r.code, r.colour])).toEqual([
        [AUDITED.code, 'green'],
        [GRIEVANCES.code, 'red'],
      ]);

      // 5. The buyer: Reports → the report → returned with a comment.
      await logInToPortal(bp, buyer, 'fr');
      await bp.getByRole('link', { name: tr('nav.reports') }).click();
      await bp.getByRole('heading', { level: 1, name: tr('reports.title') }).waitFor();
      const listed = bp.getByRole('row').filter({ hasText: reference });
      await listed.getByText(tr('reports.status.submitted'), { exact: true }).waitFor();
      await listed.getByText(tr('reports.onTime'), { exact: true }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);
      await listed.getByRole('link', { name: period }).click();
      await bp.getByRole('heading', { level: 1, name: title }).waitFor();
      await bp.getByText(tr('reports.status.submitted'), { exact: true }).waitFor();
      await bp.getByRole('cell', { name: '92,5 %', exact: true }).waitFor();
      await bp.getByRole('cell', { name: fileName, exact: true }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);
      // Returning needs a comment.
      await bp.getByRole('button', { name: tr('reports.return') }).click();
      await bp.getByText(tr('reports.commentsRequired'), { exact: true }).waitFor();
      await bp.getByLabel(tr('reports.comments')).fill(comment);
      await bp.getByRole('button', { name: tr('reports.return') }).click();
      await bp.getByText(tr('reports.returnedDone')).waitFor();
      await bp.getByText(tr('reports.status.returned'), { exact: true }).first().waitFor();

      // 6. The supplier sees the comment, corrects the grievances, resubmits.
      await sp.reload();
      await sp.getByRole('heading', { level: 1, name: title }).waitFor();
      await sp.getByText(tr('reports.status.returned'), { exact: true }).first().waitFor();
      await sp.getByText(tr('reports.returnedWith')).waitFor();
      await sp.getByText(comment, { exact: true }).first().waitFor();
      // The saved values come back as a French reader writes them.
      expect(await audited.inputValue()).toBe('92,5');
      expect(await grievances.inputValue()).toBe('2');
      expect(await seriousViolations(sp)).toEqual([]);
      await grievances.fill('0');
      await sp.getByRole('button', { name: tr('reports.submit') }).click();
      await sp.getByText(tr('reports.status.submitted'), { exact: true }).first().waitFor();
      await sp.getByRole('cell', { name: '0 nbre', exact: true }).waitFor();

      // 7. The buyer accepts; both see it accepted.
      await bp.reload();
      await bp.getByRole('heading', { level: 1, name: title }).waitFor();
      await bp.getByRole('cell', { name: '0 nbre', exact: true }).waitFor();
      await bp.getByRole('button', { name: tr('reports.accept') }).click();
      await bp.getByText(tr('reports.acceptedDone')).waitFor();
      await bp.getByText(tr('reports.status.accepted'), { exact: true }).first().waitFor();
      await sp.reload();
      await sp.getByRole('heading', { level: 1, name: title }).waitFor();
      await sp.getByText(tr('reports.status.accepted'), { exact: true }).first().waitFor();
      expect(await sp.getByRole('button', { name: tr('reports.submit') }).count()).toBe(0);

      const accepted = (await api(buyer).get(`/reports/${reportId}`).expect(200)).body;
      expect(accepted).toMatchObject({ status: 'accepted', submissionCount: 2, kpiValues: [{ code: AUDITED.code, value: '92.5' }, { code: GRIEVANCES.code, value: '0' }] });
      expect(accepted.results.map((r: { colour: string }) => r.colour)).toEqual(['green', 'green']);
      expect(accepted.submissions.map((s: { decision: string; comments: string | null }) => [s.decision, s.comments])).toEqual([
        ['returned', comment],
        ['accepted', null],
      ]);

      expect(supplierSide.problems).toEqual([]);
      expect(buyerSide.problems).toEqual([]);
    } finally {
      await supplierSide.context.close();
      await buyerSide.context.close();
    }
  });

  it('(nl) a missed report becomes a proposed default; the buyer sends the notice, the supplier answers in time, the buyer applies the computed penalty and finds it in the ledger; the auditor only reads', async () => {
    const tr = portalTexts('nl');
    const nl = (iso: string) => dateIn('nl-BE', iso);
    const euros = (cents: number) => new Intl.NumberFormat('nl-BE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const auditor = await createActor(suite.t, 'audit_body', 'member');
    // Yearly reports due the day after each year: exactly one (last year's, or the year before on 1 January) is missed.
    const now = today();
    const firstYear = Number(addDays(now, -1).slice(0, 4)) - 1;
    const contract = await createContract(suite.t, buyer, supplier, { startDate: `${firstYear}-01-01`, endDate: `${firstYear + 4}-12-31` });
    const terms = fullTerms({
      reporting: { frequency: 'annual', dueDays: 1, kpis: KPIS },
      penalties: { perDefault: { kind: 'fixed', amountCents: 123_456 }, perDay: { amountCents: 5_000, cap: { basisPoints: 100 } }, cumulativeCap: { basisPoints: 1_000 } },
    });
    await api(buyer).put(`/contracts/${contract.id}/clause`, { terms }).expect(200);
    await api(buyer).post(`/contracts/${contract.id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(suite.t, auditor) }).expect(200);
    const { reference } = (await api(buyer).get(`/contracts/${contract.id}`).expect(200)).body as { reference: string };
    const missed = ((await api(buyer).get(`/contracts/${contract.id}/report-obligations`).expect(200)).body as Obligation[]).filter((o) => o.state === 'overdue');
    expect(missed).toHaveLength(1);

    // The worker's hourly job proposes the missed report as a default.
    const worker = await suite.t.startWorker();
    expect((await worker.get(DefaultsJob).run()).proposedDefaults).toBeGreaterThanOrEqual(1);
    const proposals = (await api(buyer).get(`/defaults?contractId=${contract.id}`).expect(200)).body.items as Array<{ id: string; status: string; origin: string; subject: string; missedDeadline: string }>;
    expect(proposals).toEqual([expect.objectContaining({ status: 'proposed', origin: 'missed_deadline', subject: 'report', missedDeadline: missed[0].dueDate })]);
    const defaultId = proposals[0].id;
    const failing = `Het jaarrapport over ${firstYear} is niet ingediend.`;
    const answer = 'Het rapport werd per post verstuurd; we dienen het deze week ook via het portaal in.';

    const buyerSide = await portalContext(suite.browser, suite.baseURL, 'nl-BE');
    const supplierSide = await portalContext(suite.browser, suite.baseURL, 'nl-BE');
    const auditorSide = await portalContext(suite.browser, suite.baseURL, 'nl-BE');
    try {
      const bp = buyerSide.page;
      const sp = supplierSide.page;
      const ap = auditorSide.page;
      acceptDialogs(bp);

      // 1. The buyer: Defaults → the proposal → the notice, sent.
      await logInToPortal(bp, buyer, 'nl');
      await bp.getByRole('link', { name: tr('nav.defaults') }).click();
      await bp.getByRole('heading', { level: 1, name: tr('defaults.title') }).waitFor();
      const proposed = bp.getByRole('row').filter({ hasText: reference });
      await proposed.getByText(tr('defaults.status.proposed'), { exact: true }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);
      await proposed.getByRole('link', { name: tr('defaults.subject.report') }).click();
      await bp.getByRole('heading', { level: 1, name: tr('defaults.proposalTitle') }).waitFor();
      await bp.getByRole('row', { name: `${tr('defaults.missedDeadline')} ${nl(missed[0].dueDate)}` }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);
      await bp.getByLabel(tr('defaults.failing')).fill(failing);
      await bp.getByRole('button', { name: tr('defaults.sendNotice') }).click();
      const noticeHeading = bp.getByRole('heading', { level: 1, name: new RegExp(`^${escapeRegExp(tr('defaults.noticeTitle', { reference: '' }))}ND-\\d{4}-\\d{4}$`) });
      await noticeHeading.waitFor();
      const noticeTitle = (await noticeHeading.textContent())!;
      const responseDeadline = addDays(now, 15);
      await bp.getByText(tr('defaults.status.notified'), { exact: true }).waitFor();
      await bp.getByText(new RegExp(`^${escapeRegExp(nl(responseDeadline))} \\(`)).waitFor();
      await bp.getByText(daysLeft(tr, 15), { exact: true }).waitFor();
      const notified = (await api(buyer).get(`/defaults/${defaultId}`).expect(200)).body;
      expect(notified).toMatchObject({ status: 'notified', failing, notice: { responseDeadline, sentOn: now } });

      // 2. The supplier: what is due → answer to the notice, with its days left.
      await logInToPortal(sp, supplier, 'nl');
      const dueRow = sp.getByRole('row').filter({ hasText: reference }).filter({ hasText: notified.notice.reference });
      await dueRow.getByText(daysLeft(tr, 15), { exact: true }).waitFor();
      await dueRow.getByRole('cell', { name: nl(responseDeadline), exact: true }).waitFor();
      expect(await seriousViolations(sp)).toEqual([]);
      await dueRow.getByRole('link', { name: tr('home.subject.notice_response') }).click();
      await sp.getByRole('heading', { level: 1, name: noticeTitle }).waitFor();
      await sp.getByText(failing, { exact: true }).waitFor();
      expect(await seriousViolations(sp)).toEqual([]);
      await sp.getByRole('button', { name: tr('defaults.sendAnswer') }).click();
      await sp.getByText(tr('defaults.answerRequired'), { exact: true }).waitFor();
      await sp.getByLabel(fieldLabel(tr('defaults.answerText'))).fill(answer);
      await sp.getByRole('button', { name: tr('defaults.sendAnswer') }).click();
      await sp.getByText(tr('defaults.responseSent')).waitFor();
      await sp.getByText(tr('defaults.status.answered'), { exact: true }).waitFor();
      await sp.getByRole('heading', { name: tr('defaults.responseTitle') }).waitFor();
      expect(await sp.getByRole('button', { name: tr('defaults.sendAnswer') }).count()).toBe(0);

      // 3. The auditor of the contract reads the answered notice and the pending penalty; nothing to send or decide.
      const pending = (await api(buyer).get(`/defaults/${defaultId}`).expect(200)).body;
      expect(pending.penaltyProposal).toMatchObject({ perDefaultCents: 123_456, daysCounted: 0, perDayCents: 0, amountCents: 123_456, currency: 'EUR' });
      const amount = euros(pending.penaltyProposal.amountCents);
      expect(amount).toMatch(/^€\s1\.234,56$/);
      await logInToPortal(ap, auditor, 'nl');
      await ap.goto(`/defaults/${defaultId}`);
      await ap.getByRole('heading', { level: 1, name: noticeTitle }).waitFor();
      await ap.getByText(tr('defaults.status.answered'), { exact: true }).waitFor();
      await ap.getByText(answer, { exact: true }).waitFor();
      await ap.getByRole('heading', { name: tr('defaults.pendingPenalty') }).waitFor();
      await ap.getByText(amount, { exact: true }).first().waitFor();
      for (const action of [tr('defaults.decision.decide'), tr('defaults.sendNotice'), tr('defaults.dismiss'), tr('defaults.sendAnswer'), tr('action.confirm')]) {
        expect(await ap.getByRole('button', { name: action }).count()).toBe(0);
      }
      expect(await ap.getByRole('textbox').count()).toBe(0);
      expect(await seriousViolations(ap)).toEqual([]);

      // 4. The buyer reads the answer and applies the computed penalty.
      await bp.reload();
      await bp.getByRole('heading', { level: 1, name: noticeTitle }).waitFor();
      await bp.getByText(answer, { exact: true }).waitFor();
      await bp.getByRole('heading', { name: tr('defaults.decision.title') }).waitFor();
      await bp.getByText(tr('defaults.decision.computed')).getByText(amount, { exact: true }).waitFor();
      await bp.getByRole('row', { name: `${tr('defaults.calc.total')} ${amount}` }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);
      await bp.getByLabel(fieldLabel(tr('defaults.reasons'))).fill('Geen rapport ontvangen; het antwoord verandert niets aan de feiten.');
      await bp.getByRole('button', { name: tr('defaults.decision.decide') }).click();
      await bp.getByText(tr('defaults.decision.confirm.applied', { amount })).waitFor();
      await bp.getByRole('button', { name: tr('action.confirm') }).click();
      await bp.getByText(tr('defaults.decision.done')).waitFor();
      await bp.getByText(tr('defaults.status.decided'), { exact: true }).waitFor();
      await bp.getByRole('row', { name: `${tr('defaults.decision.amountEntered')} ${amount}` }).waitFor();

      // 5. The penalty in the contract's ledger.
      await bp.getByRole('link', { name: tr('nav.defaults') }).click();
      await bp.getByRole('tab', { name: tr('defaults.tab.ledger') }).click();
      await bp.getByLabel(tr('defaults.contract')).selectOption(contract.id);
      await bp.getByRole('heading', { name: tr('defaults.ledger.title'), exact: true }).waitFor();
      const entry = bp.getByRole('row').filter({ hasText: tr('defaults.kind.penalty') }).filter({ hasText: tr('defaults.ledgerOutcome.applied') });
      await entry.getByRole('cell', { name: amount, exact: true }).first().waitFor();
      await entry.getByRole('cell', { name: nl(now), exact: true }).waitFor();
      expect(await seriousViolations(bp)).toEqual([]);

      const ledger = (await api(buyer).get(`/penalties?contractId=${contract.id}`).expect(200)).body;
      expect(ledger.items).toEqual([expect.objectContaining({ kind: 'penalty', outcome: 'applied', amountCents: 123_456, computedCents: 123_456, defaultId })]);

      expect(buyerSide.problems).toEqual([]);
      expect(supplierSide.problems).toEqual([]);
      expect(auditorSide.problems).toEqual([]);
    } finally {
      await buyerSide.context.close();
      await supplierSide.context.close();
      await auditorSide.context.close();
    }
  });
});
