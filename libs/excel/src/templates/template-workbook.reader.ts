import type { FieldError } from '@ddp/core';
import { TEMPLATE_LANGUAGES, TEMPLATE_LIMITS, TemplateDefinition, TemplateLanguage, validateTemplateDefinition } from '@ddp/questionnaires';
import {
  NONE,
  OPTION_COLUMNS,
  OPTION_TAIL_COLUMNS,
  QUESTION_COLUMNS,
  QUESTION_TAIL_COLUMNS,
  RANGE_COLUMNS,
  REQUIRED_COLUMNS,
  REQUIRED_SHEETS,
  REQUIRED_TRANSLATED,
  SECTION_COLUMNS,
  SHEETS,
  TEMPLATE_KEYS,
  TEMPLATE_TRANSLATED,
  TRANSLATED_COLUMNS,
  WORKBOOK_FORMAT,
} from './template-workbook.layout';
import { CellValue, columnLetter, ReadSheet, readSheets, SheetRow } from './workbook-cells';

/** Non-blank rows kept per sheet: the Options sheet may hold many, but a template has at most 1,000 questions. */
const MAX_ROWS = 20_000;

export interface TemplateWorkbookResult {
  definition?: TemplateDefinition;
  /** Each problem by cell: `{ field: 'Questions!C7', message }`; `field` is a sheet, a header row (`Options!1:1`) or `file` for the whole workbook. */
  errors: FieldError[];
}

type Json = Record<string, unknown>;

/** A sheet's header: column by name. */
type Header = Map<string, number>;

/**
 * Reads a template workbook in the documented layout (docs/template-workbook.md) into a
 * definition checked by `validateTemplateDefinition`. Structural problems (sheets, header
 * columns) are reported alone; then every problem of a cell, and every problem the definition
 * validator finds, mapped back to the cell it came from.
 */
export async function readTemplateWorkbook(path: string): Promise<TemplateWorkbookResult> {
  const { sheets, names } = await readSheets(path, [...REQUIRED_SHEETS], MAX_ROWS);
  const structural: FieldError[] = [];
  for (const name of REQUIRED_SHEETS) {
    if (!sheets.has(name)) structural.push({ field: name, message: `The workbook has no sheet "${name}" (its sheets: ${names.map((n) => `"${n}"`).join(', ') || 'none'})` });
  }
  for (const sheet of sheets.values()) {
    if (sheet.truncated) structural.push({ field: sheet.name, message: `${sheet.name} has more than ${MAX_ROWS} rows` });
  }
  if (structural.length > 0) return { errors: structural };
  return new WorkbookParser(sheets).parse();
}

class WorkbookParser {
  private readonly cellErrors: FieldError[] = [];
  private readonly structural: FieldError[] = [];
  /** Where each path of the definition was read from. */
  private readonly cellOf = new Map<string, string>();
  private languages: TemplateLanguage[] = [];

  constructor(private readonly sheets: Map<string, ReadSheet>) {}

  parse(): TemplateWorkbookResult {
    const definition: Json = {};
    this.cellOf.set('definition', `${SHEETS.template}!A1`);
    this.readTemplate(definition);
    const sections = this.table(SHEETS.sections, [...SECTION_COLUMNS], REQUIRED_COLUMNS.sections, TRANSLATED_COLUMNS.sections, REQUIRED_TRANSLATED.sections);
    const questions = this.table(
      SHEETS.questions,
      [...QUESTION_COLUMNS, ...QUESTION_TAIL_COLUMNS],
      REQUIRED_COLUMNS.questions,
      TRANSLATED_COLUMNS.questions,
      REQUIRED_TRANSLATED.questions,
    );
    const options = this.table(SHEETS.options, [...OPTION_COLUMNS, ...OPTION_TAIL_COLUMNS], REQUIRED_COLUMNS.options, TRANSLATED_COLUMNS.options, REQUIRED_TRANSLATED.options);
    const ranges = this.table(SHEETS.ranges, [...RANGE_COLUMNS], REQUIRED_COLUMNS.ranges, [], []);
    if (this.structural.length > 0 || !sections || !questions || !options || !ranges) return { errors: this.structural };

    definition.sections = this.readBody(sections, questions, options, ranges);
    const { definition: clean, errors } = validateTemplateDefinition(definition);
    const cellsWithErrors = new Set(this.cellErrors.map((error) => error.field));
    const mapped: FieldError[] = [];
    for (const error of errors) {
      const field = this.cellFor(error.field);
      if (cellsWithErrors.has(field)) continue; // already explained by the cell itself
      // "repeats "X", already given at sections[0].questions[1].code": name the cell instead.
      const message = error.message.replace(/already given at (\S+)$/, (whole, at: string) => {
        const cell = this.cellFor(`definition.${at}`);
        return cell === 'file' ? whole : `already given at ${cell}`;
      });
      mapped.push({ field, message });
    }
    const all = [...this.cellErrors, ...mapped];
    if (all.length > 0 || !clean) return { errors: all.length > 0 ? all : [{ field: 'file', message: 'The workbook does not describe a template' }] };
    return { definition: clean, errors: [] };
  }

