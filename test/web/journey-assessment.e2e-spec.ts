import { createHash, randomBytes } from 'node:crypto';
import { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { createActor, createContract, escapeRegExp as escape, fieldLabel as labelled, PORTAL_LANGUAGE_NAMES as LANGUAGE_NAMES, portalContext, portalSuite, portalTexts as textsFor, seriousViolations, TestActor, TINY_PDF as PDF } from '@ddp/testing';

jest.setTimeout(300_000);

const PDF_SHA256 = createHash('sha256').update(PDF).digest('hex');

describe.each(['fr', 'nl'] as const)('the assessment journey in the browser (%s)', (lang) => {
  const t = textsFor(lang);
  const locale = lang === 'fr' ? 'fr-BE' : 'nl-BE';
  const suite = portalSuite();

  async function logIn(page: Page, actor: TestActor): Promise<void> {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: t('auth.login.title') }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(t('auth.login.email')).fill(actor.user.email);
    await page.getByLabel(t('auth.login.password')).fill(actor.password);
    await page.getByRole('button', { name: t('auth.login.submit') }).click();
    // Suppliers land on what is due; buyers on their dashboard.
    if (actor.organisation.kind === 'supplier') await page.getByRole('heading', { level: 1, name: t('home.title') }).waitFor();
    else await page.getByRole('button', { name: t('app.logout') }).waitFor();
  }

  /** The status line of the autosave says "Saved". */
  async function waitSaved(page: Page): Promise<void> {
    await page.getByRole('status').filter({ hasText: new RegExp(`^${escape(t('state.saved'))}$`) }).waitFor();
  }

  it('a buyer builds, previews, publishes and issues a template; the supplier answers with evidence; clarification; acceptance', async () => {
    const buyer = await createActor(suite.t, 'contracting_authority', 'admin');
    const supplier = await createActor(suite.t, 'supplier', 'admin');
    const contract = await createContract(suite.t, buyer, supplier);
    const { body: contractBody } = await request(suite.t.http).get(`/api/v1/contracts/${contract.id}`).set('authorization', buyer.auth).expect(200);
    const reference = contractBody.reference as string;

    const title = `${lang === 'fr' ? 'Questionnaire travail forcé' : 'Vragenlijst dwangarbeid'} ${randomBytes(3).toString('hex')}`;
    const q1Text = lang === 'fr' ? 'Retenez-vous les papiers d’identité des travailleurs ?' : 'Houdt u de identiteitspapieren van de werknemers bij?';
    const q2Text = lang === 'fr' ? 'Les travailleurs peuvent-ils les récupérer sur simple demande ?' : 'Kunnen de werknemers ze op eenvoudig verzoek terugkrijgen?';
    const q3Text = lang === 'fr' ? 'Joignez votre politique des droits humains.' : 'Voeg uw mensenrechtenbeleid toe.';
    const yes = lang === 'fr' ? 'Oui' : 'Ja';
    const no = lang === 'fr' ? 'Non' : 'Nee';
    const inLang = (label: string) => labelled(`${label} (${LANGUAGE_NAMES[lang]})`);
    const comment = lang === 'fr' ? 'Pourquoi les papiers sont-ils retenus ? Expliquez svp.' : 'Waarom worden de papieren bijgehouden? Graag uitleg.';

    const buyerSide = await portalContext(suite.browser, suite.baseURL, locale);
    const supplierSide = await portalContext(suite.browser, suite.baseURL, locale);
    try {
      // ---------- 1. The buyer builds the template, saves, previews, publishes and issues it ----------
      const b = buyerSide.page;
      await logIn(b, buyer);
      expect(await b.getAttribute('html', 'lang')).toBe(lang);
      await b.goto('/templates/new');
      await b.getByRole('heading', { level: 1, name: t('templates.new.title') }).waitFor();
      expect(await seriousViolations(b)).toEqual([]);

      await b.getByLabel(inLang(t('templates.editor.title'))).fill(title);
      const section = b.getByRole('region', { name: t('templates.editor.sectionName', { code: 'S1' }) });
      await section.getByLabel(inLang(t('templates.editor.sectionTitle'))).first().fill(lang === 'fr' ? 'Travail forcé' : 'Dwangarbeid');

      const question = (code: string): Locator => b.getByRole('group', { name: t('templates.editor.questionName', { code }), exact: true });
      // Q1: yes / no, "yes" (retaining papers) is red, "no" green.
      const q1 = question('S1-1');
      await q1.getByLabel(inLang(t('templates.editor.questionText'))).fill(q1Text);
      await q1.getByRole('group', { name: t('templates.editor.optionName', { value: 'yes' }) }).getByLabel(labelled(t('templates.editor.colour'))).selectOption('red');
      await q1.getByRole('group', { name: t('templates.editor.optionName', { value: 'no' }) }).getByLabel(labelled(t('templates.editor.colour'))).selectOption('green');

      // Q2: shown only when Q1 is answered "yes".
      const addQuestion = b.getByRole('button', { name: t('templates.editor.addQuestion', { name: t('templates.editor.sectionName', { code: 'S1' }) }) });
      await addQuestion.click();
      const q2 = question('S1-2');
      await q2.getByLabel(inLang(t('templates.editor.questionText'))).fill(q2Text);
      await q2.getByRole('group', { name: t('templates.editor.optionName', { value: 'yes' }) }).getByLabel(labelled(t('templates.editor.colour'))).selectOption('green');
      await q2.getByRole('group', { name: t('templates.editor.optionName', { value: 'no' }) }).getByLabel(labelled(t('templates.editor.colour'))).selectOption('red');
      await q2.getByLabel(labelled(t('templates.editor.condition'))).selectOption('S1-1');
      await q2.getByRole('group', { name: t('templates.editor.conditionAnswers', { code: 'S1-1' }) }).getByRole('checkbox', { name: yes }).check();

      // Q3: a document, evidence always required.
      await addQuestion.click();
      const q3 = question('S1-3');
      await q3.getByLabel(labelled(t('templates.editor.type'))).selectOption('file');
      await q3.getByLabel(inLang(t('templates.editor.questionText'))).fill(q3Text);

      await b.getByRole('button', { name: t('templates.new.create') }).click();
      await b.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(b.url()).toMatch(/\/templates\/[0-9a-f-]{36}$/);
      const templateId = b.url().split('/').pop()!;
      await b.getByText(t('templates.status.draft'), { exact: true }).waitFor();

      // A change, saved (publishing waits until nothing is unsaved).
      await b.getByLabel(inLang(t('templates.editor.description'))).fill(lang === 'fr' ? 'Questionnaire court.' : 'Korte vragenlijst.');
      await b.getByText(t('templates.unsaved'), { exact: true }).waitFor();
      await b.getByRole('button', { name: t('action.save'), exact: true }).click();
      await b.getByText(t('templates.unsaved'), { exact: true }).waitFor({ state: 'detached' });

      // The preview: the colour of a trial answer and the conditional question.
      const preview = b.getByRole('region', { name: t('templates.preview.title') });
      expect(await preview.getByText(q2Text).count()).toBe(0);
      await preview.getByRole('radiogroup', { name: q1Text }).getByRole('radio', { name: yes }).check();
      await preview.getByText(q2Text).waitFor();
      await preview.locator('[data-question="S1-1"]').getByText(t('colour.red')).waitFor();
      expect(await seriousViolations(b)).toEqual([]);

      await b.getByRole('button', { name: t('templates.publish'), exact: true }).click();
      const dialog = b.getByRole('dialog', { name: t('templates.publish.confirmTitle') });
      await dialog.getByRole('button', { name: t('templates.publish'), exact: true }).click();
      await b.getByText(t('templates.status.published'), { exact: true }).waitFor();

      const issue = b.getByRole('region', { name: t('templates.issue.title') });
      await issue.getByRole('checkbox', { name: t('templates.issue.choose', { reference }) }).check();
      await issue.getByLabel(labelled(t('templates.issue.dueDate'))).fill('2027-03-31');
      await issue.getByRole('button', { name: t('templates.issue.submit', { count: 1 }) }).click();
      await issue.getByText(t('templates.issue.done', { count: 1 })).waitFor();
      const href = await issue.getByRole('link', { name: t('templates.issue.open') }).getAttribute('href');
      expect(href).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
      const assessmentId = href!.split('/').pop()!;
      expect(await seriousViolations(b)).toEqual([]);

      // ---------- 2. The supplier answers, with evidence, autosaved, and submits ----------
      const s = supplierSide.page;
      await logIn(s, supplier);
      const dueLink = s.getByRole('link', { name: t('home.subject.assessment') });
      await dueLink.waitFor();
      await s.getByRole('cell', { name: reference }).waitFor();
      expect(await seriousViolations(s)).toEqual([]);
      await dueLink.click();
      await s.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(new URL(s.url()).pathname).toBe(`/assessments/${assessmentId}`);

      const item = (code: string): Locator => s.locator(`[data-question="${code}"]`);
      expect(await item('S1-2').count()).toBe(0);
      await s.getByRole('radiogroup', { name: q1Text }).getByRole('radio', { name: yes }).check();
      await item('S1-1').getByText(t('colour.red'), { exact: false }).waitFor();
      await item('S1-2').waitFor();
      await s.getByRole('radiogroup', { name: q2Text }).getByRole('radio', { name: yes }).check();
      await item('S1-2').getByText(t('colour.green')).waitFor();

      await item('S1-3').getByRole('button', { name: t('assessments.evidence.add', { code: 'S1-3' }) }).click();
      // "Choose a file" opens the browser's own picker (the File System Access API, which Playwright cannot drive):
      // the file is given to the drop zone's file input instead, as a drop or the picker would.
      await item('S1-3').locator('button', { hasText: t('assessments.evidence.choose') }).waitFor();
      await item('S1-3').getByLabel(t('assessments.evidence.choose')).setInputFiles({ name: 'policy.pdf', mimeType: 'application/pdf', buffer: PDF });
      await item('S1-3').getByText(t('assessments.evidence.chosen', { name: 'policy.pdf' })).waitFor();
      await item('S1-3').getByLabel(labelled(t('assessments.evidence.documentDate'))).fill('2026-03-01');
      await item('S1-3').getByRole('button', { name: t('action.upload'), exact: true }).click();
      await item('S1-3').getByRole('button', { name: t('assessments.evidence.download', { name: 'policy.pdf' }) }).waitFor();
      await waitSaved(s);
      expect(await seriousViolations(s)).toEqual([]);

      await s.reload();
      await s.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await s.getByRole('radiogroup', { name: q1Text }).getByRole('radio', { name: yes }).isChecked()).toBe(true);
      expect(await s.getByRole('radiogroup', { name: q2Text }).getByRole('radio', { name: yes }).isChecked()).toBe(true);
      await item('S1-3').getByRole('button', { name: t('assessments.evidence.download', { name: 'policy.pdf' }) }).waitFor();
      // Kept by the server, not only by the browser's draft.
      const saved = await request(suite.t.http).get(`/api/v1/assessments/${assessmentId}`).set('authorization', supplier.auth).expect(200);
      expect(Object.fromEntries((saved.body.answers as Array<{ questionCode: string; value: unknown }>).map((a) => [a.questionCode, a.value]))).toMatchObject({ 'S1-1': 'yes', 'S1-2': 'yes' });

      await s.getByRole('button', { name: t('action.submit'), exact: true }).click();
      await s.getByText(t('assessments.submit.done')).waitFor();
      await s.getByRole('paragraph').filter({ hasText: labelled(t('assessments.status.submitted')) }).waitFor();

      // ---------- 3. The buyer asks for a clarification on one answer ----------
      await b.goto(`/assessments/${assessmentId}`);
      await b.getByRole('heading', { level: 1, name: t('review.title', { template: title, contract: reference }) }).waitFor();
      await b.getByText(t('review.status.submitted'), { exact: true }).waitFor();
      expect(await seriousViolations(b)).toEqual([]);
      await b.getByLabel(t('review.commentFor', { code: 'S1-1' })).fill(comment);
      await b.getByRole('button', { name: t('review.requestClarification') }).click();
      await b.getByText(t('review.clarificationSent')).waitFor();
      await b.getByText(t('review.status.clarification_requested'), { exact: true }).waitFor();

      // ---------- 4. The supplier sees the comment, changes the answer, submits again ----------
      await s.reload();
      await s.getByRole('heading', { level: 1, name: title }).waitFor();
      await s.getByText(t('assessments.clarification.title')).waitFor();
      await item('S1-1').getByText(t('assessments.clarification.comment')).waitFor();
      await item('S1-1').getByText(comment).waitFor();
      await s.getByRole('radiogroup', { name: q1Text }).getByRole('radio', { name: no }).check();
      await item('S1-1').getByText(t('colour.green')).waitFor();
      await item('S1-2').waitFor({ state: 'detached' });
      await waitSaved(s);
      expect(await seriousViolations(s)).toEqual([]);
      await s.getByRole('button', { name: t('action.submit'), exact: true }).click();
      await s.getByText(t('assessments.submit.done')).waitFor();
      await s.getByRole('paragraph').filter({ hasText: labelled(t('assessments.status.submitted')) }).waitFor();
      await s.getByText(`· ${t('assessments.revisionN', { number: 2 })}`).waitFor();

      // ---------- 5. The buyer accepts ----------
      await b.reload();
      await b.getByText(t('review.status.submitted'), { exact: true }).waitFor();
      await b.getByRole('button', { name: t('review.accept') }).click();
      await b.getByText(t('review.accepted')).waitFor();
      await b.getByText(t('review.status.accepted'), { exact: true }).waitFor();
      expect(await seriousViolations(b)).toEqual([]);

      expect(buyerSide.problems).toEqual([]);
      expect(supplierSide.problems).toEqual([]);

      // ---------- The facts, through the API ----------
      const { body: assessment } = await request(suite.t.http).get(`/api/v1/assessments/${assessmentId}`).set('authorization', buyer.auth).expect(200);
      expect(assessment).toMatchObject({ status: 'accepted', revision: 2, colour: 'green', redFlags: 0 });
      expect(assessment.template.id).toBe(templateId);
      expect(assessment.evidence).toHaveLength(1);
      expect(assessment.evidence[0]).toMatchObject({ questionCode: 'S1-3', fileName: 'policy.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: PDF_SHA256, documentDate: '2026-03-01' });
      expect(assessment.answers.find((a: { questionCode: string }) => a.questionCode === 'S1-1')).toMatchObject({ value: 'no', colour: 'green' });
      expect(assessment.comments).toEqual([expect.objectContaining({ questionCode: 'S1-1', text: comment, revision: 1 })]);
      expect(assessment.revisions.map((r: { number: number; decision: string | null }) => [r.number, r.decision])).toEqual([
        [1, 'clarification_requested'],
        [2, 'accepted'],
      ]);

      const { body: template } = await request(suite.t.http).get(`/api/v1/questionnaire-templates/${templateId}`).set('authorization', buyer.auth).expect(200);
      expect(template.status).toBe('published');
      const questions = template.definition.sections[0].questions;
      expect(questions.map((q: { code: string; type: string }) => [q.code, q.type])).toEqual([
        ['S1-1', 'yes_no'],
        ['S1-2', 'yes_no'],
        ['S1-3', 'file'],
      ]);
      expect(questions[0].options.map((o: { value: string; colour: string }) => [o.value, o.colour])).toEqual([
        ['yes', 'red'],
        ['no', 'green'],
      ]);
      expect(questions[1].condition).toEqual({ questionCode: 'S1-1', anyOf: ['yes'] });
      expect(questions[2].evidence).toEqual({ required: 'always' });
    } finally {
      await buyerSide.context.close();
      await supplierSide.context.close();
    }
  });
});
