import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as yauzl from 'yauzl';

/** A cell's value once read: formulas by their computed value, rich text as plain text, blank text as null. */
export type CellValue = null | string | number | boolean | Date | { error: string };

export interface SheetRow {
  /** 1-based row number. */
  number: number;
  /** 1-based: cells[1] is column A. */
  cells: CellValue[];
}

export interface ReadSheet {
  name: string;
  rows: SheetRow[];
  /** Set when the sheet held more non-blank rows than were kept. */
  truncated: boolean;
}

/** The column letters of a 1-based column number: 1 → A, 28 → AB. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Converts what exceljs gives for a cell into a plain value. */
export function plainValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string') return raw.trim() === '' ? null : raw.trim();
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : { error: String(raw) };
  if (typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'object') {
    const value = raw as Record<string, unknown>;
    if ('formula' in value || 'sharedFormula' in value) {
      if (value.result !== undefined) return plainValue(value.result);
      // exceljs drops a formula's cached value when it is 0, FALSE or empty, so those cannot be told
      // from a formula never computed; LibreOffice writes booleans as TRUE() / FALSE() formulas.
      const formula = typeof value.formula === 'string' ? value.formula.replace(/\s+/g, '').toUpperCase() : '';
      if (formula === 'TRUE()' || formula === 'TRUE') return true;
      if (formula === 'FALSE()' || formula === 'FALSE') return false;
      return { error: 'a formula whose value cannot be read (not computed, or 0, FALSE or empty): type the value itself' };
    }
    if (Array.isArray(value.richText)) return plainValue((value.richText as Array<{ text?: string }>).map((run) => run.text ?? '').join(''));
    if ('hyperlink' in value && 'text' in value) return plainValue(value.text);
    if ('error' in value) return { error: String(value.error) };
  }
  return { error: 'an unreadable value' };
}

/** What readSheets uses of exceljs's streaming WorkbookReader (internal methods of exceljs 4.4). */
interface ReaderInternals {
  model?: { sheets?: Array<{ name: string; rId: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Iterable<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/**
 * Reads the sheets of an .xlsx row by row (the whole file is never held as a workbook): blank
 * rows are skipped, however many are styled, and at most `maxRows` non-blank rows of a sheet are
 * kept. Sheets not in `wanted` are not read.
 *
 * The parts are opened through the zip's central directory, workbook, shared strings and styles
 * first, then exceljs's worksheet reader streams each sheet: exceljs's own single-pass reader
 * loses the workbook part when it is stored last, as exceljs itself stores it (exceljs#3064).
 */
export async function readSheets(path: string, wanted: readonly string[], maxRows: number): Promise<{ sheets: Map<string, ReadSheet>; names: string[] }> {
  const zip = await openZip(path);
  try {
    const entries = await listEntries(zip);
    const open = (name: string): Promise<Readable | undefined> => {
      const entry = entries.get(name);
      return entry ? openEntry(zip, entry) : Promise.resolve(undefined);
    };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as unknown as ReaderInternals;
    const rels = await open('xl/_rels/workbook.xml.rels');
    const workbook = await open('xl/workbook.xml');
    if (!rels || !workbook) throw new Error('the workbook part is missing');
    await reader._parseRels(rels);
    await reader._parseWorkbook(workbook);
    const sharedStrings = await open('xl/sharedStrings.xml');
    if (sharedStrings) for await (const _ of reader._parseSharedStrings(sharedStrings)) void _;
    const styles = await open('xl/styles.xml');
    if (styles) await reader._parseStyles(styles);

    const sheets = new Map<string, ReadSheet>();
    const names = (reader.model?.sheets ?? []).map((sheet) => sheet.name);
    for (const { name, rId } of reader.model?.sheets ?? []) {
      if (!wanted.includes(name) || sheets.has(name)) continue;
      const target = reader.workbookRels?.find((rel) => rel.Id === rId)?.Target;
      if (!target) continue;
      const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
      const stream = await open(part);
      if (!stream) continue;
      const sheetNo = /sheet(\d+)\.xml$/i.exec(part)?.[1] ?? '0';
      for (const { value: worksheet } of reader._parseWorksheet(stream, sheetNo)) {
        sheets.set(name, await readRows(name, worksheet, maxRows));
      }
    }
    return { sheets, names };
  } finally {
    zip.close();
  }
}

async function readRows(name: string, worksheet: ExcelJS.stream.xlsx.WorksheetReader, maxRows: number): Promise<ReadSheet> {
  const sheet: ReadSheet = { name, rows: [], truncated: false };
  let seen = 0;
  for await (const row of worksheet) {
    if (sheet.truncated) continue;
    const values = row.values as unknown[];
    const cells: CellValue[] = [];
    let blank = true;
    for (let column = 1; column < values.length; column++) {
      const value = plainValue(values[column]);
      cells[column] = value;
      if (value !== null) blank = false;
    }
    if (blank) continue;
    if (++seen > maxRows) {
      sheet.truncated = true;
      continue;
    }
    sheet.rows.push({ number: row.number, cells });
    // Long sheets: let other requests run.
    if (seen % 500 === 0) await new Promise(setImmediate);
  }
  return sheet;
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, zip) => (error || !zip ? reject(error ?? new Error('unreadable zip')) : resolve(zip)));
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('unreadable part')) : resolve(stream)));
  });
}