  // ---- the Template sheet: one setting a row ----

  private readTemplate(definition: Json): void {
    const sheet = this.sheets.get(SHEETS.template)!;
    const header = this.header(sheet, ['field', 'value'], ['field', 'value']);
    if (!header) return;
    const fieldColumn = header.get('field')!;
    const valueColumn = header.get('value')!;
    const rows = new Map<string, { row: SheetRow; cell: string }>();
    const translatedKey = new RegExp(`^(${TEMPLATE_TRANSLATED.join('|')})\\.([a-z]{2})$`);
    for (const row of dataRows(sheet)) {
      const keyCell = address(sheet, fieldColumn, row);
      const key = row.cells[fieldColumn];
      if (key === null || key === undefined) {
        if (row.cells[valueColumn] !== null && row.cells[valueColumn] !== undefined) this.fail(keyCell, 'field is empty: name the setting of this row');
        continue;
      }
      if (typeof key !== 'string' || (!(TEMPLATE_KEYS as readonly string[]).includes(key) && !translatedKey.test(key))) {
        this.fail(keyCell, `${String(key)} is not a setting of the Template sheet (${[...TEMPLATE_KEYS, ...TEMPLATE_TRANSLATED.map((k) => `${k}.<language>`)].join(', ')})`);
        continue;
      }
      if (rows.has(key)) {
        this.fail(keyCell, `${key} repeats the setting of ${rows.get(key)!.cell.replace(/B/, 'A')}`);
        continue;
      }
      rows.set(key, { row, cell: address(sheet, valueColumn, row) });
    }
    const value = (key: string) => {
      const found = rows.get(key);
      return found ? { value: found.row.cells[valueColumn] ?? null, cell: found.cell } : undefined;
    };
    const missingCell = `${SHEETS.template}!A${(sheet.rows[sheet.rows.length - 1]?.number ?? 1) + 1}`;

    const format = value('format');
    if (format && format.value !== null && format.value !== WORKBOOK_FORMAT) this.fail(format.cell, `format must be ${WORKBOOK_FORMAT} (found ${String(format.value)})`);

    const languages = value('languages');
    if (!languages) {
      this.fail(missingCell, 'languages is missing: add a row "languages" with the template\'s languages, such as "en, fr, nl"');
    } else {
      this.cellOf.set('definition.languages', languages.cell);
      const list = this.list(languages.value, languages.cell, 'languages');
      if (list) {
        definition.languages = list;
        this.languages = list.filter((l): l is TemplateLanguage => (TEMPLATE_LANGUAGES as readonly string[]).includes(l));
      }
    }
    for (const field of TEMPLATE_TRANSLATED) {
      const texts: Json = {};
      let given = false;
      for (const [key, { cell }] of rows) {
        const match = translatedKey.exec(key);
        if (!match || match[1] !== field) continue;
        const language = match[2];
        const text = this.text(rows.get(key)!.row.cells[valueColumn] ?? null, cell, key);
        if (!(this.languages as string[]).includes(language)) {
          if (text !== undefined) this.fail(cell, `${key}: ${language} is not a language of this template (${this.languages.join(', ')})`);
          continue;
        }
        this.cellOf.set(`definition.${field}.${language}`, cell);
        if (!this.cellOf.has(`definition.${field}`)) this.cellOf.set(`definition.${field}`, cell);
        if (text !== undefined) {
          texts[language] = text;
          given = true;
        }
      }
      if (field === 'title' || given) definition[field] = texts;
      if (field === 'title' && !this.cellOf.has('definition.title')) this.cellOf.set('definition.title', missingCell);
    }

    const method = value('scoring.method');
    const scoring: Json = {};
    if (!method) this.fail(missingCell, 'scoring.method is missing: add a row "scoring.method" (worst or weighted)');
    else {
      this.cellOf.set('definition.scoring', method.cell);
      this.cellOf.set('definition.scoring.method', method.cell);
      const text = this.code(method.value, method.cell, 'scoring.method');
      if (text !== undefined) scoring.method = text;
    }
    for (const key of ['amberBelow', 'redBelow']) {
      const found = value(`scoring.${key}`);
      if (!found) continue;
      this.cellOf.set(`definition.scoring.${key}`, found.cell);
      const number = this.number(found.value, found.cell, `scoring.${key}`);
      if (number !== undefined) scoring[key] = number;
    }
    definition.scoring = scoring;
  }

