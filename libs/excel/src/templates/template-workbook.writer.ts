import ExcelJS from 'exceljs';
import { ANSWER_TYPES, COLOURS, Colour, QuestionDefinition, TemplateDefinition, THEMES, Translated } from '@ddp/questionnaires';
import {
  COLOUR_FILL,
  HEADER_FILL,
  NONE,
  OPTION_COLUMNS,
  OPTION_TAIL_COLUMNS,
  QUESTION_COLUMNS,
  QUESTION_TAIL_COLUMNS,
  RANGE_COLUMNS,
  SECTION_COLUMNS,
  SHEETS,
  TRANSLATED_COLUMNS,
  WORKBOOK_FORMAT,
} from './template-workbook.layout';

type Cell = string | number | boolean | undefined;
type Row = Record<string, Cell>;

/** Rows below the data that get the dropdowns too, for authors adding questions. */
const SPARE_ROWS = 100;

/**
 * The template definition as a workbook in the documented layout: importing it gives back a
 * definition deep-equal to `definition`.
 */
export async function writeTemplateWorkbook(definition: TemplateDefinition): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Due diligence platform';
  const languages = definition.languages;
  const translatedHeaders = (fields: readonly string[]) => fields.flatMap((field) => languages.map((language) => `${field}.${language}`));
  const translatedCells = (row: Row, field: string, texts: Translated | undefined) => {
    for (const language of languages) row[`${field}.${language}`] = texts?.[language];
  };

  writeReadMe(workbook.addWorksheet(SHEETS.readMe), definition);

  const template = workbook.addWorksheet(SHEETS.template, { views: [{ state: 'frozen', ySplit: 1 }] });
  const templateRows: Array<[string, Cell]> = [
    ['format', WORKBOOK_FORMAT],
    ['languages', languages.join(', ')],
    ...languages.map((language): [string, Cell] => [`title.${language}`, definition.title[language]]),
    ...languages.map((language): [string, Cell] => [`description.${language}`, definition.description?.[language]]),
    ['scoring.method', definition.scoring.method],
    ['scoring.amberBelow', definition.scoring.method === 'weighted' ? definition.scoring.amberBelow : undefined],
    ['scoring.redBelow', definition.scoring.method === 'weighted' ? definition.scoring.redBelow : undefined],
  ];
  table(template, ['field', 'value'], templateRows.map(([field, value]) => ({ field, value })), { field: 24, value: 80 });
  template.getCell(`B${templateRows.findIndex(([field]) => field === 'scoring.method') + 2}`).dataValidation = list(['worst', 'weighted']);

  const sectionRows: Row[] = definition.sections.map((section) => {
    const row: Row = { code: section.code };
    translatedCells(row, 'title', section.title);
    translatedCells(row, 'description', section.description);
    return row;
  });
  table(workbook.addWorksheet(SHEETS.sections), [...SECTION_COLUMNS, ...translatedHeaders(TRANSLATED_COLUMNS.sections)], sectionRows, { code: 14 });

  const questionRows: Row[] = [];
  const optionRows: Row[] = [];
  const rangeRows: Row[] = [];
  for (const section of definition.sections) {
    for (const question of section.questions) {
      questionRows.push(questionRow(question, section.code, translatedCells));
      for (const option of question.options ?? []) {
        const row: Row = { question: question.code, value: option.value, colour: option.colour, redFlag: option.redFlag };
        translatedCells(row, 'label', option.label);
        optionRows.push(row);
      }
      for (const range of question.ranges ?? []) rangeRows.push({ question: question.code, min: range.min, max: range.max, colour: range.colour, redFlag: range.redFlag });
    }
  }

  const questions = workbook.addWorksheet(SHEETS.questions);
  const questionHeaders = [...QUESTION_COLUMNS, ...translatedHeaders(TRANSLATED_COLUMNS.questions), ...QUESTION_TAIL_COLUMNS];
  table(questions, questionHeaders, questionRows, { code: 12, section: 10, type: 16, theme: 22, 'condition.question': 18 });
  dropdowns(questions, questionHeaders, questionRows.length, {
    type: ANSWER_TYPES,
    theme: THEMES,
    required: ['TRUE', 'FALSE'],
    notApplicableAllowed: ['TRUE', 'FALSE'],
    integer: ['TRUE', 'FALSE'],
    evidence: ['never', 'always', 'when'],
    'countries.otherwise': [...COLOURS, NONE],
  });

  const options = workbook.addWorksheet(SHEETS.options);
  const optionHeaders = [...OPTION_COLUMNS, ...translatedHeaders(TRANSLATED_COLUMNS.options), ...OPTION_TAIL_COLUMNS];
  table(options, optionHeaders, optionRows, { question: 12, value: 16 });
  dropdowns(options, optionHeaders, optionRows.length, { colour: COLOURS, redFlag: ['TRUE', 'FALSE'] });

  const ranges = workbook.addWorksheet(SHEETS.ranges);
  table(ranges, [...RANGE_COLUMNS], rangeRows, { question: 12 });
  dropdowns(ranges, [...RANGE_COLUMNS], rangeRows.length, { colour: COLOURS, redFlag: ['TRUE', 'FALSE'] });

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function questionRow(question: QuestionDefinition, section: string, translated: (row: Row, field: string, texts: Translated | undefined) => void): Row {
  const evidence = question.evidence;
  const countries = question.countries;
  const row: Row = {
    code: question.code,
    section,
    type: question.type,
    theme: question.theme,
    required: question.required,
    notApplicableAllowed: question.notApplicableAllowed,
    weight: question.weight,
    evidence: evidence?.required,
    'evidence.anyOf': evidence?.required === 'when' ? listCell(evidence.anyOf) : undefined,
    'condition.question': question.condition?.questionCode,
    'condition.anyOf': question.condition ? listCell(question.condition.anyOf) : undefined,
    unit: question.unit,
    min: question.min,
    max: question.max,
    integer: question.integer,
    ranges: question.ranges?.length === 0 ? NONE : undefined,
    'countries.amber': countries?.amber && listCell(countries.amber),
    'countries.red': countries?.red && listCell(countries.red),
    // An empty rule ({}) is still a rule: "none" keeps it apart from no rule at all.
    'countries.otherwise': countries ? (countries.otherwise ?? (countries.amber || countries.red ? undefined : NONE)) : undefined,
  };
  translated(row, 'text', question.text);
  translated(row, 'guidance', question.guidance);
  return row;
}

