import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { INestApplicationContext } from '@nestjs/common';
import { StreamingWorkbook } from '@ddp/excel';
import { apiAs, binaryParser, comparableProblem, createActor, createContract, createTestApp, ensureRegistration, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';
import { ExportJob } from '../apps/worker/src/jobs/export.job';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const BASE = '2027-01-10T09:00:00Z';
const SHEET_NAMES = ['Summary', 'Contracts', 'Suppliers and sites', 'Smelters', 'Assessments', 'Answers', 'Findings', 'Action plans and actions', 'Reports and KPIs', 'Defaults and penalties', 'Audit events'];

describe('auditor workbook exports', () => {
  let t: TestApp;
  let buyer: TestActor;
  let colleague: TestActor;
  let supplier: TestActor;
  let auditor: TestActor;
  let worker: INestApplicationContext;
  let assigned: { id: string; reference: string };
  let unassigned: { id: string; reference: string };
  const api = apiAs(() => t);

  const download = (actor: TestActor, id: string) => request(t.http).get(`/api/v1/exports/${id}/file`).set('authorization', actor.auth).buffer(true).parse(binaryParser as never);
  const run = () => worker.get(ExportJob).run();
  const rows = (sheet: ExcelJS.Worksheet) => {
    const out: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => void (n > 1 && out.push(row)));
    return out;
  };
  const load = async (body: Buffer) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as never);
    return workbook;
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.freeze(BASE);
    buyer = await createActor(t, 'contracting_authority', 'admin');
    colleague = await createActor(t, 'contracting_authority', 'member', buyer.organisation);
    supplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'member');
    worker = await t.startWorker();
    // Questions in the buyer's language.
    await t.sql.query(`UPDATE organisations SET preferred_language = 'fr' WHERE id = $1`, [buyer.organisation.id]);

    const a = await createContract(t, buyer, supplier, { currency: 'EUR' });
    const b = await createContract(t, buyer, supplier);
    const refs = (await t.sql.query(`SELECT id, reference FROM contracts WHERE id = ANY($1::uuid[])`, [[a.id, b.id]])).rows as Array<{ id: string; reference: string }>;
    assigned = refs.find((r) => r.id === a.id)!;
    unassigned = refs.find((r) => r.id === b.id)!;
    await api(buyer).post(`/contracts/${a.id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);

    // A submitted assessment on each contract: red and amber answers become findings.
    const template = await publishedTemplate(t, buyer, smallDefinition());
    for (const contract of [a, b]) {
      const issued = await api(buyer).post('/assessments', { contractId: contract.id, templateId: template.id, dueDate: '2027-01-31' }).expect(201);
      const answers = [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 65, comment: 'peak season' }];
      const saved = await api(supplier).put(`/assessments/${issued.body.id}/answers`, { answers }, issued.body.version).expect(200);
      await request(t.http)
        .post(`/api/v1/assessments/${issued.body.id}/evidence`)
        .set('authorization', supplier.auth)
        .field('questionCode', 'MS-01')
        .field('documentDate', '2026-03-01')
        .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
        .expect(201);
      await api(supplier).post(`/assessments/${issued.body.id}/submit`, undefined, saved.body.version).expect(200);
    }
    const findings = (await api(buyer).get(`/findings?contractId=${a.id}`).expect(200)).body.items as Array<{ id: string; severity: string }>;
    const red = findings.find((f) => f.severity === 'high')!;
    const plan = await api(supplier)
      .post('/action-plans', { contractId: a.id, findingIds: [red.id], rootCause: 'No written policy forbade keeping passports', actions: [{ description: 'Return every passport', owner: 'HR manager', dueDate: '2027-02-15' }] })
      .expect(201);
    await api(supplier).post(`/action-plans/${plan.body.id}/submit`, undefined, plan.body.version).expect(200);

    // A report and a decided default with its penalty, arranged in SQL (their flows have their own suites).
    const terms = { articles: {}, noticeResponseDays: 15, noticeRemedyDays: 30, planDeadlineDays: 20 };
    const { rows: [clause] } = await t.sql.query(`INSERT INTO contract_clauses (contract_id, version_number, effective_from, terms) VALUES ($1, 1, '2026-01-01', $2) RETURNING id`, [a.id, JSON.stringify(terms)]);
    const { rows: [obligation] } = await t.sql.query(
      `INSERT INTO report_obligations (contract_id, authority_id, supplier_id, clause_id, period_start, period_end, due_date) VALUES ($1, $2, $3, $4, '2026-10-01', '2026-12-31', '2027-01-30') RETURNING id`,
      [a.id, buyer.organisation.id, supplier.organisation.id, clause.id],
    );
    await t.sql.query(
      `INSERT INTO reports (obligation_id, contract_id, authority_id, supplier_id, status, narrative, kpi_values, submission_count, first_submitted_at, first_submitted_on, days_late)
       VALUES ($1, $2, $3, $4, 'submitted', 'Quarterly report', $5, 1, '2027-01-05T10:00:00Z', '2027-01-05', 0)`,
      [obligation.id, a.id, buyer.organisation.id, supplier.organisation.id, JSON.stringify([{ code: 'AUDITED_SITES', value: '95' }])],
    );
    const { rows: [decided] } = await t.sql.query(
      `INSERT INTO defaults (contract_id, authority_id, supplier_id, origin, subject, occurred_on, failing, status, reference, sent_at, sent_on, decision, decision_reasons, decided_at)
       VALUES ($1, $2, $3, 'recorded', 'execution_condition', '2027-01-02', 'Audit refused', 'decided', 'ND-2027-0001', '2027-01-03T10:00:00Z', '2027-01-03', 'applied', 'Essential condition', '2027-01-08T10:00:00Z') RETURNING id`,
      [a.id, buyer.organisation.id, supplier.organisation.id],
    );
    await t.sql.query(
      `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, default_id, calculation, decided_on, decided_at)
       VALUES ($1, $2, $3, 'penalty', 'applied', 70000, 70000, 'EUR', $4, '{}', '2027-01-08', '2027-01-08T10:00:00Z')`,
      [a.id, buyer.organisation.id, supplier.organisation.id, decided.id],
    );
    // A current CMRT on each contract with one smelter (the import itself is tested in test/minerals).
    for (const [contract, name] of [[a.id, 'Smelter of the assigned contract'], [b.id, 'Smelter of the other contract']]) {
      const { rows } = await t.sql.query(
        `INSERT INTO minerals_reports (contract_id, authority_id, supplier_id, kind, version, company_name, scope, effective_date, declaration, file_sha256, file_size_bytes, smelter_count, uploaded_by)
         VALUES ($1, $2, $3, 'CMRT', '6.5', 'Laptop Solutions', 'Company', '2026-12-31', '{}', repeat('a', 64), 1, 1, $4) RETURNING id`,
        [contract, buyer.organisation.id, supplier.organisation.id, supplier.user.id],
      );
      await t.sql.query(`INSERT INTO minerals_smelters (report_id, row_number, metal, name, country, smelter_id, source, group_key) VALUES ($1, 5, 'Tin', $2, 'INDONESIA', 'CID001070', 'RMI', 'id:CID001070')`, [rows[0].id, name]);
    }
  }, 120_000);
  beforeEach(() => t.clock.freeze(BASE));
  afterAll(() => t.close());

  it('writes the buyer’s portfolio and the auditor’s assigned contract, each readable only by its requester', async () => {
    const asked = await api(buyer).post('/exports', { scope: { portfolio: true }, from: '2026-01-01', to: '2027-12-31' }).expect(202);
    expect(asked.body).toMatchObject({ status: 'queued', scope: { portfolio: true }, from: '2026-01-01', to: '2027-12-31', progress: { rowsWritten: 0, rowsTotal: null }, fileName: null });
    const byAuditor = await api(auditor).post('/exports', { scope: { contractIds: [assigned.id] } }).expect(202);

    // Not yet done: no file. Another user of the same organisation: 404, as for a missing export.
    expect(JSON.parse((await download(buyer, asked.body.id).expect(409)).body.toString('utf8')).code).toBe('invalid_state');
    const hidden = await api(colleague).get(`/exports/${asked.body.id}`).expect(404);
    const missing = await api(colleague).get(`/exports/00000000-0000-4000-8000-000000000000`).expect(404);
    expect(comparableProblem(hidden)).toEqual(comparableProblem(missing));
    expect(comparableProblem(await download(colleague, asked.body.id).expect(404))).toEqual(comparableProblem(missing));
    expect(comparableProblem(await api(buyer).get(`/exports/${byAuditor.body.id}`).expect(404))).toEqual(comparableProblem(missing));

    expect(await run()).toMatchObject({ done: 2, failed: 0 });
    const status = (await api(buyer).get(`/exports/${asked.body.id}`).expect(200)).body;
    expect(status).toMatchObject({ status: 'done', error: null });
    expect(status.progress.rowsWritten).toBeGreaterThan(10);
    expect(status.progress.rowsWritten).toBe(status.progress.rowsTotal);
    expect(new Date(status.expiresAt).getTime() - new Date(status.createdAt).getTime()).toBe(7 * 86_400_000);

    const file = await download(buyer, asked.body.id).expect(200);
    expect(file.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="export-2027-01-10-[0-9a-f]{8}\.xlsx"$/);
    const workbook = await load(file.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(SHEET_NAMES);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      expect(sheet.getColumn(1).width).toBeGreaterThan(5);
    }

    const contracts = rows(workbook.getWorksheet('Contracts')!);
    expect(contracts.map((r) => r.getCell(1).value).sort()).toEqual([assigned.reference, unassigned.reference].sort());
    const value = contracts[0].getCell(9);
    expect(value.value).toBe(1_250_000);
    expect(value.numFmt).toContain('EUR');
    expect(contracts[0].getCell(7).value).toEqual(new Date('2026-01-01T00:00:00Z'));

    const assessments = rows(workbook.getWorksheet('Assessments')!);
    expect(assessments).toHaveLength(2);
    expect(assessments[0].getCell(6).value).toBe('red');
    expect(assessments[0].getCell(10).value).toBeInstanceOf(Date);
    expect(assessments[0].getCell(11).value).toEqual(new Date('2027-01-31T00:00:00Z'));

    const answers = rows(workbook.getWorksheet('Answers')!);
    const fl01 = answers.find((r) => r.getCell(7).value === 'FL-01' && r.getCell(1).value === assigned.reference)!;
    expect(fl01.getCell(8).value).toBe('Are identity documents retained? (fr)');
    expect(fl01.getCell(9).value).toBe('Yes (fr)');
    expect(fl01.getCell(10).value).toBe('red');
    expect((fl01.getCell(10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8696B');
    const hw01 = answers.find((r) => r.getCell(7).value === 'HW-01')!;
    expect(hw01.getCell(9).value).toBe(65);
    expect(hw01.getCell(12).value).toBe('peak season');
    expect((hw01.getCell(10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC000');
    const ms01 = answers.find((r) => r.getCell(7).value === 'MS-01')!;
    expect(ms01.getCell(13).value).toBe('policy.pdf');
    expect(ms01.getCell(14).value).toMatch(/^[0-9a-f]{64}$/);

    expect(rows(workbook.getWorksheet('Findings')!).map((r) => r.getCell(3).value).sort()).toEqual(['high', 'high', 'medium', 'medium']);
    const plans = rows(workbook.getWorksheet('Action plans and actions')!);
    expect(plans.map((r) => [r.getCell(10).value, r.getCell(12).value])).toEqual([['Return every passport', new Date('2027-02-15T00:00:00Z')]]);
    const reports = rows(workbook.getWorksheet('Reports and KPIs')!);
    expect(reports.map((r) => [r.getCell(6).value, r.getCell(10).value, r.getCell(11).value])).toEqual([['submitted', 'AUDITED_SITES', 95]]);

    const money = rows(workbook.getWorksheet('Defaults and penalties')!);
    const penalty = money.find((r) => r.getCell(1).value === 'ledger entry')!;
    expect(penalty.getCell(11).value).toBe(700);
    expect(penalty.getCell(11).numFmt).toMatch(/EUR.*0\.00/);
    expect(money.find((r) => r.getCell(1).value === 'default')!.getCell(11).value).toBe(700);

    // The buyer's administrator: its organisation's audit events are in.
    const events = rows(workbook.getWorksheet('Audit events')!);
    expect(events.map((r) => r.getCell(3).value)).toContain('export.requested');
    expect(events[0].getCell(2).value).toBeInstanceOf(Date);

    const summary = workbook.getWorksheet('Summary')!;
    const summaryRows = rows(summary);
    const generatedAt = summaryRows.find((r) => r.getCell(1).value === 'Generated at (UTC)')!.getCell(2).value as Date;
    expect(Math.abs(generatedAt.getTime() - Date.parse(BASE))).toBeLessThan(1000);
    expect(summaryRows.find((r) => r.getCell(1).value === 'Generated by')!.getCell(2).value).toContain(buyer.user.email);
    expect(summaryRows.filter((r) => r.getCell(1).value === 'Colour legend').map((r) => (r.getCell(3).fill as ExcelJS.FillPattern).fgColor?.argb)).toEqual(['FF63BE7B', 'FFFFC000', 'FFF8696B', 'FFD9D9D9']);
    expect(summaryRows.find((r) => r.getCell(1).value === 'Rows: Answers')!.getCell(2).value).toBe(answers.length);

    // The auditor's workbook: its assigned contract only; a member: no audit events.
    const auditorBook = await load((await download(auditor, byAuditor.body.id).expect(200)).body);
    expect(rows(auditorBook.getWorksheet('Contracts')!).map((r) => r.getCell(1).value)).toEqual([assigned.reference]);
    expect(rows(auditorBook.getWorksheet('Smelters')!).map((r) => [r.getCell(1).value, r.getCell(3).value, r.getCell(5).value, r.getCell(6).value, r.getCell(8).value])).toEqual([
      [assigned.reference, 'CMRT 6.5', 'Tin', 'Smelter of the assigned contract', 'CID001070'],
    ]);
    expect(new Set(rows(auditorBook.getWorksheet('Answers')!).map((r) => r.getCell(1).value))).toEqual(new Set([assigned.reference]));
    expect(rows(auditorBook.getWorksheet('Answers')!).find((r) => r.getCell(7).value === 'FL-01')!.getCell(8).value).toBe('Are identity documents retained?');
    expect(rows(auditorBook.getWorksheet('Audit events')!)).toHaveLength(0);

    // It opens in LibreOffice (converted without error).
    const dir = mkdtempSync(join(tmpdir(), 'ddp-export-'));
    try {
      writeFileSync(join(dir, 'book.xlsx'), file.body);
      execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv', '--outdir', dir, join(dir, 'book.xlsx')], { timeout: 120_000, stdio: 'ignore' });
      expect(readFileSync(join(dir, 'book.csv'), 'utf8')).toContain('Due-diligence auditor workbook');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses what the requester may not read or export, with the field named', async () => {
    const missing = await api(auditor).post('/exports', { scope: { contractIds: [unassigned.id] } }).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'scope.contractIds[0]', message: 'no such contract' }]);
    const other = await api(auditor).post('/exports', { scope: { contractIds: ['00000000-0000-4000-8000-000000000000'] } }).expect(400);
    expect(other.body.errors).toEqual(missing.body.errors);
    await api(supplier).post('/exports', { scope: { portfolio: true } }).expect(403);
    for (const body of [{}, { scope: {} }, { scope: { portfolio: true, contractIds: [assigned.id] } }, { scope: { portfolio: false } }, { scope: { contractIds: [] } }, { scope: { contractIds: ['nope'] } }]) {
      await api(buyer).post('/exports', body).expect(400);
    }
    const backwards = await api(buyer).post('/exports', { scope: { portfolio: true }, from: '2027-02-01', to: '2027-01-01' }).expect(400);
    expect(backwards.body.errors[0].field).toBe('to');
    await api(buyer).post('/exports', { scope: { portfolio: true }, from: '2027-02-30' }).expect(400);
    const { rows: [{ n }] } = await t.sql.query(`SELECT count(*)::int AS n FROM exports WHERE created_at = $1 AND user_id IN ($2, $3)`, [new Date(BASE), auditor.user.id, supplier.user.id]);
    expect(n).toBe(1); // the auditor's valid export of the first test only
  });

  it('takes over an export whose worker died (its claim expired) and publishes its file once', async () => {
    const asked = await api(buyer).post('/exports', { scope: { contractIds: [assigned.id] } }).expect(202);
    // A worker claimed it and died: while its claim runs, nobody else takes it.
    await t.sql.query(`UPDATE exports SET status = 'running', attempts = 1, claim_token = gen_random_uuid(), claimed_until = $2, started_at = $3 WHERE id = $1`, [
      asked.body.id,
      new Date(Date.parse(BASE) + 60_000),
      new Date(BASE),
    ]);
    expect(await run()).toMatchObject({ done: 0 });
    expect((await api(buyer).get(`/exports/${asked.body.id}`).expect(200)).body.status).toBe('running');

    t.clock.advance({ hours: 1 });
    expect(await run()).toMatchObject({ done: 1 });
    const { rows: [row] } = await t.sql.query(`SELECT status, attempts, storage_key, claim_token FROM exports WHERE id = $1`, [asked.body.id]);
    expect(row).toMatchObject({ status: 'done', attempts: 2, claim_token: null });
    expect(existsSync(join(t.config.filesDir, row.storage_key.slice(0, 2), row.storage_key))).toBe(true);
    expect(readdirSync(join(t.config.filesDir, 'incoming'))).toEqual([]);
    expect(await run()).toMatchObject({ done: 0 });
    const book = await load((await download(buyer, asked.body.id).expect(200)).body);
    expect(rows(book.getWorksheet('Contracts')!)).toHaveLength(1);
  }, 60_000);

  it('removes exports and their files after 7 days', async () => {
    const asked = await api(buyer).post('/exports', { scope: { contractIds: [unassigned.id] } }).expect(202);
    await run();
    const { rows: [row] } = await t.sql.query(`SELECT storage_key FROM exports WHERE id = $1`, [asked.body.id]);
    const path = join(t.config.filesDir, row.storage_key.slice(0, 2), row.storage_key);
    expect(existsSync(path)).toBe(true);

    t.clock.advance({ days: 6, hours: 23 });
    await api(buyer).get(`/exports/${asked.body.id}`).expect(200);
    t.clock.advance({ hours: 1 });
    // Gone from the API at once, and from the disk at the next run.
    await api(buyer).get(`/exports/${asked.body.id}`).expect(404);
    const result = await run();
    expect(result.removed).toBeGreaterThanOrEqual(1);
    expect(existsSync(path)).toBe(false);
    expect((await t.sql.query(`SELECT 1 FROM exports WHERE id = $1`, [asked.body.id])).rows).toEqual([]);
  }, 60_000);
});

describe('the streaming workbook', () => {
  it('continues a sheet past its row limit on "Name (2)", each part with its header, frozen and filtered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ddp-sheet-'));
    try {
      const path = join(dir, 'book.xlsx');
      const book = new StreamingWorkbook(path, { maxRowsPerSheet: 3 });
      const sheet = book.sheet('Answers', [{ header: 'N', width: 8, type: 'integer' }, { header: 'Amount', width: 12, type: 'money' }, { header: 'Colour', width: 8, type: 'colour' }]);
      for (let n = 1; n <= 5; n++) await sheet.add([n, { cents: n * 150, currency: 'EUR' }, 'green']);
      await book.close();
      const read = new ExcelJS.Workbook();
      await read.xlsx.readFile(path);
      expect(read.worksheets.map((s) => s.name)).toEqual(['Answers', 'Answers (2)', 'Answers (3)']);
      expect(read.worksheets.map((s) => s.getSheetValues().filter(Boolean).length)).toEqual([3, 3, 2]);
      const last = read.getWorksheet('Answers (3)')!;
      expect(last.getRow(1).getCell(1).value).toBe('N');
      expect(last.getRow(2).getCell(2).value).toBe(7.5);
      expect(last.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(last.autoFilter).toBe('A1:C2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
