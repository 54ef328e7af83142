import ExcelJS from 'exceljs';
import * as yauzl from 'yauzl';
import { DomainException, ErrorCode } from '@ddp/core';
import { COLUMNS, META_ANSWER_ROW, SHEETS } from './questionnaire-layout';

/** A cell as read: its address (`Questions!E14`), value and number format (to tell dates from numbers). */
export interface ReadCell {
  address: string;
  value: ExcelJS.CellValue;
  numFmt: string | undefined;
}

export interface ReadQuestionRow {
  row: number;
  code: ReadCell;
  answer: ReadCell;
  comment: ReadCell;
}

export interface ReadWorkbook {
  sheetNames: string[];
  /** Row 1 of the Questions sheet, by column. */
  header: Map<number, ReadCell>;
  /** Rows of the Questions sheet below the header that hold a code, an answer or a comment. */
  rows: ReadQuestionRow[];
  /** `key → value` rows of the Meta sheet. */
  meta: Map<string, string>;
  /** `answer | code | fingerprint` rows of the Meta sheet, in order. */
  metaAnswers: Array<[string, string]>;
}

/** The largest part (a sheet's XML, the shared strings) read into memory: 1,000 full answers and comments fit well within. */
export const MAX_PART_BYTES = 40 * 1024 * 1024;

/**
 * Reads what the import needs: the Questions sheet's code, answer and comment columns and the Meta
 * sheet. exceljs's streaming reader (4.4.0) is not used: it intermittently loses a zip entry read
 * after a deferred worksheet (measured: 9 to 16 failed reads in 40 of the same file, "Cannot read
 * properties of undefined (reading 'sheets')"), and a lost sheet would read as "nothing changed".
 * A questionnaire workbook is small by construction, so the whole-workbook reader is used after
 * the parts' declared sizes are checked (413 past MAX_PART_BYTES): 50,000 empty styled rows are
 * 4.9 MB of XML, read in about half a second. Rows without values are skipped; more than `maxRows`
 * filled rows is refused (422).
 */
export async function readQuestionnaireWorkbook(path: string, maxRows: number): Promise<ReadWorkbook> {
  await checkPartSizes(path);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch {
    const message = 'The workbook could not be read: save it again as an Excel workbook (.xlsx)';
    throw new DomainException(ErrorCode.Unprocessable, message, [{ field: 'file', message }]);
  }
  const result: ReadWorkbook = { sheetNames: workbook.worksheets.map((sheet) => sheet.name), header: new Map(), rows: [], meta: new Map(), metaAnswers: [] };
  const questions = workbook.getWorksheet(SHEETS.questions);
  if (questions) readQuestions(questions, result, maxRows);
  const meta = workbook.getWorksheet(SHEETS.meta);
  if (meta) readMeta(meta, result);
  return result;
}

function readQuestions(worksheet: ExcelJS.Worksheet, result: ReadWorkbook, maxRows: number): void {
  const cell = (row: ExcelJS.Row, column: number): ReadCell => {
    const c = row.getCell(column);
    return { address: `${SHEETS.questions}!${c.address}`, value: c.value, numFmt: c.numFmt };
  };
  worksheet.eachRow((row) => {
    if (row.number === 1) {
      for (const column of Object.values(COLUMNS)) result.header.set(column, cell(row, column));
      return;
    }
    const read = { row: row.number, code: cell(row, COLUMNS.code), answer: cell(row, COLUMNS.answer), comment: cell(row, COLUMNS.comment) };
    if (isEmpty(read.code.value) && isEmpty(read.answer.value) && isEmpty(read.comment.value)) return;
    result.rows.push(read);
    if (result.rows.length > maxRows) {
      const message = `The Questions sheet has more than ${maxRows} filled rows; the questionnaire has fewer questions`;
      throw new DomainException(ErrorCode.Unprocessable, message, [{ field: SHEETS.questions, message }]);
    }
  });
}

function readMeta(worksheet: ExcelJS.Worksheet, result: ReadWorkbook): void {
  worksheet.eachRow((row) => {
    const [key, a, b] = [1, 2, 3].map((column) => cellText(row.getCell(column).value));
    if (key === META_ANSWER_ROW) result.metaAnswers.push([a, b]);
    else if (key) result.meta.set(key, a);
  });
}

/** 413 when a part the reader holds in memory declares more than MAX_PART_BYTES (read from the central directory). */
function checkPartSizes(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return reject(new DomainException(ErrorCode.UnsupportedFileType, 'The file is not a readable Excel workbook (.xlsx)', [{ field: 'file', message: 'file is not a readable .xlsx' }]));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.uncompressedSize > MAX_PART_BYTES) {
          zip.close();
          const message = `${entry.fileName} expands to ${Math.round(entry.uncompressedSize / 1024 / 1024)} MB; a questionnaire workbook part may be at most ${MAX_PART_BYTES / 1024 / 1024} MB (delete the empty rows below the questions)`;
          return reject(new DomainException(ErrorCode.FileTooLarge, message, [{ field: 'file', message }]));
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', () => reject(new DomainException(ErrorCode.UnsupportedFileType, 'The file is not a readable Excel workbook (.xlsx)', [{ field: 'file', message: 'file is not a readable .xlsx' }])));
      zip.readEntry();
    });
  });
}

export function isEmpty(value: ExcelJS.CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (typeof value === 'object' && 'richText' in value && value.richText.every((r) => r.text.trim() === ''));
}

/** The text a cell shows for meta data and headers (no formula evaluation). */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
  return '';
}