function listCell(values: readonly string[]): string {
  return values.length === 0 ? NONE : values.join(', ');
}

/** A sheet with a bold, filled, frozen header row, an autofilter, widths, and colour cells filled. */
function table(sheet: ExcelJS.Worksheet, headers: readonly string[], rows: readonly Row[], widths: Record<string, number>): void {
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns = headers.map((header) => ({ header, key: header, width: widths[header] ?? (/\.(en|fr|nl)$/.test(header) ? 40 : 12) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  });
  for (const row of rows) {
    const added = sheet.addRow(headers.map((h) => row[h] ?? null));
    headers.forEach((h, index) => {
      const value = row[h];
      const cell = added.getCell(index + 1);
      if (/\.(en|fr|nl)$/.test(h) || h === 'value') cell.alignment = { wrapText: true, vertical: 'top' };
      if ((h === 'colour' || h === 'countries.otherwise') && typeof value === 'string' && value in COLOUR_FILL) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_FILL[value as Colour] } };
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: headers.length } };
}

function list(values: readonly string[]): ExcelJS.DataValidation {
  return { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] };
}

function dropdowns(sheet: ExcelJS.Worksheet, headers: readonly string[], rowCount: number, lists: Record<string, readonly string[]>): void {
  for (const [header, values] of Object.entries(lists)) {
    const column = headers.indexOf(header) + 1;
    if (column === 0) continue;
    for (let row = 2; row <= rowCount + 1 + SPARE_ROWS; row++) sheet.getCell(row, column).dataValidation = list(values);
  }
}

function writeReadMe(sheet: ExcelJS.Worksheet, definition: TemplateDefinition): void {
  const lines = [
    `Questionnaire template: ${definition.title.en ?? definition.title[definition.languages[0]] ?? ''}`,
    '',
    'Edit the sheets Template, Sections, Questions, Options and Ranges, then import the workbook with',
    'POST /api/v1/questionnaire-templates/import: it creates a new draft template. The layout is described in docs/template-workbook.md.',
    '',
    'Template: one setting a row (format, languages as "en, fr, nl", title.<language>, description.<language>, scoring.method worst|weighted, scoring.amberBelow, scoring.redBelow).',
    'Sections: one section a row, in order (code, title.<language>, description.<language>).',
    'Questions: one question a row, in order within its section (section = the section code). Lists (anyOf, countries) are comma separated; "none" means an empty list.',
    'Options: the choices of yes_no, single_choice and multiple_choice questions, in order (question = the question code). yes_no questions have exactly yes and no.',
    'Ranges: the colour ranges of number questions, first match wins: min <= value < max (either bound may be empty).',
    'Colours: green, amber, red (the colour is the text of the cell; the fill only helps reading). A red flag (redFlag TRUE) must be red.',
    'Empty cells mean "not given". Formulas are read by their computed value.',
  ];
  sheet.getColumn(1).width = 140;
  lines.forEach((line, index) => {
    sheet.getCell(index + 1, 1).value = line;
  });
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  const legendRow = lines.length + 2;
  sheet.getCell(legendRow, 1).value = 'Legend';
  sheet.getCell(legendRow, 1).font = { bold: true };
  COLOURS.forEach((colour, index) => {
    const cell = sheet.getCell(legendRow + 1 + index, 1);
    cell.value = colour;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_FILL[colour] } };
  });
}
