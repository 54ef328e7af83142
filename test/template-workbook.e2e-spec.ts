import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import request from 'supertest';
import { apiAs, binaryParser, comparableProblem, createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';

type Json = Record<string, unknown>;
interface FieldError {
  field: string;
  message: string;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A template using every field of a definition: translations, descriptions, guidance, conditions, ranges, options, colours, countries, evidence rules. */
function customDefinition(): Json {
  const t = (en: string) => ({ nl: `${en} (nl)`, en });
  return {
    languages: ['nl', 'en'],
    title: t('Custom supplier check'),
    description: t('A template exercising every field of a definition'),
    scoring: { method: 'weighted', amberBelow: 80, redBelow: 55.5 },
    sections: [
      {
        code: 'LAB',
        title: t('Labour'),
        description: t('Labour practices'),
        questions: [
          {
            code: 'LAB-01',
            theme: 'forced_labour',
            type: 'yes_no',
            required: true,
            weight: 5,
            notApplicableAllowed: false,
            text: t('Are identity documents retained?'),
            guidance: t('Passports, ID cards, work permits'),
            evidence: { required: 'when', anyOf: ['yes'] },
            options: [
              { value: 'yes', label: t('Yes'), colour: 'red', redFlag: true },
              { value: 'no', label: t('No'), colour: 'green', redFlag: false },
            ],
          },
          {
            code: 'LAB-02',
            theme: 'working_hours_wages',
            type: 'multiple_choice',
            required: false,
            weight: 0,
            notApplicableAllowed: true,
            text: t('Which contracts do you use?'),
            condition: { questionCode: 'LAB-01', anyOf: ['no'] },
            options: [
              { value: 'permanent', label: t('Permanent'), colour: 'green' },
              { value: 'temporary', label: t('Temporary'), colour: 'amber' },
              { value: 'agency', label: t('Agency, 10%') },
              { value: '1', label: t('1') },
            ],
          },
          {
            code: 'LAB-03',
            theme: 'working_hours_wages',
            type: 'number',
            required: true,
            unit: 'h/week',
            min: 0,
            max: 168.5,
            integer: false,
            text: t('Maximum weekly hours'),
            condition: { questionCode: 'LAB-02', anyOf: ['temporary', 'agency'] },
            ranges: [
              { max: 60.01, colour: 'green' },
              { min: 60.01, max: 72, colour: 'amber', redFlag: false },
              { min: 72, colour: 'red', redFlag: true },
            ],
            evidence: { required: 'always' },
          },
          { code: 'LAB-04', theme: 'child_labour', type: 'number', required: false, integer: true, ranges: [], text: t('Youngest worker age') },
          { code: 'LAB-05', theme: 'other', type: 'number', required: false, text: t('A number without rules') },
        ],
      },
      {
        code: 'SITE',
        title: t('Sites'),
        questions: [
          {
            code: 'SITE-01',
            theme: 'site_disclosure',
            type: 'country_list',
            required: true,
            text: t('Countries of your tier-1 sites'),
            countries: { amber: ['CN', 'VN'], red: ['MM'], otherwise: 'green' },
            evidence: { required: 'never' },
          },
          { code: 'SITE-02', theme: 'site_disclosure', type: 'country_list', required: false, text: t('Other countries'), countries: {} },
          { code: 'SITE-03', theme: 'site_disclosure', type: 'country_list', required: false, text: t('Sub-suppliers'), countries: { amber: [], red: ['KP'] } },
          { code: 'SITE-04', theme: 'environment', type: 'date', required: false, text: t('Date of the last audit') },
          { code: 'SITE-05', theme: 'management_system', type: 'file', required: true, text: t('Upload your policy'), guidance: t('=SUM(A1) is not a formula') },
          {
            code: 'SITE-06',
            theme: 'labels',
            type: 'single_choice',
            required: true,
            text: t('Which label?'),
            options: [
              { value: 'fairtrade', label: t('Fairtrade'), colour: 'green' },
              { value: 'none_yet', label: t('None yet'), colour: 'amber' },
            ],
          },
          { code: 'SITE-07', theme: 'circularity', type: 'text', required: false, text: t('Anything else?') },
        ],
      },
    ],
  };
}

const run = promisify(execFile);

describe('questionnaire templates as Excel workbooks', () => {
  let t: TestApp;
  let admin: TestActor; // authority A
  let otherAdmin: TestActor; // authority B
  let supplier: TestActor;
  let references: Array<{ id: string; referenceKey: string; questionCount: number }>;
  let custom: { id: string; definition: Json };
  let customWorkbook: Buffer;

  const api = apiAs(() => t);

  const download = (actor: TestActor, id: string) =>
    api(actor).get(`/questionnaire-templates/${id}/workbook`).buffer(true).parse(binaryParser as never);
  const upload = (actor: TestActor, content: Buffer, filename = 'template.xlsx', contentType = XLSX) =>
    api(actor).post('/questionnaire-templates/import').attach('file', content, { filename, contentType });
  const countTemplates = async (): Promise<number> => Number((await t.sql.query<{ n: string }>('SELECT count(*) AS n FROM questionnaire_templates')).rows[0].n);

  /** The custom template's workbook, changed by `edit` (exceljs, as a buyer's Excel would). */
  const edited = async (edit: (workbook: ExcelJS.Workbook) => void | Promise<void>): Promise<Buffer> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(customWorkbook as never);
    await edit(workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  /** The row of `sheet` whose first column is `key`. */
  const rowOf = (workbook: ExcelJS.Workbook, sheet: string, key: string, column = 1): ExcelJS.Row => {
    const ws = workbook.getWorksheet(sheet)!;
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(column).value === key) return ws.getRow(r);
    throw new Error(`${sheet}: no row ${key}`);
  };
  const columnOf = (workbook: ExcelJS.Workbook, sheet: string, header: string): number => {
    const values = workbook.getWorksheet(sheet)!.getRow(1).values as unknown[];
    const index = values.indexOf(header);
    if (index < 1) throw new Error(`${sheet}: no column ${header}`);
    return index;
  };
  const cellRef = (workbook: ExcelJS.Workbook, sheet: string, key: string, header: string, keyColumn = 1): string =>
    `${sheet}!${rowOf(workbook, sheet, key, keyColumn).getCell(columnOf(workbook, sheet, header)).address}`;

  const expectUnprocessable = async (content: Buffer): Promise<FieldError[]> => {
    const before = await countTemplates();
    const res = await upload(admin, content);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('unprocessable');
    expect(await countTemplates()).toBe(before);
    return res.body.errors as FieldError[];
  };

  /** Imports the workbook and gives the definition of the new draft, read back through GET. */
  const roundTrip = async (content: Buffer): Promise<{ id: string; definition: Json }> => {
    const res = await upload(admin, content);
    // The problems, when there are any, show in the failure.
    expect({ status: res.status, errors: res.body.errors }).toEqual({ status: 201, errors: undefined });
    expect(res.headers.etag).toBe(`"${res.body.version}"`);
    expect(res.body).toMatchObject({ status: 'draft', versionNumber: 1, owner: { id: admin.organisation.id }, isReference: false });
    const got = await api(admin).get(`/questionnaire-templates/${res.body.id}`).expect(200);
    return { id: got.body.id, definition: got.body.definition };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, 'contracting_authority', 'admin');
    otherAdmin = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    const list = await api(admin).get('/questionnaire-templates?reference=true').expect(200);
    references = list.body.items;
    const created = await api(admin).post('/questionnaire-templates', { definition: customDefinition() }).expect(201);
    custom = { id: created.body.id, definition: created.body.definition };
    customWorkbook = (await download(admin, custom.id).expect(200)).body as Buffer;
  });
  afterAll(() => t.close());

  describe('export → import gives back the same definition', () => {
    it.each([
      ['ict-quick-scan', 27],
      ['ict-full-assessment', 84],
    ])('for the reference template %s (%i questions)', async (key, count) => {
      const reference = references.find((r) => r.referenceKey === key)!;
      expect(reference.questionCount).toBe(count);
      const original = (await api(admin).get(`/questionnaire-templates/${reference.id}`).expect(200)).body.definition as Json;
      const res = await download(admin, reference.id).expect(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+-v\d+\.xlsx"$/);
      const imported = await roundTrip(res.body as Buffer);
      expect(imported.definition).toEqual(original);
      const summary = (await api(admin).get(`/questionnaire-templates/${imported.id}`).expect(200)).body;
      expect(summary.questionCount).toBe(count);
    });

    it('for a custom template using every field (conditions, ranges, options, colours, countries, translations)', async () => {
      const imported = await roundTrip(customWorkbook);
      expect(imported.definition).toEqual(custom.definition);
      expect(imported.definition).toEqual(customDefinition());
      // And again from the import's own export.
      const again = await roundTrip((await download(admin, imported.id).expect(200)).body as Buffer);
      expect(again.definition).toEqual(custom.definition);
    });

    it('writes the documented sheets, with frozen headers, filters, colour fills and the colour as text', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(customWorkbook as never);
      expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Read me', 'Template', 'Sections', 'Questions', 'Options', 'Ranges']);
      const questions = workbook.getWorksheet('Questions')!;
      expect(questions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(questions.autoFilter).toBeDefined();
      expect((questions.getRow(1).values as unknown[]).slice(1, 10)).toEqual(['code', 'section', 'type', 'theme', 'required', 'notApplicableAllowed', 'weight', 'text.nl', 'text.en']);
      const red = rowOf(workbook, 'Options', 'LAB-01').getCell(columnOf(workbook, 'Options', 'colour'));
      expect(red.value).toBe('red');
      expect(red.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFF8696B' } });
      expect(rowOf(workbook, 'Template', 'scoring.redBelow').getCell(2).value).toBe(55.5);
    });

    it('produces a workbook LibreOffice opens, and imports it once LibreOffice saved it', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'template-workbook-'));
      try {
        await writeFile(join(dir, 'template.xlsx'), customWorkbook);
        await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv', '--outdir', dir, join(dir, 'template.xlsx')], { timeout: 90_000 });
        // The first sheet (Read me) as CSV.
        expect(await readFile(join(dir, 'template.csv'), 'utf8')).toContain('Questionnaire template: Custom supplier check');
        // Saved again by LibreOffice (as a buyer's office suite would), it still imports to the same definition.
        await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'saved'), join(dir, 'template.xlsx')], { timeout: 90_000 });
        const imported = await roundTrip(await readFile(join(dir, 'saved', 'template.xlsx')));
        expect(imported.definition).toEqual(custom.definition);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });

  describe('errors by cell', () => {
    it('lists every problem of the cells and of the definition, by cell, and creates nothing', async () => {
      let cells: Record<string, string> = {};
      const content = await edited((wb) => {
        cells = {
          type: cellRef(wb, 'Questions', 'LAB-05', 'type'),
          weight: cellRef(wb, 'Questions', 'LAB-01', 'weight'),
          section: cellRef(wb, 'Questions', 'SITE-07', 'section'),
          condition: cellRef(wb, 'Questions', 'LAB-02', 'condition.question'),
          date: cellRef(wb, 'Questions', 'SITE-04', 'text.en'),
          colour: cellRef(wb, 'Options', 'temporary', 'colour', 2),
          redFlag: cellRef(wb, 'Options', 'fairtrade', 'colour', 2),
          country: cellRef(wb, 'Questions', 'SITE-01', 'countries.red'),
          rangeMax: `Ranges!${rowOf(wb, 'Ranges', 'LAB-03').getCell(columnOf(wb, 'Ranges', 'max')).address}`,
          amber: cellRef(wb, 'Template', 'scoring.amberBelow', 'value'),
        };
        const set = (ref: string, value: ExcelJS.CellValue) => {
          const [sheet, address] = ref.split('!');
          wb.getWorksheet(sheet)!.getCell(address).value = value;
        };
        set(cells.type, 'yesno');
        set(cells.weight, 'heavy');
        set(cells.section, 'NOPE');
        set(cells.condition, 'LAB-99');
        // A date typed into a text cell (Excel gives it a date format).
        set(cells.date, new Date(Date.UTC(2027, 2, 12)));
        const dateCell = wb.getWorksheet('Questions')!.getCell(cells.date.split('!')[1]);
        dateCell.style = { ...dateCell.style, numFmt: 'dd/mm/yyyy' };
        set(cells.colour, 'purple');
        set(cells.country, 'MM, XX');
        set(cells.rangeMax, '12/03/2027');
        set(cells.amber, 120);
        // A red flag that is not red (the definition validator's rule, mapped back to the cell).
        const fairtrade = rowOf(wb, 'Options', 'fairtrade', 2);
        fairtrade.getCell(columnOf(wb, 'Options', 'redFlag')).value = true;
        // An option of a question that does not exist.
        const extra = wb.getWorksheet('Options')!.addRow(['GHOST-01', 'maybe', 'Misschien', 'Maybe']);
        cells.ghost = `Options!A${extra.number}`;
      });
      const errors = await expectUnprocessable(content);
      const fields = errors.map((e) => e.field);
      const messageAt = (field: string) => errors.find((e) => e.field === field)?.message;
      expect(messageAt(cells.type)).toMatch(/type must be one of yes_no, single_choice/);
      expect(messageAt(cells.weight)).toBe('weight must be a number');
      expect(messageAt(cells.section)).toBe('section NOPE is not a section of the Sections sheet');
      expect(messageAt(cells.condition)).toMatch(/questionCode must name a question of this template/);
      expect(messageAt(cells.date)).toMatch(/^text\.en is a date; a text is expected/);
      expect(messageAt(cells.colour)).toMatch(/colour must be one of green, amber, red/);
      expect(messageAt(cells.redFlag)).toMatch(/colour must be red when redFlag is true/);
      expect(messageAt(cells.country)).toMatch(/XX is not one/);
      expect(messageAt(cells.rangeMax)).toBe('max must be a number');
      expect(messageAt(cells.amber)).toMatch(/amberBelow must be a number between 0 and 100/);
      expect(messageAt(cells.ghost)).toBe('question GHOST-01 is not a question of the Questions sheet');
      expect(fields.every((f) => /^(Template|Sections|Questions|Options|Ranges)!\$?[A-Z]+\$?\d+$/.test(f))).toBe(true);
      expect(new Set(fields).size).toBe(fields.length);
    });

    it('maps list-level problems to the rows they concern', async () => {
      let typeCell = '';
      let codeCell = '';
      let firstCell = '';
      const content = await edited((wb) => {
        // LAB-05 becomes a yes_no question without options; SITE-07 repeats the code SITE-06.
        typeCell = cellRef(wb, 'Questions', 'LAB-05', 'type');
        rowOf(wb, 'Questions', 'LAB-05').getCell(columnOf(wb, 'Questions', 'type')).value = 'yes_no';
        firstCell = `Questions!${rowOf(wb, 'Questions', 'SITE-06').getCell(1).address}`;
        const site7 = rowOf(wb, 'Questions', 'SITE-07');
        codeCell = `Questions!${site7.getCell(1).address}`;
        site7.getCell(1).value = 'SITE-06';
      });
      const errors = await expectUnprocessable(content);
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: typeCell, message: 'options is required for a yes_no question' },
          { field: codeCell, message: `code repeats "SITE-06", already given at ${firstCell}` },
        ]),
      );
    });

    it('refuses wrong sheet names and missing or unknown header columns before reading the rows', async () => {
      const renamed = await edited((wb) => {
        wb.getWorksheet('Questions')!.name = 'Question';
      });
      expect(await expectUnprocessable(renamed)).toEqual([
        { field: 'Questions', message: 'The workbook has no sheet "Questions" (its sheets: "Read me", "Template", "Sections", "Question", "Options", "Ranges")' },
      ]);

      const headers = await edited((wb) => {
        const questions = wb.getWorksheet('Questions')!;
        questions.getCell(1, columnOf(wb, 'Questions', 'type')).value = 'kind';
        wb.getWorksheet('Options')!.getCell(1, columnOf(wb, 'Options', 'label.en')).value = null;
      });
      const errors = await expectUnprocessable(headers);
      expect(errors).toEqual(
        expect.arrayContaining([
          { field: 'Questions!C1', message: expect.stringMatching(/^Questions: "kind" is not a known column/) },
          { field: 'Questions!1:1', message: 'Questions: the column "type" is missing' },
          { field: 'Options!1:1', message: 'Options: the column "label.en" is missing' },
        ]),
      );
    });

    it('reads formulas by their computed value and refuses a formula without one', async () => {
      const withResult = await edited((wb) => {
        rowOf(wb, 'Questions', 'LAB-01').getCell(columnOf(wb, 'Questions', 'weight')).value = { formula: '2+3', result: 5 } as ExcelJS.CellValue;
      });
      const imported = await roundTrip(withResult);
      expect((imported.definition as { sections: Array<{ questions: Json[] }> }).sections[0].questions[0].weight).toBe(5);

      let cell = '';
      const withoutResult = await edited((wb) => {
        cell = cellRef(wb, 'Questions', 'LAB-01', 'weight');
        rowOf(wb, 'Questions', 'LAB-01').getCell(columnOf(wb, 'Questions', 'weight')).value = { formula: '2+3' } as ExcelJS.CellValue;
      });
      expect(await expectUnprocessable(withoutResult)).toEqual([{ field: cell, message: expect.stringMatching(/^weight holds a formula whose value cannot be read/) }]);
    });

    it('skips 50,000 empty styled rows', async () => {
      const content = await edited((wb) => {
        const questions = wb.getWorksheet('Questions')!;
        const start = questions.rowCount + 1;
        for (let r = start; r < start + 50_000; r++) {
          const row = questions.getRow(r);
          row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
          row.getCell(2).value = '   ';
        }
      });
      const started = Date.now();
      const imported = await roundTrip(content);
      expect(imported.definition).toEqual(custom.definition);
      expect(Date.now() - started).toBeLessThan(30_000);
    }, 120_000);

    it('refuses what is not a plain .xlsx before reading it', async () => {
      const before = await countTemplates();
      const csv = await upload(admin, Buffer.from('code,type\nLAB-01,yes_no\n'), 'template.xlsx').expect(415);
      expect(csv.body).toMatchObject({ code: 'unsupported_file_type', errors: [{ field: 'file' }] });

      const macros = await JSZip.loadAsync(customWorkbook);
      macros.file('xl/vbaProject.bin', Buffer.from('not really vba'));
      const xlsm = await upload(admin, await macros.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 'template.xlsm').expect(415);
      expect(xlsm.body.detail).toMatch(/macros/);

      const bomb = await JSZip.loadAsync(customWorkbook);
      bomb.file('xl/media/padding.bin', Buffer.alloc(20 * 1024 * 1024));
      const bombed = await upload(admin, await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })).expect(413);
      expect(bombed.body).toMatchObject({ code: 'file_too_large', errors: [{ field: 'file' }] });
      expect(await countTemplates()).toBe(before);
    });
  });

  describe('access', () => {
    it('answers another authority’s template exactly like a missing one', async () => {
      const foreign = await download(otherAdmin, custom.id).expect(404);
      const missing = await download(otherAdmin, randomUUID()).expect(404);
      expect(comparableProblem(foreign)).toBe(comparableProblem(missing));
    });

    it('lets suppliers import nothing (403)', async () => {
      const before = await countTemplates();
      const res = await upload(supplier, customWorkbook).expect(403);
      expect(res.body.code).toBe('forbidden');
      expect(await countTemplates()).toBe(before);
    });

    it('needs a multipart body with a file', async () => {
      await request(t.http).post('/api/v1/questionnaire-templates/import').set('authorization', admin.auth).send({ file: 'x' }).expect(415);
    });
  });
});