  // ---- Sections, Questions, Options, Ranges ----

  private readBody(sections: Table, questions: Table, options: Table, ranges: Table): Json[] {
    const result: Json[] = [];
    const bySection = new Map<string, { json: Json[]; index: number }>();
    sections.rows.forEach((row, index) => {
      const path = `definition.sections[${index}]`;
      const code = this.code(sections.value(row, 'code'), sections.cell(row, 'code'), 'code');
      this.cellOf.set(path, sections.cell(row, 'code'));
      this.cellOf.set(`${path}.questions`, sections.cell(row, 'code'));
      const section: Json = { ...(code !== undefined && { code }), ...this.translated(sections, row, path, 'title', true), ...this.translated(sections, row, path, 'description', false) };
      this.at(path, 'code', sections.cell(row, 'code'));
      const questionList: Json[] = [];
      section.questions = questionList;
      result.push(section);
      if (code !== undefined && !bySection.has(code)) bySection.set(code, { json: questionList, index });
    });
    if (sections.rows.length === 0) this.cellOf.set('definition.sections', `${SHEETS.sections}!A2`);

    const byQuestion = new Map<string, { json: Json; path: string; row: SheetRow }>();
    const knownCodes = new Set<string>();
    for (const row of questions.rows) {
      const code = this.code(questions.value(row, 'code'), questions.cell(row, 'code'), 'code');
      if (code !== undefined) knownCodes.add(code);
      const sectionCell = questions.cell(row, 'section');
      const sectionCode = this.code(questions.value(row, 'section'), sectionCell, 'section');
      if (sectionCode === undefined) {
        if (questions.value(row, 'section') === null) this.fail(sectionCell, 'section is required: the code of a section of the Sections sheet');
        continue;
      }
      const section = bySection.get(sectionCode);
      if (!section) {
        this.fail(sectionCell, `section ${sectionCode} is not a section of the Sections sheet`);
        continue;
      }
      const path = `definition.sections[${section.index}].questions[${section.json.length}]`;
      const json = this.question(questions, row, path, code);
      section.json.push(json);
      if (code !== undefined && !byQuestion.has(code)) byQuestion.set(code, { json, path, row });
    }

    for (const row of options.rows) {
      const target = this.target(options, row, byQuestion, knownCodes);
      if (!target) continue;
      const list = (target.json.options ??= []) as Json[];
      const path = `${target.path}.options[${list.length}]`;
      if (list.length === 0) this.cellOf.set(`${target.path}.options`, options.cell(row, 'question'));
      this.cellOf.set(path, options.cell(row, 'value'));
      const option: Json = {};
      this.put(option, 'value', this.code(options.value(row, 'value'), options.cell(row, 'value'), 'value'), `${path}.value`, options.cell(row, 'value'));
      Object.assign(option, this.translated(options, row, path, 'label', true));
      this.put(option, 'colour', this.code(options.value(row, 'colour'), options.cell(row, 'colour'), 'colour'), `${path}.colour`, options.cell(row, 'colour'));
      this.put(option, 'redFlag', this.boolean(options.value(row, 'redFlag'), options.cell(row, 'redFlag'), 'redFlag'), `${path}.redFlag`, options.cell(row, 'redFlag'));
      list.push(option);
    }

    for (const row of ranges.rows) {
      const target = this.target(ranges, row, byQuestion, knownCodes);
      if (!target) continue;
      if (target.json.ranges !== undefined && !Array.isArray(target.json.ranges)) continue;
      if (Array.isArray(target.json.ranges) && target.json.ranges.length === 0 && questions.value(target.row, 'ranges') !== null) {
        this.fail(questions.cell(target.row, 'ranges'), `ranges says ${NONE} but the Ranges sheet has ranges for ${String(target.json.code)} (${ranges.cell(row, 'question')})`);
        continue;
      }
      const list = (target.json.ranges ??= []) as Json[];
      const path = `${target.path}.ranges[${list.length}]`;
      if (list.length === 0) this.cellOf.set(`${target.path}.ranges`, ranges.cell(row, 'question'));
      this.cellOf.set(path, ranges.cell(row, 'question'));
      const range: Json = {};
      for (const key of ['min', 'max'] as const) this.put(range, key, this.number(ranges.value(row, key), ranges.cell(row, key), key), `${path}.${key}`, ranges.cell(row, key));
      this.put(range, 'colour', this.code(ranges.value(row, 'colour'), ranges.cell(row, 'colour'), 'colour'), `${path}.colour`, ranges.cell(row, 'colour'));
      this.put(range, 'redFlag', this.boolean(ranges.value(row, 'redFlag'), ranges.cell(row, 'redFlag'), 'redFlag'), `${path}.redFlag`, ranges.cell(row, 'redFlag'));
      list.push(range);
    }
    return result;
  }

