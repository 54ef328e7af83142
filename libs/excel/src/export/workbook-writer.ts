import ExcelJS from 'exceljs';

/** Excel's limit of rows per sheet (the header included). */
export const EXCEL_MAX_ROWS = 1_048_576;

/** Cell fills of the colour ratings; the colour is always written as text as well. */
export const COLOUR_FILLS: Record<string, string> = { green: 'FF63BE7B', amber: 'FFFFC000', red: 'FFF8696B', grey: 'FFD9D9D9' };

export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** A number format showing an amount with its ISO currency code: `[$EUR] #,##0.00`. */
export function currencyFormat(currency: string): string {
  const code = /^[A-Z]{3}$/.test(currency) ? currency : 'XXX';
  return `[$${code}] #,##0.00;-[$${code}] #,##0.00`;
}

export type ColumnType = 'auto' | 'text' | 'number' | 'integer' | 'date' | 'datetime' | 'money' | 'colour';

export interface ColumnSpec {
  header: string;
  width: number;
  type?: ColumnType;
}

/** A money cell: an amount in cents and its currency, written as a number (cents / 100) with a currency format. */
export interface Money {
  cents: number;
  currency: string;
}

export type CellInput = string | number | boolean | Date | Money | null | undefined;

export interface WorkbookOptions {
  /** Rows per sheet before a sheet continues on "Name (2)"; Excel's limit unless a test lowers it. */
  maxRowsPerSheet?: number;
  /** Yield to the event loop every this many rows, so that the output drains and memory stays flat. */
  yieldEvery?: number;
}

/**
 * An .xlsx written row by row to a file with exceljs's streaming writer (no shared strings: their
 * table would grow with the rows). Rows are committed as they are added; nothing of a sheet stays
 * in memory but its current row. Sheets are written one after the other: a sheet is ended before
 * the next one starts (the zip is sequential).
 */
export class StreamingWorkbook {
  private readonly writer: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly maxRows: number;
  private readonly yieldEvery: number;
  private readonly names = new Set<string>();
  private current?: SheetWriter;
  private failed?: Error;
  /** Rejects once the file or the zip fails (a full disk): nothing of exceljs would ever settle after that. */
  readonly failure: Promise<never>;

  constructor(filename: string, options: WorkbookOptions = {}) {
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: false, useStyles: true });
    this.writer.creator = 'Due-diligence portal';
    this.maxRows = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
    this.yieldEvery = options.yieldEvery ?? 10;
    this.failure = new Promise<never>((_, reject) => {
      const { stream, zip } = this.writer as unknown as WriterInternals;
      const fail = (error: Error): void => {
        if (this.failed) return;
        this.failed = error;
        stream.destroy();
        reject(error);
      };
      stream.on('error', fail);
      zip.on('error', fail);
    });
    this.failure.catch(() => undefined); // observed through add() and close()
  }

  /** @internal throws the output's error, if it failed. */
  check(): void {
    if (this.failed) throw this.failed;
  }

  /** Starts a sheet (ending the previous one), with a frozen, filtered header row. */
  sheet(name: string, columns: ColumnSpec[]): SheetWriter {
    this.current?.end();
    this.current = new SheetWriter(this, name, columns, this.maxRows, this.yieldEvery);
    return this.current;
  }

  /** @internal a worksheet with a name not used yet. */
  addWorksheet(name: string): ExcelJS.Worksheet {
    const safe = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
    this.names.add(safe);
    return this.writer.addWorksheet(safe, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  }

  async close(): Promise<void> {
    this.check();
    this.current?.end();
    this.current = undefined;
    await Promise.race([this.writer.commit(), this.failure]);
  }
}

/** What the workbook watches of exceljs 4's WorkbookWriter: the file it writes and the zip feeding it. */
interface WriterInternals {
  stream: NodeJS.WritableStream & { destroy(): void };
  zip: NodeJS.EventEmitter;
}

/** One logical sheet, continued on "Name (2)", "Name (3)"… past the row limit. */
export class SheetWriter {
  private worksheet!: ExcelJS.Worksheet;
  private part = 0;
  private rowsInPart = 0;
  private sinceYield = 0;
  private ended = false;
  /** Data rows written (headers not counted). */
  rows = 0;
  private readonly types: ColumnType[];

  constructor(
    private readonly workbook: StreamingWorkbook,
    private readonly name: string,
    private readonly columns: ColumnSpec[],
    private readonly maxRows: number,
    private readonly yieldEvery: number,
  ) {
    this.types = columns.map((c) => c.type ?? 'text');
    this.open();
  }

