import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import request, { Response } from 'supertest';
import { apiAs, binaryParser, comparableProblem, createActor, createContract, createTestApp, openInLibreOffice, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** smallDefinition plus the types it lacks: a date, several choices, countries, and a question that may be "not applicable". */
function definition(): Record<string, unknown> {
  const base = smallDefinition();
  const t = (en: string) => ({ en, fr: `${en} (fr)`, nl: `${en} (nl)` });
  const extra = {
    code: 'EX',
    title: t('Extra'),
    questions: [
      { code: 'EX-DATE', theme: 'other', type: 'date', required: false, text: t('Date of the last audit') },
      {
        code: 'EX-MULTI',
        theme: 'labels',
        type: 'multiple_choice',
        required: false,
        text: t('Labels held'),
        options: [
          { value: 'iso14001', label: t('ISO 14001'), colour: 'green' },
          { value: 'sa8000', label: t('SA8000'), colour: 'green' },
          { value: 'none', label: t('None'), colour: 'amber' },
        ],
      },
      { code: 'EX-COUNTRY', theme: 'site_disclosure', type: 'country_list', required: false, text: t('Countries of production'), countries: { red: ['KP'], otherwise: 'green' } },
      { code: 'EX-NA', theme: 'other', type: 'yes_no', required: false, notApplicableAllowed: true, text: t('Do you use subcontractors?'), options: [
        { value: 'yes', label: t('Yes'), colour: 'amber' },
        { value: 'no', label: t('No'), colour: 'green' },
      ] },
    ],
  };
  return { ...base, sections: [...(base.sections as unknown[]), extra] };
}

interface AnswerLike {
  questionCode: string;
  value: unknown;
  notApplicable: boolean;
  comment: string | null;
  colour: string;
  redFlag: boolean;
}

describe('assessments: the offline questionnaire workbook', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let otherSupplier: TestActor;
  let contractId: string;
  let templateId: string;
  const api = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, buyer, supplier)).id;
    templateId = (await publishedTemplate(t, buyer, definition())).id;
  });
  afterAll(() => t.close());

  const issue = async (): Promise<{ id: string; version: number }> => {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    return { id: issued.body.id as string, version: issued.body.version as number };
  };
  const download = (actor: TestActor, id: string) =>
    request(t.http).get(`/api/v1/assessments/${id}/workbook`).set('authorization', actor.auth).buffer(true).parse(binaryParser as never);
  const upload = (actor: TestActor, id: string, file: Buffer, fileName = 'questionnaire.xlsx') =>
    request(t.http).post(`/api/v1/assessments/${id}/workbook`).set('authorization', actor.auth).attach('file', file, { filename: fileName, contentType: XLSX });
  const open = async (file: Buffer): Promise<ExcelJS.Workbook> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    return workbook;
  };
  const save = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer());
  const rowOf = (sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row => {
    for (let n = 2; n <= sheet.rowCount; n++) if (sheet.getRow(n).getCell(1).value === code) return sheet.getRow(n);
    throw new Error(`no row for ${code}`);
  };
  /** Downloads the supplier's workbook, lets `fill` change the Questions sheet, and gives the file back. */
  const filled = async (id: string, fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> => {
    const workbook = await open((await download(supplier, id).expect(200)).body as Buffer);
    fill(workbook.getWorksheet('Questions')!, workbook);
    return save(workbook);
  };
  const comparable = (answers: AnswerLike[]) => answers.map(({ questionCode, value, notApplicable, comment, colour, redFlag }) => ({ questionCode, value, notApplicable, comment, colour, redFlag }));
  const errorsOf = (response: Response) => (response.body.errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();

  it('writes the instructions, one row per question with drop-downs and colours, and sealed hidden metadata, in the assessment language', async () => {
    const { id, version } = await issue();
    await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no', comment: 'checked' }, { questionCode: 'HW-01', value: 65 }] }, version).expect(200);
    await t.sql.query(`UPDATE assessments SET language = 'fr' WHERE id = $1`, [id]);

    const response = await download(supplier, id).expect(200);
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="questionnaire-REF-[a-f0-9]+-r1\.xlsx"$/);
    const workbook = await open(response.body as Buffer);
    expect(workbook.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Instructions', 'visible'],
      ['Questions', 'visible'],
      ['Lists', 'veryHidden'],
      ['Meta', 'veryHidden'],
    ]);
    const instructions = workbook.getWorksheet('Instructions')!;
    const texts: string[] = [];
    instructions.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value))));
    expect(texts).toEqual(expect.arrayContaining(['Comment remplir ce classeur', 'Couleurs', 'Vert', 'Orange', 'Rouge']));
    const legend = (label: string) => {
      let found: ExcelJS.Cell | undefined;
      instructions.eachRow((row) => (row.getCell(1).value === label ? (found = row.getCell(1)) : undefined));
      return (found!.fill as ExcelJS.FillPattern).fgColor?.argb;
    };
    expect([legend('Vert'), legend('Orange'), legend('Rouge')]).toEqual(['FF63BE7B', 'FFFFC000', 'FFF8696B']);

    const questions = workbook.getWorksheet('Questions')!;
    expect((questions.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['Code', 'Section', 'Question', 'Type de réponse', 'Réponse', 'Commentaire']);
    expect(questions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(questions.rowCount).toBe(1 + 10);
    const fl01 = rowOf(questions, 'FL-01');
    expect([fl01.getCell(2).value, fl01.getCell(3).value, fl01.getCell(5).value, fl01.getCell(6).value, fl01.getCell(7).value]).toEqual([
      'Forced labour (fr)',
      'Are identity documents retained? (fr)',
      'No (fr)',
      'checked',
      'Vert',
    ]);
    expect((fl01.getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FF63BE7B');
    const hw01 = rowOf(questions, 'HW-01');
    expect([hw01.getCell(5).value, hw01.getCell(7).value, (hw01.getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb]).toEqual([65, 'Orange', 'FFFFC000']);
    expect(rowOf(questions, 'FL-02').getCell(7).value).toBe('Non évalué');

    // Choices have a drop-down on the answer cell, fed from the hidden Lists sheet.
    const lists = workbook.getWorksheet('Lists')!;
    for (const [code, labels, strict] of [
      ['FL-01', ['Yes (fr)', 'No (fr)'], true],
      ['FL-03', ['The employer (fr)', 'Shared (fr)', 'The worker (fr)'], true],
      ['EX-MULTI', ['ISO 14001 (fr)', 'SA8000 (fr)', 'None (fr)'], false],
      ['EX-NA', ['Yes (fr)', 'No (fr)', 'Sans objet'], true],
    ] as const) {
      const validation = rowOf(questions, code).getCell(5).dataValidation;
      expect(validation).toMatchObject({ type: 'list', allowBlank: true });
      expect(validation.showErrorMessage ?? false).toBe(strict);
      const match = /^Lists!\$B\$(\d+):\$[A-Z]+\$\d+$/.exec(validation.formulae![0] as string);
      expect(match).not.toBeNull();
      const listRow = lists.getRow(Number(match![1]));
      expect([listRow.getCell(1).value, ...labels.map((_, i) => listRow.getCell(i + 2).value)]).toEqual([code, ...labels]);
    }
    expect(hw01.getCell(5).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 168] });
    expect(rowOf(questions, 'HW-02').getCell(5).dataValidation).toBeUndefined();

    const meta = workbook.getWorksheet('Meta')!;
    const values = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((n) => [meta.getRow(n).getCell(1).value, meta.getRow(n).getCell(2).value]));
    expect(values).toMatchObject({ format: 'ddp-questionnaire/1', assessmentId: id, revision: '1', templateId, templateVersion: '1', language: 'fr', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });

    // Whoever may read the assessment downloads it; the buyer may not import it.
    await download(buyer, id).expect(200);
    const denied = await upload(buyer, id, response.body as Buffer).expect(403);
    expect(denied.body.code).toBe('forbidden');
  });

  it('imports a workbook filled in exceljs exactly as PUT answers would save the same answers', async () => {
    const byWorkbook = await issue();
    const byPut = await issue();
    const file = await filled(byWorkbook.id, (sheet) => {
      rowOf(sheet, 'FL-01').getCell(5).value = 'no'; // the option value works as well as its label
      rowOf(sheet, 'FL-02').getCell(5).value = 'Yes';
      rowOf(sheet, 'FL-03').getCell(5).value = 'shared';
      rowOf(sheet, 'FL-03').getCell(6).value = '  Half each  ';
      rowOf(sheet, 'HW-01').getCell(5).value = { formula: '60+5', result: 65 } as ExcelJS.CellFormulaValue; // the cached result is used
      rowOf(sheet, 'HW-02').getCell(5).value = { richText: [{ text: 'Paid ' }, { font: { bold: true }, text: 'monthly' }] };
      rowOf(sheet, 'EX-DATE').getCell(5).value = new Date('2026-11-03T00:00:00Z');
      rowOf(sheet, 'EX-MULTI').getCell(5).value = 'SA8000; ISO 14001';
      rowOf(sheet, 'EX-COUNTRY').getCell(5).value = 'fr; BE';
      rowOf(sheet, 'EX-NA').getCell(5).value = 'Not applicable';
    });
    const imported = await upload(supplier, byWorkbook.id, file).expect(200);
    expect(imported.headers.etag).toBe(`"${imported.body.version}"`);
    expect(imported.body.version).toBe(byWorkbook.version + 1);

    await api(supplier)
      .put(
        `/assessments/${byPut.id}/answers`,
        {
          answers: [
            { questionCode: 'FL-01', value: 'no' },
            { questionCode: 'FL-02', value: 'yes' },
            { questionCode: 'FL-03', value: 'shared', comment: 'Half each' },
            { questionCode: 'HW-01', value: 65 },
            { questionCode: 'HW-02', value: 'Paid monthly' },
            { questionCode: 'EX-DATE', value: '2026-11-03' },
            { questionCode: 'EX-MULTI', value: ['sa8000', 'iso14001'] },
            { questionCode: 'EX-COUNTRY', value: ['FR', 'BE'] },
            { questionCode: 'EX-NA', value: null, notApplicable: true },
          ],
        },
        byPut.version,
      )
      .expect(200);
    const [a, b] = await Promise.all([api(supplier).get(`/assessments/${byWorkbook.id}`).expect(200), api(supplier).get(`/assessments/${byPut.id}`).expect(200)]);
    expect(imported.body.answers).toEqual(a.body.answers);
    expect(comparable(a.body.answers)).toEqual(comparable(b.body.answers));
    expect(comparable(a.body.answers)).toHaveLength(9);
    expect([a.body.colour, a.body.score, a.body.sections, a.body.status]).toEqual([b.body.colour, b.body.score, b.body.sections, b.body.status]);
    expect(a.body.answers.find((x: AnswerLike) => x.questionCode === 'EX-MULTI').value).toEqual(['iso14001', 'sa8000']);

    // The audit trail records the import as an ordinary save.
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'assessment.answers_saved'`, [byWorkbook.id]);
    expect(rows[0].n).toBe(1);

    // Downloaded again and sent back unchanged: nothing changes, not even the version.
    const again = (await download(supplier, byWorkbook.id).expect(200)).body as Buffer;
    const untouched = await upload(supplier, byWorkbook.id, again).expect(200);
    expect(untouched.headers.etag).toBe(`"${a.body.version}"`);
    // ... also once opened and saved by exceljs (a spreadsheet program rewrites the whole file).
    await upload(supplier, byWorkbook.id, await save(await open(again))).expect(200);
    expect((await api(supplier).get(`/assessments/${byWorkbook.id}`).expect(200)).body).toEqual(a.body);

    // Emptying a cell clears the answer, as a null value does through PUT.
    const cleared = await filled(byWorkbook.id, (sheet) => {
      rowOf(sheet, 'HW-02').getCell(5).value = null;
      rowOf(sheet, 'FL-03').getCell(6).value = null;
    });
    const after = await upload(supplier, byWorkbook.id, cleared).expect(200);
    expect(after.body.answers.find((x: AnswerLike) => x.questionCode === 'HW-02')).toBeUndefined();
    expect(after.body.answers.find((x: AnswerLike) => x.questionCode === 'FL-03').comment).toBeNull();
  });

  it('reports every wrong cell with its address and question code, and saves nothing', async () => {
    const { id, version } = await issue();
    const file = await filled(id, (sheet) => {
      rowOf(sheet, 'FL-01').getCell(5).value = 'Maybe';
      rowOf(sheet, 'FL-02').getCell(5).value = 'yes'; // valid, but not saved since other rows are wrong
      rowOf(sheet, 'HW-01').getCell(5).value = 'lots';
      rowOf(sheet, 'HW-02').getCell(5).value = { formula: 'A1&B1' } as ExcelJS.CellFormulaValue; // no cached value
      rowOf(sheet, 'MS-01').getCell(5).value = 'policy.pdf';
      rowOf(sheet, 'EX-DATE').getCell(5).value = '03/11/2026';
      rowOf(sheet, 'EX-COUNTRY').getCell(5).value = 'France';
      rowOf(sheet, 'EX-MULTI').getCell(5).value = 'SA8000; Fairtrade';
      rowOf(sheet, 'FL-03').getCell(5).value = 'Not applicable'; // not allowed for FL-03
      sheet.addRow(['ZZ-99', null, null, null, 'yes']);
    });
    const response = await upload(supplier, id, file).expect(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.code).toBe('unprocessable');
    expect(response.body.detail).toMatch(/nothing was saved/);
    const cell = (code: string) => `Questions!E${definitionRow(code)}`;
    expect(errorsOf(response)).toEqual(
      [cell('FL-01'), cell('FL-03'), cell('HW-01'), cell('HW-02'), cell('MS-01'), cell('EX-DATE'), cell('EX-MULTI'), cell('EX-COUNTRY'), 'Questions!A12'].sort(),
    );
    const messages = Object.fromEntries((response.body.errors as Array<{ field: string; message: string }>).map((e) => [e.field, e.message]));
    expect(messages[cell('FL-01')]).toBe('FL-01: "Maybe" is not one of "Yes", "No"');
    expect(messages[cell('HW-01')]).toMatch(/^HW-01: a number is expected/);
    expect(messages[cell('HW-02')]).toMatch(/^HW-02: the formula has no saved value/);
    expect(messages[cell('MS-01')]).toMatch(/^MS-01: a file question is answered by uploading/);
    expect(messages[cell('EX-DATE')]).toMatch(/^EX-DATE: a date is expected, as an Excel date or as text YYYY-MM-DD/);
    expect(messages[cell('EX-COUNTRY')]).toMatch(/^EX-COUNTRY: .*ISO 3166-1/);
    expect(messages[cell('EX-MULTI')]).toMatch(/^EX-MULTI: "Fairtrade" is not one of/);
    expect(messages[cell('FL-03')]).toMatch(/^FL-03: "Not applicable" is not one of/);
    expect(messages['Questions!A12']).toBe('ZZ-99 is not a question of this questionnaire');

    const after = await api(supplier).get(`/assessments/${id}`).expect(200);
    expect([after.body.version, after.body.answers]).toEqual([version, []]);

    // Dates typed as ISO text are accepted.
    const fixed = await filled(id, (sheet) => (rowOf(sheet, 'EX-DATE').getCell(5).value = '2026-11-03'));
    const saved = await upload(supplier, id, fixed).expect(200);
    expect(saved.body.answers.map((a: AnswerLike) => [a.questionCode, a.value])).toEqual([['EX-DATE', '2026-11-03']]);
  });

  /** The sheet row of a question: the template's order, after the header. */
  const definitionRow = (code: string): number => ['FL-01', 'FL-02', 'FL-03', 'HW-01', 'HW-02', 'MS-01', 'EX-DATE', 'EX-MULTI', 'EX-COUNTRY', 'EX-NA'].indexOf(code) + 2;

  it('refuses a workbook of another assessment, of another template version, with changed hidden data, or with renamed sheets or moved columns', async () => {
    const { id } = await issue();
    const other = await issue();
    const otherFile = (await download(supplier, other.id).expect(200)).body as Buffer;
    const foreign = await upload(supplier, id, otherFile).expect(422);
    expect(foreign.body.detail).toMatch(/belongs to another assessment/);
    expect(errorsOf(foreign)).toEqual(['Meta!B2']);

    const tampered = await filled(id, (_sheet, workbook) => (workbook.getWorksheet('Meta')!.getRow(3).getCell(2).value = '2'));
    const sealed = await upload(supplier, id, tampered).expect(422);
    expect(sealed.body.detail).toMatch(/checksum mismatch/);
    expect(errorsOf(sealed)).toEqual(['Meta']);

    const renamed = await filled(id, (sheet) => (sheet.name = 'Vragen'));
    const wrongSheet = await upload(supplier, id, renamed).expect(422);
    expect(wrongSheet.body.detail).toMatch(/no sheet named "Questions" \(sheets found: "Instructions", "Vragen", "Lists", "Meta"\)/);
    expect(errorsOf(wrongSheet)).toEqual(['Questions']);

    const moved = await filled(id, (sheet) => sheet.spliceColumns(2, 0, ['Extra']));
    const columns = await upload(supplier, id, moved).expect(422);
    expect(errorsOf(columns)).toEqual(['Questions!E1', 'Questions!F1']);

    const noMeta = await filled(id, (_sheet, workbook) => workbook.removeWorksheet(workbook.getWorksheet('Meta')!.id));
    expect(errorsOf(await upload(supplier, id, noMeta).expect(422))).toEqual(['Meta']);

    // The assessment moved to another template version after the download.
    const before = (await download(supplier, id).expect(200)).body as Buffer;
    const v2 = await publishedTemplate(t, buyer, definition());
    const { rows } = await t.sql.query(`SELECT template_id FROM assessments WHERE id = $1`, [id]);
    await t.sql.query(`UPDATE assessments SET template_id = $2 WHERE id = $1`, [id, v2.id]);
    try {
      const version = await upload(supplier, id, before).expect(422);
      expect(version.body.detail).toMatch(/template version/);
      expect(errorsOf(version)).toEqual(['Meta!B5']);
    } finally {
      await t.sql.query(`UPDATE assessments SET template_id = $2 WHERE id = $1`, [id, rows[0].template_id]);
    }
  });

  it('refuses what is not a plain workbook before reading it', async () => {
    const { id } = await issue();
    const csv = await upload(supplier, id, Buffer.from('Code,Answer\nFL-01,Yes\n'), 'questionnaire.xlsx').expect(415);
    expect(csv.body).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: 'file' }] });
    const xls = await upload(supplier, id, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])).expect(415);
    expect(xls.body.detail).toMatch(/old \.xls/);
  });

  it('produces a workbook LibreOffice opens, and that still imports unchanged once LibreOffice saved it', async () => {
    const { id, version } = await issue();
    const answered = await api(supplier)
      .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'HW-01', value: 62.5, comment: 'peak' }, { questionCode: 'EX-DATE', value: '2026-11-03' }, { questionCode: 'EX-MULTI', value: ['iso14001', 'none'] }] }, version)
      .expect(200);
    const dir = await mkdtemp(join(tmpdir(), 'assessment-workbook-'));
    try {
      await writeFile(join(dir, 'questionnaire.xlsx'), (await download(supplier, id).expect(200)).body as Buffer);
      const [instructions, questions] = await openInLibreOffice(join(dir, 'questionnaire.xlsx'));
      expect(instructions).toContain('How to fill in this workbook');
      expect(questions).toMatch(/^"?FL-01"?,.*"?No"?,/m);
      // Saved again by LibreOffice (as a supplier's office suite would): the same answers, so nothing changes.
      await promisify(execFile)(
        'soffice',
        [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'saved'), join(dir, 'questionnaire.xlsx')],
        { timeout: 120_000 },
      );
      const unchanged = await upload(supplier, id, await readFile(join(dir, 'saved', 'questionnaire.xlsx'))).expect(200);
      expect(unchanged.headers.etag).toBe(`"${answered.body.version}"`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reads a Questions sheet styled down 50,000 empty rows', async () => {
    const { id } = await issue();
    const file = await filled(id, (sheet) => {
      rowOf(sheet, 'HW-01').getCell(5).value = 48;
      for (let n = sheet.rowCount + 1; n <= 50_000; n++) {
        const row = sheet.getRow(n);
        row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        row.getCell(6).border = { bottom: { style: 'thin' } };
      }
    });
    const started = Date.now();
    const saved = await upload(supplier, id, file).expect(200);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(saved.body.answers.map((a: AnswerLike) => [a.questionCode, a.value, a.colour])).toEqual([['HW-01', 48, 'green']]);
  }, 60_000);

  it('keeps online changes: only rows changed in the workbook are saved, and a row changed on both sides is a conflict', async () => {
    const { id, version } = await issue();
    const file = (await download(supplier, id).expect(200)).body as Buffer;
    await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }] }, version).expect(200);

    const workbook = await open(file);
    rowOf(workbook.getWorksheet('Questions')!, 'HW-01').getCell(5).value = 40;
    const saved = await upload(supplier, id, await save(workbook)).expect(200);
    expect(saved.body.answers.map((a: AnswerLike) => [a.questionCode, a.value])).toEqual([
      ['FL-01', 'no'],
      ['HW-01', 40],
    ]);

    rowOf(workbook.getWorksheet('Questions')!, 'FL-01').getCell(5).value = 'Yes';
    const conflict = await upload(supplier, id, await save(workbook)).expect(409);
    expect(conflict.body.code).toBe('conflict');
    expect(errorsOf(conflict)).toEqual([`Questions!E${definitionRow('FL-01')}`]);
    expect((await api(supplier).get(`/assessments/${id}`).expect(200)).body.version).toBe(saved.body.version);
  });

  it('answers 404 to another supplier as for a missing assessment, 409 after submission and for an earlier revision', async () => {
    const { id, version } = await issue();
    const file = (await download(supplier, id).expect(200)).body as Buffer;
    const missing = '00000000-0000-4000-8000-000000000000';
    const [foreignGet, missingGet, foreignPost, missingPost] = [
      await download(otherSupplier, id).expect(404),
      await download(otherSupplier, missing).expect(404),
      await upload(otherSupplier, id, file).expect(404),
      await upload(otherSupplier, missing, file).expect(404),
    ];
    expect(comparableProblem(foreignGet)).toBe(comparableProblem(missingGet));
    expect(comparableProblem(foreignPost)).toBe(comparableProblem(missingPost));

    // Answer everything through the workbook, attach the policy, submit.
    const complete = await filled(id, (sheet) => {
      rowOf(sheet, 'FL-01').getCell(5).value = 'No';
      rowOf(sheet, 'FL-02').getCell(5).value = 'No';
      rowOf(sheet, 'HW-01').getCell(5).value = 50;
    });
    const saved = await upload(supplier, id, complete).expect(200);
    expect(saved.body.version).toBe(version + 1);
    await request(t.http)
      .post(`/api/v1/assessments/${id}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
      .expect(201);
    const submitted = await api(supplier).post(`/assessments/${id}/submit`, undefined, saved.body.version).expect(200);
    const late = await upload(supplier, id, complete).expect(409);
    expect(late.body.code).toBe('invalid_state');

    await api(buyer).post(`/assessments/${id}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'HW-01', text: 'Which sites?' }] }, submitted.body.version).expect(200);
    const stale = await upload(supplier, id, complete).expect(409);
    expect(stale.body.detail).toMatch(/made for revision 1; the assessment is at revision 2/);
    expect(errorsOf(stale)).toEqual(['Meta!B3']);
    // The new revision's workbook names its evidence and imports.
    const fresh = await filled(id, (sheet) => {
      expect(rowOf(sheet, 'MS-01').getCell(12).value).toBe('policy.pdf');
      rowOf(sheet, 'HW-01').getCell(5).value = 45;
    });
    const revised = await upload(supplier, id, fresh).expect(200);
    expect(revised.body).toMatchObject({ revision: 2, status: 'clarification_requested' });
  });
});