  private question(t: Table, row: SheetRow, path: string, code: string | undefined): Json {
    const q: Json = {};
    const cell = (column: string) => t.cell(row, column);
    this.cellOf.set(path, cell('code'));
    this.put(q, 'code', code, `${path}.code`, cell('code'));
    for (const key of ['type', 'theme'] as const) this.put(q, key, this.code(t.value(row, key), cell(key), key), `${path}.${key}`, cell(key));
    Object.assign(q, this.translated(t, row, path, 'text', true), this.translated(t, row, path, 'guidance', false));
    for (const key of ['required', 'notApplicableAllowed', 'integer'] as const) this.put(q, key, this.boolean(t.value(row, key), cell(key), key), `${path}.${key}`, cell(key));
    for (const key of ['weight', 'min', 'max'] as const) this.put(q, key, this.number(t.value(row, key), cell(key), key), `${path}.${key}`, cell(key));
    this.put(q, 'unit', this.text(t.value(row, 'unit'), cell('unit'), 'unit'), `${path}.unit`, cell('unit'));
    // Options go to the type cell when missing altogether ("options is required for a yes_no question").
    this.cellOf.set(`${path}.options`, cell('type'));

    const evidence = this.code(t.value(row, 'evidence'), cell('evidence'), 'evidence');
    const evidenceAnyOf = this.list(t.value(row, 'evidence.anyOf'), cell('evidence.anyOf'), 'evidence.anyOf');
    this.cellOf.set(`${path}.evidence`, cell('evidence'));
    this.cellOf.set(`${path}.evidence.required`, cell('evidence'));
    this.cellOf.set(`${path}.evidence.anyOf`, cell('evidence.anyOf'));
    if (evidence !== undefined || evidenceAnyOf !== undefined) q.evidence = { ...(evidence !== undefined && { required: evidence }), ...(evidenceAnyOf !== undefined && { anyOf: evidenceAnyOf }) };

    const conditionCode = this.code(t.value(row, 'condition.question'), cell('condition.question'), 'condition.question');
    const conditionAnyOf = this.list(t.value(row, 'condition.anyOf'), cell('condition.anyOf'), 'condition.anyOf');
    this.cellOf.set(`${path}.condition`, cell('condition.question'));
    this.cellOf.set(`${path}.condition.questionCode`, cell('condition.question'));
    this.cellOf.set(`${path}.condition.anyOf`, cell('condition.anyOf'));
    if (conditionCode !== undefined || conditionAnyOf !== undefined) {
      q.condition = { ...(conditionCode !== undefined && { questionCode: conditionCode }), ...(conditionAnyOf !== undefined && { anyOf: conditionAnyOf }) };
    }

    const ranges = t.value(row, 'ranges');
    this.cellOf.set(`${path}.ranges`, cell('ranges'));
    if (ranges !== null) {
      if (ranges === NONE) q.ranges = [];
      else this.fail(cell('ranges'), `ranges must be empty (the ranges are on the Ranges sheet) or ${NONE} (no range)`);
    }

    const countries: Json = {};
    let hasCountries = false;
    for (const key of ['amber', 'red'] as const) {
      const column = `countries.${key}`;
      this.cellOf.set(`${path}.countries.${key}`, cell(column));
      if (t.value(row, column) !== null) hasCountries = true;
      const list = this.list(t.value(row, column), cell(column), column);
      if (list !== undefined) countries[key] = list;
    }
    const otherwise = this.code(t.value(row, 'countries.otherwise'), cell('countries.otherwise'), 'countries.otherwise');
    this.cellOf.set(`${path}.countries.otherwise`, cell('countries.otherwise'));
    this.cellOf.set(`${path}.countries`, cell(t.has('countries.amber') ? 'countries.amber' : 'type'));
    if (t.value(row, 'countries.otherwise') !== null) hasCountries = true;
    if (otherwise !== undefined && otherwise !== NONE) countries.otherwise = otherwise;
    if (hasCountries) q.countries = countries;
    return q;
  }

