import ExcelJS from 'exceljs';
import type { AnswerView, AssessmentView } from '@ddp/assessments';
import { isChoiceType, OptionDefinition, QuestionDefinition, RatedColour, TemplateDefinition, TemplateLanguage, Translated } from '@ddp/questionnaires';
import { COLOUR_FILLS, COLUMNS, fingerprint, META_ANSWER_ROW, SHEETS, sealOf, WORKBOOK_FORMAT, WorkbookIdentity } from './questionnaire-layout';
import { QUESTIONNAIRE_TEXTS, QuestionnaireTexts } from './questionnaire-texts';

export interface QuestionnaireWorkbookSource {
  assessment: AssessmentView;
  definition: TemplateDefinition;
  /** The key the checksum is derived from (the app's JWT_SECRET). */
  secret: string;
  /** When the workbook is made (the domain clock). */
  createdAt: Date;
}

const HEADER_FILL = 'FFDDEBF7';
const INPUT_FILL = 'FFFFF2CC';
const DISABLED_FILL = 'FFEDEDED';

/** A text in the workbook's language, else English, else the first one given. */
export function translate(text: Translated | undefined, language: TemplateLanguage): string {
  if (!text) return '';
  return text[language] ?? text.en ?? Object.values(text).find((t) => t !== undefined) ?? '';
}

/** The language the workbook is written in: the assessment's, if the template has it. */
export function workbookLanguage(assessment: Pick<AssessmentView, 'language'>, definition: TemplateDefinition): TemplateLanguage {
  return definition.languages.includes(assessment.language) ? assessment.language : definition.languages.includes('en') ? 'en' : definition.languages[0];
}

export function optionLabel(option: OptionDefinition, language: TemplateLanguage): string {
  return translate(option.label, language).trim() || option.value;
}

/** What a question's answer cell may hold from a list (choices, then "not applicable" where allowed). */
export function listValues(question: QuestionDefinition, language: TemplateLanguage, texts: QuestionnaireTexts): string[] {
  const values = isChoiceType(question.type) ? (question.options ?? []).map((o) => optionLabel(o, language)) : [];
  return question.notApplicableAllowed ? [...values, texts.notApplicable] : values;
}

/**
 * The offline questionnaire: Instructions, Questions (one row per question, answers in column E
 * with drop-downs), a veryHidden Lists sheet feeding the drop-downs, and a veryHidden Meta sheet
 * naming the assessment, revision and template version under an HMAC checksum. At most 1,000
 * questions (the template limit): the in-memory workbook is small, no streaming needed.
 */
export async function writeQuestionnaireWorkbook(source: QuestionnaireWorkbookSource): Promise<Buffer> {
  const { assessment, definition } = source;
  const language = workbookLanguage(assessment, definition);
  const texts = QUESTIONNAIRE_TEXTS[language];
  const answers = new Map(assessment.answers.map((a) => [a.questionCode, a]));
  const evidence = new Map<string, string[]>();
  for (const file of assessment.evidence) if (file.questionCode) evidence.set(file.questionCode, [...(evidence.get(file.questionCode) ?? []), file.fileName]);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Due-Diligence Portal';
  workbook.created = source.createdAt;
  workbook.modified = source.createdAt;

  writeInstructions(workbook.addWorksheet(SHEETS.instructions), assessment, definition, language, texts);
  const questionsSheet = workbook.addWorksheet(SHEETS.questions, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const lists = workbook.addWorksheet(SHEETS.lists, { state: 'veryHidden' });
  const meta = workbook.addWorksheet(SHEETS.meta, { state: 'veryHidden' });

  writeQuestions(questionsSheet, lists, definition, answers, evidence, language, texts);

  const identity: WorkbookIdentity = {
    format: WORKBOOK_FORMAT,
    assessmentId: assessment.id,
    revision: String(assessment.revision),
    templateId: assessment.template.id,
    templateVersion: String(assessment.template.versionNumber),
    language,
    answers: definition.sections.flatMap((s) => s.questions.map((q): [string, string] => [q.code, fingerprint(answers.get(q.code))])),
  };
  writeMeta(meta, identity, sealOf(source.secret, identity));
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function writeInstructions(sheet: ExcelJS.Worksheet, assessment: AssessmentView, definition: TemplateDefinition, language: TemplateLanguage, texts: QuestionnaireTexts): void {
  sheet.columns = [{ width: 22 }, { width: 110 }];
  const title = sheet.addRow([`${texts.title}: ${translate(definition.title, language)}`]);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  // No contract nor buyer when the assessment is read through a share (the view leaves them out).
  const info: Array<[string, string]> = [
    ...(assessment.contract ? [[texts.info.contract, `${assessment.contract.reference} — ${assessment.contract.title}`] as [string, string]] : []),
    ...(assessment.authority ? [[texts.info.buyer, assessment.authority.name] as [string, string]] : []),
    [texts.info.supplier, assessment.supplier.name],
    [texts.info.questionnaire, translate(definition.title, language)],
    [texts.info.version, String(assessment.template.versionNumber)],
    [texts.info.revision, String(assessment.revision)],
    [texts.info.dueDate, assessment.dueDate],
    [texts.info.language, language],
  ];
  for (const [label, value] of info) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow([texts.howTo]).font = { bold: true, size: 12 };
  texts.steps.forEach((step, i) => {
    const row = sheet.addRow([`${i + 1}.`, step]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(1).alignment = { vertical: 'top' };
  });
  sheet.addRow([]);
  sheet.addRow([texts.legendTitle]).font = { bold: true, size: 12 };
  for (const colour of ['green', 'amber', 'red', 'grey'] as const) {
    const row = sheet.addRow([texts.colours[colour], texts.legend[colour]]);
    fillColour(row.getCell(1), colour);
  }
}

function writeQuestions(
  sheet: ExcelJS.Worksheet,
  lists: ExcelJS.Worksheet,
  definition: TemplateDefinition,
  answers: Map<string, AnswerView>,
  evidence: Map<string, string[]>,
  language: TemplateLanguage,
  texts: QuestionnaireTexts,
): void {
  const h = texts.headers;
  const headers = [h.code, h.section, h.text, h.type, h.answer, h.comment, h.colour, h.allowed, h.guidance, h.required, h.condition, h.evidence];
  const widths = [14, 24, 60, 26, 32, 40, 14, 40, 50, 12, 22, 30];
  sheet.columns = widths.map((width) => ({ width }));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  const questions = new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const)));
  let listRow = 0;
  for (const section of definition.sections) {
    for (const question of section.questions) {
      const answer = answers.get(question.code);
      const values = listValues(question, language, texts);
      const row = sheet.addRow([
        question.code,
        translate(section.title, language),
        translate(question.text, language),
        typeText(question, texts),
        answerCellValue(question, answer, language, texts),
        answer?.comment ?? null,
        texts.colours[answer?.colour ?? 'grey'],
        question.type === 'file' ? texts.uploadInPortal : values.join('; '),
        translate(question.guidance, language) || null,
        question.required ? texts.yes : texts.no,
        conditionText(question, questions, language, texts),
        (evidence.get(question.code) ?? []).join('; ') || null,
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      const answerCell = row.getCell(COLUMNS.answer);
      answerCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: question.type === 'file' ? DISABLED_FILL : INPUT_FILL } };
      row.getCell(COLUMNS.comment).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
      if (question.type === 'date') answerCell.numFmt = 'yyyy-mm-dd';
      fillColour(row.getCell(COLUMNS.colour), answer?.colour ?? 'grey');

      if (values.length > 0) {
        listRow += 1;
        lists.getRow(listRow).values = [question.code, ...values];
        const first = lists.getRow(listRow).getCell(2).address;
        const last = lists.getRow(listRow).getCell(values.length + 1).address;
        const strict = question.type !== 'multiple_choice';
        answerCell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`${SHEETS.lists}!$${first.replace(/\d+$/, '')}$${listRow}:$${last.replace(/\d+$/, '')}$${listRow}`],
          // Several choices are typed separated by ";": the list only helps.
          showErrorMessage: strict,
          errorStyle: 'stop',
          errorTitle: texts.validationTitle,
          error: texts.validationMessage,
        };
      } else if (question.type === 'number' && (question.min !== undefined || question.max !== undefined)) {
        const range = question.min !== undefined && question.max !== undefined;
        answerCell.dataValidation = {
          type: question.integer ? 'whole' : 'decimal',
          operator: range ? 'between' : question.min !== undefined ? 'greaterThanOrEqual' : 'lessThanOrEqual',
          allowBlank: true,
          formulae: range ? [question.min, question.max] : [question.min ?? question.max],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: texts.types.number,
          error: texts.between(question.min, question.max),
        };
      }
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: headers.length } };
}