  /**
   * Adds a data row (values in column order). Every `yieldEvery` rows it answers a promise to
   * await, which yields to the event loop (so that the output drains); otherwise undefined, sparing
   * a promise per row: `const pause = sheet.add(values); if (pause) await pause;`.
   */
  add(values: CellInput[]): Promise<void> | undefined {
    if (this.ended) throw new Error(`sheet ${this.name} is ended`);
    this.workbook.check();
    if (this.rowsInPart >= this.maxRows) {
      this.close();
      this.open();
    }
    const row = this.worksheet.addRow(cellValues(values));
    // Shared style objects: exceljs turns each distinct style object into a style id once (a
    // WeakMap), where a fresh object per cell costs a lookup by its rendered XML every time.
    for (let i = 0; i < this.types.length; i++) row.getCell(i + 1).style = styleOf(this.types[i], values[i]);
    row.commit();
    this.rowsInPart++;
    this.rows++;
    if (++this.sinceYield >= this.yieldEvery) {
      this.sinceYield = 0;
      // Behind the zip (compressing on the thread pool), wait until it has caught up, so that the
      // XML written ahead does not queue up (and get promoted to the old generation) meanwhile.
      const behind = backlogged(this.worksheet);
      const caughtUp = new Promise<void>((resolve) => {
        if (!behind) return void setImmediate(resolve);
        const go = (): void => {
          behind.off('drain', go).off('close', go);
          setImmediate(resolve);
        };
        behind.once('drain', go).once('close', go);
      });
      // A zip that stopped on an output error never drains: the failure ends the wait instead.
      return Promise.race([caughtUp, this.workbook.failure]);
    }
    return undefined;
  }

  /** Ends the sheet (its last part); called by the workbook when the next sheet starts. */
  end(): void {
    if (this.ended) return;
    this.close();
    this.ended = true;
  }

  private open(): void {
    this.part++;
    this.worksheet = this.workbook.addWorksheet(this.part === 1 ? this.name : `${this.name} (${this.part})`);
    this.worksheet.columns = this.columns.map((c) => ({ width: c.width }));
    const header = this.worksheet.addRow(this.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.alignment = { vertical: 'middle' };
    });
    header.commit();
    this.rowsInPart = 1;
  }

  private close(): void {
    const last = Math.max(this.rowsInPart, 1);
    this.worksheet.autoFilter = `A1:${columnLetter(this.columns.length)}${last}`;
    this.worksheet.commit();
  }
}

/** The stream exceljs's zip reads a worksheet's XML from; exceljs writes to it without heeding its backpressure. */
interface ZipInput {
  _writableState?: { needDrain?: boolean };
  once(event: 'drain' | 'close', listener: () => void): ZipInput;
  off(event: 'drain' | 'close', listener: () => void): ZipInput;
}

/**
 * The zip input of `worksheet` when it asks its writer to wait for 'drain'; undefined otherwise.
 * Reads internals of exceljs 4 (the worksheet's StreamBuf, piped into the zip's PassThrough):
 * without them (another version) this is undefined and the writer merely yields.
 */
function backlogged(worksheet: ExcelJS.Worksheet): ZipInput | undefined {
  const input = (worksheet as unknown as { stream?: { pipes?: ZipInput[] } }).stream?.pipes?.[0];
  return input?._writableState?.needDrain ? input : undefined;
}

/** The values as exceljs takes them: money as a number of currency units. A new array only when there is money. */
function cellValues(values: CellInput[]): ExcelJS.CellValue[] {
  let out: ExcelJS.CellValue[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      out ??= values.slice() as ExcelJS.CellValue[];
      out[i] = value.cents / 100;
    }
  }
  return out ?? (values as ExcelJS.CellValue[]);
}

const NO_STYLE: Partial<ExcelJS.Style> = {};
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_FORMAT };
const DATETIME_STYLE: Partial<ExcelJS.Style> = { numFmt: DATETIME_FORMAT };
const INTEGER_STYLE: Partial<ExcelJS.Style> = { numFmt: '0' };
const MONEY_STYLES = new Map<string, Partial<ExcelJS.Style>>();
const COLOUR_STYLES = new Map(Object.entries(COLOUR_FILLS).map(([colour, argb]) => [colour, { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb } } } as Partial<ExcelJS.Style>]));

/** The (shared, never mutated) style of a cell of a column of `type` holding `value`. */
function styleOf(type: ColumnType, value: CellInput): Partial<ExcelJS.Style> {
  if (value === null || value === undefined) return NO_STYLE;
  switch (type) {
    case 'date':
      return DATE_STYLE;
    case 'datetime':
      return DATETIME_STYLE;
    case 'integer':
      return INTEGER_STYLE;
    case 'auto':
      return value instanceof Date ? DATETIME_STYLE : NO_STYLE;
    case 'money': {
      if (typeof value !== 'object' || value instanceof Date) return NO_STYLE;
      let style = MONEY_STYLES.get(value.currency);
      if (!style) MONEY_STYLES.set(value.currency, (style = { numFmt: currencyFormat(value.currency) }));
      return style;
    }
    case 'colour':
      return (typeof value === 'string' && COLOUR_STYLES.get(value)) || NO_STYLE;
    default:
      return NO_STYLE;
  }
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A calendar date (YYYY-MM-DD) as a Date at UTC midnight, the way Excel reads a date-only value. */
export function calendarDate(value: string | null | undefined): Date | null {
  return value ? new Date(`${value}T00:00:00Z`) : null;
}
