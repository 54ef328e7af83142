import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DomainException, ErrorCode } from '@ddp/core';
import { DEFAULT_XLSX_LIMITS, inspectXlsx } from './xlsx-guard';

const CONTENT_TYPES = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
const WORKBOOK = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

describe('inspectXlsx: what an uploaded workbook must be before exceljs reads it', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'xlsx-guard-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (content: Buffer | string): string => {
    const path = join(dir, `upload-${++n}`);
    writeFileSync(path, content);
    return path;
  };

  /** A zip written by JSZip; `compress: false` stores an entry as is. */
  const zip = async (entries: Array<{ name: string; data: Buffer; compress?: boolean }>): Promise<string> => {
    const path = join(dir, `zip-${++n}.xlsx`);
    const archive = new JSZip();
    for (const entry of entries) archive.file(entry.name, entry.data, { compression: entry.compress === false ? 'STORE' : 'DEFLATE', createFolders: false });
    writeFileSync(path, await archive.generateAsync({ type: 'nodebuffer' }));
    return path;
  };
  const workbookParts = () => [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'xl/workbook.xml', data: WORKBOOK },
  ];

  /** The refusal `inspectXlsx` throws: its HTTP-facing code, its message and the field it names. */
  const refusal = async (path: string, limits = DEFAULT_XLSX_LIMITS): Promise<{ code: ErrorCode; detail: string; fields: string[] }> => {
    try {
      await inspectXlsx(path, limits);
    } catch (error) {
      if (!(error instanceof DomainException)) throw error;
      return { code: error.code, detail: error.detail ?? '', fields: (error.errors ?? []).map((e) => e.field) };
    }
    throw new Error('the file was accepted');
  };

  it('accepts a real workbook written by exceljs', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Questions').addRow(['Code', 'Answer']);
    const path = file(Buffer.from(await workbook.xlsx.writeBuffer()));
    await expect(inspectXlsx(path)).resolves.toBeUndefined();
  });

  it('accepts the smallest zip that has the workbook parts', async () => {
    await expect(inspectXlsx(await zip(workbookParts()))).resolves.toBeUndefined();
  });

  it.each([
    ['a CSV renamed .xlsx', 'Code,Answer\nFL-01,Yes\n', /not an Excel workbook/],
    ['a plain text file', 'Dear buyer, please find our answers below.', /not an Excel workbook/],
    ['an empty file', '', /not an Excel workbook/],
  ])('refuses %s with 415 naming file', async (_name, content, message) => {
    expect(await refusal(file(content))).toEqual({ code: ErrorCode.UnsupportedFileType, detail: expect.stringMatching(message), fields: ['file'] });
  });

  it('refuses an old .xls (or encrypted workbook): the OLE compound header', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(1024)]);
    expect(await refusal(file(ole))).toEqual({ code: ErrorCode.UnsupportedFileType, detail: expect.stringMatching(/old \.xls or an encrypted workbook/), fields: ['file'] });
  });

  it('refuses a zip that starts like one but is cut short', async () => {
    const cut = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await refusal(file(cut))).toEqual({ code: ErrorCode.UnsupportedFileType, detail: expect.stringMatching(/not a readable Excel workbook/), fields: ['file'] });
  });

  it('refuses a zip without the workbook parts (a Word document, any archive)', async () => {
    const docx = await zip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
    ]);
    expect(await refusal(docx)).toEqual({ code: ErrorCode.UnsupportedFileType, detail: expect.stringMatching(/zip archive but not an Excel workbook/), fields: ['file'] });
    expect((await refusal(await zip([{ name: 'answers.txt', data: Buffer.from('yes') }]))).code).toBe(ErrorCode.UnsupportedFileType);
  });

  it('refuses a macro-enabled workbook (xl/vbaProject.bin)', async () => {
    const xlsm = await zip([...workbookParts(), { name: 'xl/vbaProject.bin', data: randomBytes(256) }]);
    expect(await refusal(xlsm)).toEqual({ code: ErrorCode.UnsupportedFileType, detail: expect.stringMatching(/macros \(\.xlsm\)/), fields: ['file'] });
  });

  it('refuses a zip bomb unread: one entry that expands a thousandfold', async () => {
    // 8 MB of zeros deflate to about 8 KB: the central directory declares the ratio.
    const bomb = await zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(8 * 1024 * 1024) }]);
    expect(await refusal(bomb)).toEqual({ code: ErrorCode.FileTooLarge, detail: expect.stringMatching(/compresses suspiciously well; it is refused unread/), fields: ['file'] });
  });

  it('refuses a workbook whose parts together expand past the size limit', async () => {
    // Random bytes do not compress: the ratio is fine, the total is not.
    const big = await zip([...workbookParts(), { name: 'xl/media/image1.bin', data: randomBytes(600 * 1024), compress: false }]);
    expect(await refusal(big, { ...DEFAULT_XLSX_LIMITS, maxUncompressedBytes: 512 * 1024 })).toMatchObject({ code: ErrorCode.FileTooLarge, fields: ['file'] });
    await expect(inspectXlsx(big)).resolves.toBeUndefined();
  });

  it('refuses too many entries before reading any of them', async () => {
    const many = await zip([...workbookParts(), ...Array.from({ length: DEFAULT_XLSX_LIMITS.maxEntries }, (_, i) => ({ name: `xl/parts/p${i}.xml`, data: Buffer.from('<x/>') }))]);
    expect(await refusal(many)).toEqual({
      code: ErrorCode.FileTooLarge,
      detail: `The workbook has ${DEFAULT_XLSX_LIMITS.maxEntries + 2} parts; at most ${DEFAULT_XLSX_LIMITS.maxEntries} are accepted`,
      fields: ['file'],
    });
  });
});