  /** The question an Options or Ranges row belongs to. */
  private target(t: Table, row: SheetRow, byQuestion: Map<string, { json: Json; path: string; row: SheetRow }>, known: Set<string>) {
    const cell = t.cell(row, 'question');
    const code = this.code(t.value(row, 'question'), cell, 'question');
    if (code === undefined) {
      if (t.value(row, 'question') === null) this.fail(cell, 'question is required: the code of a question of the Questions sheet');
      return undefined;
    }
    const target = byQuestion.get(code);
    if (!target && !known.has(code)) this.fail(cell, `question ${code} is not a question of the Questions sheet`);
    return target;
  }

  /** `{ [field]: { en, fr, … } }` from the columns `field.en`, …; optional fields are left out when every column is empty. */
  private translated(t: Table, row: SheetRow, path: string, field: string, required: boolean): Json {
    const texts: Json = {};
    let given = false;
    const first = t.columns.find((column) => column.startsWith(`${field}.`));
    this.cellOf.set(`${path}.${field}`, first ? t.cell(row, first) : t.cell(row, t.columns[0]));
    for (const column of t.columns) {
      if (!column.startsWith(`${field}.`)) continue;
      const language = column.slice(field.length + 1);
      const cell = t.cell(row, column);
      const text = this.text(t.value(row, column), cell, column);
      if (!(this.languages as string[]).includes(language)) {
        if (text !== undefined) this.fail(cell, `${column}: ${language} is not a language of this template (${this.languages.join(', ')})`);
        continue;
      }
      this.cellOf.set(`${path}.${field}.${language}`, cell);
      if (text !== undefined) {
        texts[language] = text;
        given = true;
      }
    }
    return required || given ? { [field]: texts } : {};
  }

  private put(target: Json, key: string, value: unknown, path: string, cell: string): void {
    this.cellOf.set(path, cell);
    if (value !== undefined) target[key] = value;
  }

  private at(path: string, key: string, cell: string): void {
    this.cellOf.set(`${path}.${key}`, cell);
  }

  // ---- headers ----

  private header(sheet: ReadSheet, known: readonly string[], required: readonly string[]): Header | undefined {
    const first = sheet.rows[0];
    if (!first || first.number !== 1) {
      this.structural.push({ field: `${sheet.name}!1:1`, message: `${sheet.name}: row 1 must hold the column headers (${required.join(', ')})` });
      return undefined;
    }
    const header: Header = new Map();
    let ok = true;
    first.cells.forEach((value, column) => {
      if (value === null || value === undefined) return;
      const cell = `${sheet.name}!${columnLetter(column)}1`;
      const name = typeof value === 'string' ? value : String(value);
      if (!known.includes(name)) {
        this.structural.push({ field: cell, message: `${sheet.name}: "${name}" is not a known column (${known.join(', ')})` });
        ok = false;
      } else if (header.has(name)) {
        this.structural.push({ field: cell, message: `${sheet.name}: the column "${name}" is given twice` });
        ok = false;
      } else header.set(name, column);
    });
    const missing = required.filter((name) => !header.has(name));
    if (missing.length > 0) {
      this.structural.push({ field: `${sheet.name}!1:1`, message: `${sheet.name}: the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing` });
      ok = false;
    }
    return ok ? header : undefined;
  }