function writeMeta(sheet: ExcelJS.Worksheet, identity: WorkbookIdentity, checksum: string): void {
  sheet.addRow(['format', identity.format]);
  sheet.addRow(['assessmentId', identity.assessmentId]);
  sheet.addRow(['revision', identity.revision]);
  sheet.addRow(['templateId', identity.templateId]);
  sheet.addRow(['templateVersion', identity.templateVersion]);
  sheet.addRow(['language', identity.language]);
  sheet.addRow(['checksum', checksum]);
  for (const [code, print] of identity.answers) sheet.addRow([META_ANSWER_ROW, code, print]);
}

function typeText(question: QuestionDefinition, texts: QuestionnaireTexts): string {
  if (question.type !== 'number') return texts.types[question.type];
  const parts = [texts.types.number];
  if (question.unit) parts.push(`(${question.unit})`);
  if (question.min !== undefined || question.max !== undefined) parts.push(texts.between(question.min, question.max));
  if (question.integer) parts.push(`— ${texts.wholeNumber}`);
  return parts.join(' ');
}

function conditionText(question: QuestionDefinition, questions: Map<string, QuestionDefinition>, language: TemplateLanguage, texts: QuestionnaireTexts): string | null {
  if (!question.condition) return null;
  const on = questions.get(question.condition.questionCode);
  const labels = question.condition.anyOf.map((value) => {
    const option = on?.options?.find((o) => o.value === value);
    return option ? optionLabel(option, language) : value;
  });
  return texts.askedWhen(question.condition.questionCode, labels.join(' / '));
}

/** The stored answer as the supplier would type it: labels for choices, a real date for dates. */
export function answerCellValue(question: QuestionDefinition, answer: Pick<AnswerView, 'value' | 'notApplicable'> | undefined, language: TemplateLanguage, texts: QuestionnaireTexts): ExcelJS.CellValue {
  if (!answer) return null;
  if (answer.notApplicable) return texts.notApplicable;
  const value = answer.value;
  if (value === null) return null;
  const label = (v: string) => {
    const option = question.options?.find((o) => o.value === v);
    return option ? optionLabel(option, language) : v;
  };
  switch (question.type) {
    case 'yes_no':
    case 'single_choice':
      return label(String(value));
    case 'multiple_choice':
      return (Array.isArray(value) ? value : [String(value)]).map(label).join('; ');
    case 'country_list':
      return (Array.isArray(value) ? value : [String(value)]).join('; ');
    case 'date':
      return typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : null;
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'file':
      return null;
    default:
      return String(value);
  }
}

function fillColour(cell: ExcelJS.Cell, colour: RatedColour): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_FILLS[colour] } };
}
