import type { Colour } from '@ddp/questionnaires';

/**
 * The documented layout of a questionnaire-template workbook (docs/template-workbook.md).
 * Sheets are found by name, columns by their header in row 1 (any order), so a buyer may
 * reorder columns or add a "Read me" sheet; rows are read until the end of the sheet, blank
 * rows are skipped.
 */
export const WORKBOOK_FORMAT = 'ddp-questionnaire-template 1';

export const SHEETS = {
  readMe: 'Read me',
  template: 'Template',
  sections: 'Sections',
  questions: 'Questions',
  options: 'Options',
  ranges: 'Ranges',
} as const;

/** Sheets every imported workbook must have (the Read me sheet is optional and ignored). */
export const REQUIRED_SHEETS = [SHEETS.template, SHEETS.sections, SHEETS.questions, SHEETS.options, SHEETS.ranges] as const;

/** In a list cell (comma separated) or a countries cell: "given, but empty". */
export const NONE = 'none';

/** Translated fields of each sheet: one column per language, `title.en`, `title.fr`, … */
export const TRANSLATED_COLUMNS = {
  sections: ['title', 'description'],
  questions: ['text', 'guidance'],
  options: ['label'],
} as const;

/** The plain columns of each sheet, in export order; translated columns follow `after`. */
export const SECTION_COLUMNS = ['code'] as const;
export const QUESTION_COLUMNS = ['code', 'section', 'type', 'theme', 'required', 'notApplicableAllowed', 'weight'] as const;
export const QUESTION_TAIL_COLUMNS = [
  'evidence',
  'evidence.anyOf',
  'condition.question',
  'condition.anyOf',
  'unit',
  'min',
  'max',
  'integer',
  'ranges',
  'countries.amber',
  'countries.red',
  'countries.otherwise',
] as const;
export const OPTION_COLUMNS = ['question', 'value'] as const;
export const OPTION_TAIL_COLUMNS = ['colour', 'redFlag'] as const;
export const RANGE_COLUMNS = ['question', 'min', 'max', 'colour', 'redFlag'] as const;

/** Columns an imported sheet must have (the translated ones: for each language of the template). */
export const REQUIRED_COLUMNS = {
  sections: ['code'],
  questions: ['code', 'section', 'type', 'theme', 'required'],
  options: ['question', 'value'],
  ranges: ['question', 'colour'],
} as const;
export const REQUIRED_TRANSLATED = {
  sections: ['title'],
  questions: ['text'],
  options: ['label'],
} as const;

/** Keys of the Template sheet (column A), in export order; translated keys are `title.en`, … */
export const TEMPLATE_KEYS = ['format', 'languages', 'scoring.method', 'scoring.amberBelow', 'scoring.redBelow'] as const;
export const TEMPLATE_TRANSLATED = ['title', 'description'] as const;

/** Fills of colour cells (the colour is always written as text too). */
export const COLOUR_FILL: Record<Colour, string> = { green: 'FF63BE7B', amber: 'FFFFC000', red: 'FFF8696B' };
export const HEADER_FILL = 'FFD9E1F2';