  private table(name: string, plain: readonly string[], required: readonly string[], translated: readonly string[], requiredTranslated: readonly string[]): Table | undefined {
    const sheet = this.sheets.get(name)!;
    const translatedColumns = translated.flatMap((field) => TEMPLATE_LANGUAGES.map((language) => `${field}.${language}`));
    const requiredColumns = [...required, ...requiredTranslated.flatMap((field) => this.languages.map((language) => `${field}.${language}`))];
    const header = this.header(sheet, [...plain, ...translatedColumns], requiredColumns);
    return header && new Table(sheet, header);
  }

  // ---- cells ----

  private fail(cell: string, message: string): undefined {
    if (this.cellErrors.length < 1000) this.cellErrors.push({ field: cell, message });
    return undefined;
  }

  private problem(value: CellValue, cell: string, name: string, expected: string): undefined {
    if (value instanceof Date) return this.fail(cell, `${name} is a date; ${expected} is expected${expected === 'a text' ? ' (format the cell as text)' : ''}`);
    if (value !== null && typeof value === 'object') return this.fail(cell, `${name} holds ${value.error.startsWith('a ') ? value.error : `the error ${value.error}`}`);
    return this.fail(cell, `${name} must be ${expected}`);
  }

  /** A text; numbers are taken as their text. */
  private text(value: CellValue, cell: string, name: string): string | undefined {
    if (value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return this.problem(value, cell, name, 'a text');
  }

  /** A code or a choice: a text as given (a whole number is taken as its digits). */
  private code(value: CellValue, cell: string, name: string): string | undefined {
    if (value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    return this.problem(value, cell, name, 'a text');
  }

  private number(value: CellValue, cell: string, name: string): number | undefined {
    if (value === null) return undefined;
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
    return this.problem(value, cell, name, 'a number');
  }

  private boolean(value: CellValue, cell: string, name: string): boolean | undefined {
    if (value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') {
      const lower = value.toLowerCase();
      if (['true', 'yes'].includes(lower)) return true;
      if (['false', 'no'].includes(lower)) return false;
    }
    if (value === 1 || value === 0) return value === 1;
    return this.problem(value, cell, name, 'TRUE or FALSE');
  }

  /** A comma-separated list; `none` is the empty list. */
  private list(value: CellValue, cell: string, name: string): string[] | undefined {
    if (value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return [String(value)];
    if (typeof value !== 'string') return this.problem(value, cell, name, `a list separated by commas (or ${NONE})`);
    if (value.toLowerCase() === NONE) return [];
    const items = value.split(/[,;]/).map((item) => item.trim());
    if (items.some((item) => item === '')) return this.fail(cell, `${name} has an empty item: separate the values by single commas`);
    if (items.length > TEMPLATE_LIMITS.countries) return this.fail(cell, `${name} must hold at most ${TEMPLATE_LIMITS.countries} values`);
    return items;
  }

  /** The cell a validator path came from: that of the path, or of its nearest parent. */
  private cellFor(path: string): string {
    for (let current = path; current.length > 0; ) {
      const found = this.cellOf.get(current);
      if (found) return found;
      const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
      if (cut <= 0) break;
      current = current.slice(0, cut);
    }
    return 'file';
  }
}

/** A table sheet: values by column name, cell addresses even for absent optional columns (they read as empty). */
class Table {
  readonly rows: SheetRow[];
  readonly columns: string[];

  constructor(
    private readonly sheet: ReadSheet,
    private readonly header: Header,
  ) {
    this.rows = dataRows(sheet);
    this.columns = [...header.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  }

  has(column: string): boolean {
    return this.header.has(column);
  }

  value(row: SheetRow, column: string): CellValue {
    const index = this.header.get(column);
    return index === undefined ? null : (row.cells[index] ?? null);
  }

  cell(row: SheetRow, column: string): string {
    const index = this.header.get(column);
    // An optional column left out: the problem is in the row; name its first cell.
    return index === undefined ? `${this.sheet.name}!A${row.number}` : address(this.sheet, index, row);
  }
}

function dataRows(sheet: ReadSheet): SheetRow[] {
  return sheet.rows.filter((row) => row.number > 1);
}

function address(sheet: ReadSheet, column: number, row: SheetRow): string {
  return `${sheet.name}!${columnLetter(column)}${row.number}`;
}
