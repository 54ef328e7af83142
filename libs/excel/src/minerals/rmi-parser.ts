import type { Workbook, Worksheet } from 'exceljs';
import { DomainException, ErrorCode, FieldError } from '@ddp/core';
import { cellDate, cellText } from './rmi-cells';

export type MineralsKind = 'CMRT' | 'EMRT';

/** The template versions this importer reads (by major version: their cell layout is stable within one). */
export const SUPPORTED_VERSIONS: Record<MineralsKind, { major: number; label: string }> = {
  CMRT: { major: 6, label: 'CMRT 6.x' },
  EMRT: { major: 2, label: 'EMRT 2.x' },
};
const SUPPORTED_LABEL = `${SUPPORTED_VERSIONS.CMRT.label} and ${SUPPORTED_VERSIONS.EMRT.label}`;

export interface MetalAnswer {
  metal: string;
  answer: string | null;
  comment: string | null;
  /** Where the answer is, e.g. `Declaration!D26`. */
  cell: string;
}

export interface DeclarationQuestion {
  /** '1'…'8' (CMRT) or '1'…'7' (EMRT). */
  number: string;
  answers: MetalAnswer[];
}

export interface CompanyQuestion {
  /** 'A'…'H' (CMRT) or 'A'…'G' (EMRT). */
  code: string;
  answer: string | null;
  comment: string | null;
  cell: string;
  /** EMRT question C is answered per mineral. */
  perMetal?: MetalAnswer[];
}

export interface MineralsDeclaration {
  companyName: string;
  /** The scope as chosen ("A. Company", "B. Product (or List of Products)", "C. User defined …"). */
  scope: string;
  /** A, B or C. */
  scopeCode: string | null;
  scopeDescription: string | null;
  companyUniqueId: string | null;
  companyUniqueIdAuthority: string | null;
  address: string | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  authoriser: { name: string | null; title: string | null; email: string | null; phone: string | null };
  effectiveDate: string;
  /** EMRT: the minerals the declaration covers (CMRT: the four 3TG metals). */
  mineralsInScope: string[];
  questions: DeclarationQuestion[];
  companyQuestions: CompanyQuestion[];
}

export interface ParsedSmelter {
  row: number;
  metal: string;
  name: string | null;
  country: string | null;
  /** The RMI smelter identification (e.g. CID002763), when given. */
  smelterId: string | null;
  source: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  contactName: string | null;
  contactEmail: string | null;
  nextSteps: string | null;
  mineName: string | null;
  mineCountry: string | null;
  recycledOrScrap: string | null;
  comments: string | null;
}

export interface ParsedMine {
  row: number;
  metal: string;
  smelterName: string | null;
  name: string | null;
  mineId: string | null;
  source: string | null;
  country: string | null;
  street: string | null;
  city: string | null;
  state: string | null;
  contactName: string | null;
  contactEmail: string | null;
  nextSteps: string | null;
  comments: string | null;
}

export interface ParsedMineralsReport {
  kind: MineralsKind;
  version: string;
  declaration: MineralsDeclaration;
  smelters: ParsedSmelter[];
  mines: ParsedMine[];
}

/** Where each part sits in one template layout (cell addresses, never labels). */
interface Layout {
  fields: {
    companyName: string;
    scope: string;
    scopeDescription: string;
    companyUniqueId: string;
    companyUniqueIdAuthority: string;
    address: string;
    contactName: string;
    contactEmail: string;
    contactPhone: string;
    authoriserName: string;
    authoriserTitle: string;
    authoriserEmail: string;
    authoriserPhone: string;
    effectiveDate: string;
  };
  required: Array<keyof Layout['fields']>;
  /** First answer row of each question 1…n. */
  questionRows: number[];
  /** Rows per question block (one per metal). */
  metalRows: number;
  companyQuestionRows: Record<string, number>;
  /** A company question answered per metal (EMRT C): its first row. */
  perMetalCompanyQuestion?: { code: string; row: number };
}

const CMRT_METALS = ['Tantalum', 'Tin', 'Gold', 'Tungsten'];
export const EMRT_MINERALS = ['Cobalt', 'Copper', 'Graphite', 'Lithium', 'Mica', 'Nickel'];
/** EMRT 2.x: the "minerals in scope" choices (each cell holds the mineral or "(Delete …)"). */
const EMRT_SCOPE_CELLS = ['D12', 'E12', 'G12', 'D13', 'E13', 'G13'];

const REQUIRED_LABEL: Record<keyof Layout['fields'], string> = {
  companyName: 'Company name',
  scope: 'Declaration scope',
  scopeDescription: 'Description of scope',
  companyUniqueId: 'Company unique ID',
  companyUniqueIdAuthority: 'Company unique ID authority',
  address: 'Address',
  contactName: 'Contact name',
  contactEmail: 'Contact email',
  contactPhone: 'Contact phone',
  authoriserName: 'Authorizer',
  authoriserTitle: 'Authorizer title',
  authoriserEmail: 'Authorizer email',
  authoriserPhone: 'Authorizer phone',
  effectiveDate: 'Effective date',
};

export const CMRT6_LAYOUT: Layout = {
  fields: {
    companyName: 'D8',
    scope: 'D9',
    scopeDescription: 'D10',
    companyUniqueId: 'D12',
    companyUniqueIdAuthority: 'D13',
    address: 'D14',
    contactName: 'D15',
    contactEmail: 'D16',
    contactPhone: 'D17',
    authoriserName: 'D18',
    authoriserTitle: 'D19',
    authoriserEmail: 'D20',
    authoriserPhone: 'D21',
    effectiveDate: 'D22',
  },
  required: ['companyName', 'scope', 'contactName', 'contactEmail', 'contactPhone', 'authoriserName', 'authoriserEmail', 'effectiveDate'],
  questionRows: [26, 32, 38, 44, 50, 56, 62, 68],
  metalRows: 4,
  companyQuestionRows: { A: 75, B: 77, C: 79, D: 81, E: 83, F: 85, G: 87, H: 89 },
};

export const EMRT2_LAYOUT: Layout = {
  fields: {
    companyName: 'D8',
    scope: 'D9',
    scopeDescription: 'D10',
    companyUniqueId: 'D16',
    companyUniqueIdAuthority: 'D17',
    address: 'D18',
    contactName: 'D19',
    contactEmail: 'D20',
    contactPhone: 'D21',
    authoriserName: 'D22',
    authoriserTitle: 'D23',
    authoriserEmail: 'D24',
    authoriserPhone: 'D25',
    effectiveDate: 'D26',
  },
  required: ['companyName', 'scope', 'contactName', 'contactEmail', 'contactPhone', 'authoriserName', 'authoriserEmail', 'effectiveDate'],
  questionRows: [30, 42, 54, 66, 78, 90, 102],
  metalRows: 10,
  companyQuestionRows: { A: 115, B: 117, D: 131, E: 133, F: 135, G: 137 },
  perMetalCompanyQuestion: { code: 'C', row: 120 },
};

/** Smelter List and Mine List: header on row 4, data from row 5; at most this many rows are read. */
const FIRST_DATA_ROW = 5;
export const MAX_LIST_ROWS = 10_000;

const unprocessable = (detail: string, errors: FieldError[]) => new DomainException(ErrorCode.Unprocessable, detail, errors);

/** Which RMI template and version a workbook is, from its "Revision" sheet (its last revision row). */
export function identifyTemplate(workbook: Workbook): { kind: MineralsKind; version: string; cell: string } {
  const revision = workbook.getWorksheet('Revision');
  const declaration = workbook.getWorksheet('Declaration');
  if (!revision || !declaration || !workbook.getWorksheet('Smelter List')) {
    const missing = ['Revision', 'Declaration', 'Smelter List'].filter((name) => !workbook.getWorksheet(name));
    throw unprocessable(`The workbook is not an RMI reporting template (CMRT or EMRT): sheet ${missing.map((m) => `"${m}"`).join(', ')} missing`, missing.map((m) => ({ field: `${m}!A1`, message: `sheet "${m}" is missing: upload a CMRT or EMRT as published by the RMI` })));
  }
  const title = [cellText(revision, 'B3'), cellText(revision, 'C3')].join(' ').toLowerCase();
  const kind: MineralsKind | null = title.includes('extended') || workbook.getWorksheet('Mine List') ? 'EMRT' : title.includes('conflict') ? 'CMRT' : null;
  let version: string | null = null;
  let cell = 'Revision!B13';
  const last = Math.min(revision.rowCount, 500);
  for (let row = 13; row <= last; row++) {
    const text = cellText(revision, `B${row}`);
    if (text && /^\d{1,2}(\.\d{1,3})?[a-z]?$/i.test(text)) {
      version = text;
      cell = `Revision!B${row}`;
    }
  }
  if (!kind || !version) throw unprocessable('The workbook is not an RMI reporting template (CMRT or EMRT): its Revision sheet names no template and version', [{ field: cell, message: `no template revision found; supported: ${SUPPORTED_LABEL}` }]);
  const major = Number.parseInt(version, 10);
  if (major !== SUPPORTED_VERSIONS[kind].major) {
    const message = `${kind} version ${version} is not supported; supported versions: ${SUPPORTED_LABEL}`;
    throw unprocessable(message, [{ field: cell, message }]);
  }
  return { kind, version, cell };
}

/**
 * Reads a filled CMRT 6.x or EMRT 2.x by cell address: the declaration, its answers per metal,
 * the company questions, the smelter list and (EMRT) the mine list. Labels are formulas in ten
 * languages, so none is read; formula cells give their cached result. Throws a 422 listing every
 * problem by cell (`Declaration!D8`, `Smelter List!B7`, …).
 */
export function parseRmiWorkbook(workbook: Workbook): ParsedMineralsReport {
  const { kind, version } = identifyTemplate(workbook);
  const layout = kind === 'CMRT' ? CMRT6_LAYOUT : EMRT2_LAYOUT;
  const sheet = workbook.getWorksheet('Declaration')!;
  const errors: FieldError[] = [];
  const f = (name: keyof Layout['fields']) => cellText(sheet, layout.fields[name]);

  for (const name of layout.required) {
    if (name === 'effectiveDate') continue;
    if (!f(name)) errors.push({ field: `Declaration!${layout.fields[name]}`, message: `${REQUIRED_LABEL[name]} is required` });
  }
  const effective = cellDate(sheet, layout.fields.effectiveDate);
  if (effective.error) errors.push({ field: `Declaration!${layout.fields.effectiveDate}`, message: `${REQUIRED_LABEL.effectiveDate} ${effective.error}` });
  else if (!effective.date) errors.push({ field: `Declaration!${layout.fields.effectiveDate}`, message: `${REQUIRED_LABEL.effectiveDate} is required` });

  const mineralsInScope = kind === 'CMRT' ? CMRT_METALS : emrtMinerals(sheet);
  // CMRT rows are the four metals in a fixed order (their labels are translated); EMRT rows list the
  // minerals in scope alphabetically, and their labels are the English mineral names.
  const metalOf = (row: number, index: number): string | null => {
    if (kind === 'CMRT') return CMRT_METALS[index] ?? null;
    const label = cellText(sheet, `B${row}`)?.replace(/\(\*\)/g, '').trim().toLowerCase();
    return EMRT_MINERALS.find((m) => m.toLowerCase() === label) ?? [...mineralsInScope].sort()[index] ?? null;
  };
  const answersFrom = (first: number): MetalAnswer[] => {
    const answers: MetalAnswer[] = [];
    for (let i = 0; i < layout.metalRows; i++) {
      const row = first + i;
      const metal = metalOf(row, i);
      const answer = cellText(sheet, `D${row}`);
      if (!metal && !answer) continue;
      answers.push({ metal: metal ?? `row ${row}`, answer, comment: cellText(sheet, `G${row}`), cell: `Declaration!D${row}` });
    }
    return answers;
  };
  const questions = layout.questionRows.map((first, index) => ({ number: String(index + 1), answers: answersFrom(first) }));
  const companyQuestions: CompanyQuestion[] = Object.entries(layout.companyQuestionRows).map(([code, row]) => ({
    code,
    answer: cellText(sheet, `D${row}`),
    comment: cellText(sheet, `G${row}`),
    cell: `Declaration!D${row}`,
  }));
  if (layout.perMetalCompanyQuestion) {
    const { code, row } = layout.perMetalCompanyQuestion;
    companyQuestions.push({ code, answer: null, comment: null, cell: `Declaration!D${row}`, perMetal: answersFrom(row) });
    companyQuestions.sort((a, b) => a.code.localeCompare(b.code));
  }

  errors.push(...unansweredQuestions(questions, companyQuestions));

  const smelters = parseSmelters(workbook.getWorksheet('Smelter List')!, errors);
  const mineSheet = workbook.getWorksheet('Mine List');
  const mines = kind === 'EMRT' && mineSheet ? parseMines(mineSheet, errors) : [];

  if (errors.length > 0) throw unprocessable(`The ${kind} ${version} has ${errors.length} problem${errors.length === 1 ? '' : 's'}: nothing was imported`, errors);
  const scope = f('scope')!;
  return {
    kind,
    version,
    declaration: {
      companyName: f('companyName')!,
      scope,
      scopeCode: /^[ABC]\./.test(scope) ? scope[0] : null,
      scopeDescription: f('scopeDescription'),
      companyUniqueId: f('companyUniqueId'),
      companyUniqueIdAuthority: f('companyUniqueIdAuthority'),
      address: f('address'),
      contact: { name: f('contactName'), email: f('contactEmail'), phone: f('contactPhone') },
      authoriser: { name: f('authoriserName'), title: f('authoriserTitle'), email: f('authoriserEmail'), phone: f('authoriserPhone') },
      effectiveDate: effective.date!,
      mineralsInScope,
      questions,
      companyQuestions,
    },
    smelters,
    mines,
  };
}

const isNo = (answer: string | null): boolean => !!answer && /^no\b/i.test(answer.trim());

/**
 * The RMI checker's conditional rules, at the basics: question 1 is answered for every metal
 * (mineral) listed, question 2 unless 1 is "No"; a metal answered "No" to 1 or 2 needs nothing more, any other
 * needs the rest of the questions; the company questions are needed unless every metal was
 * answered "No" to 1 or 2 (per-mineral company questions: for those metals only).
 */
export function unansweredQuestions(questions: DeclarationQuestion[], companyQuestions: CompanyQuestion[]): FieldError[] {
  const errors: FieldError[] = [];
  const missing = (n: string, a: MetalAnswer): FieldError => ({ field: a.cell, message: `Question ${n} is required for ${a.metal}` });
  const [q1, q2] = questions;
  const notUsed = new Set((q1?.answers ?? []).filter((a) => isNo(a.answer)).map((a) => a.metal));
  for (const a of q1?.answers ?? []) if (!a.answer) errors.push(missing(q1.number, a));
  for (const a of q2?.answers ?? []) if (!a.answer && !notUsed.has(a.metal)) errors.push(missing(q2.number, a));
  const outOfScope = new Set([...(q1?.answers ?? []), ...(q2?.answers ?? [])].filter((a) => isNo(a.answer)).map((a) => a.metal));
  const inScope = new Set((q1?.answers ?? []).map((a) => a.metal).filter((m) => !outOfScope.has(m)));
  for (const q of questions.slice(2)) for (const a of q.answers) if (inScope.has(a.metal) && !a.answer) errors.push(missing(q.number, a));
  if (inScope.size === 0) return errors;
  for (const q of companyQuestions) {
    if (q.perMetal) {
      for (const a of q.perMetal) if (inScope.has(a.metal) && !a.answer) errors.push({ field: a.cell, message: `Company question ${q.code} is required for ${a.metal}` });
    } else if (!q.answer) {
      errors.push({ field: q.cell, message: `Company question ${q.code} is required` });
    }
  }
  return errors;
}

function emrtMinerals(sheet: Worksheet): string[] {
  const chosen = EMRT_SCOPE_CELLS.map((address) => cellText(sheet, address)).filter((v): v is string => !!v && !v.startsWith('('));
  return EMRT_MINERALS.filter((m) => chosen.some((c) => c.toLowerCase() === m.toLowerCase()));
}

/** The look-up's placeholders in column C: not a smelter's name. */
const NOT_A_NAME = /^smelter not (yet identified|listed)$/i;
const SMELTER_ID = /^[A-Z]{3}\d{6}$/;

/**
 * The last row read: at most MAX_LIST_ROWS data rows. Rows past it (e.g. thousands of empty rows
 * kept only for their style) are skipped; one with a value there is refused by cell.
 */
function lastRow(sheet: Worksheet, errors: FieldError[]): number {
  const last = FIRST_DATA_ROW + MAX_LIST_ROWS - 1;
  for (let row = last + 1; row <= sheet.rowCount; row++) {
    if (['A', 'B', 'C', 'D', 'E', 'F'].some((column) => cellText(sheet, `${column}${row}`))) {
      errors.push({ field: `${sheet.name}!A${row}`, message: `at most ${MAX_LIST_ROWS} rows are read (rows ${FIRST_DATA_ROW} to ${last}); split the list` });
      break;
    }
  }
  return Math.min(sheet.rowCount, last);
}

function parseSmelters(sheet: Worksheet, errors: FieldError[]): ParsedSmelter[] {
  const smelters: ParsedSmelter[] = [];
  const last = lastRow(sheet, errors);
  for (let row = FIRST_DATA_ROW; row <= last; row++) {
    const t = (column: string) => cellText(sheet, `${column}${row}`);
    const idInput = t('A');
    const metal = t('B');
    const lookup = t('C');
    const ownName = t('D');
    const identification = t('F');
    if (!idInput && !metal && !lookup && !ownName && !identification && !t('E')) continue;
    const name = ownName ?? (lookup && !NOT_A_NAME.test(lookup) ? lookup : null);
    const smelterId = identification && !/^smelter not/i.test(identification) ? identification.toUpperCase() : idInput && SMELTER_ID.test(idInput.toUpperCase()) ? idInput.toUpperCase() : null;
    if (!metal) errors.push({ field: `Smelter List!B${row}`, message: 'Metal is required for each smelter row' });
    if (!name && !smelterId) errors.push({ field: `Smelter List!D${row}`, message: 'Give the smelter name or its identification number' });
    smelters.push({
      row,
      metal: metal ?? '',
      name,
      country: t('E'),
      smelterId,
      source: t('G'),
      street: t('H'),
      city: t('I'),
      state: t('J'),
      contactName: t('K'),
      contactEmail: t('L'),
      nextSteps: t('M'),
      mineName: t('N'),
      mineCountry: t('O'),
      recycledOrScrap: t('P'),
      comments: t('Q'),
    });
  }
  return smelters;
}

function parseMines(sheet: Worksheet, errors: FieldError[]): ParsedMine[] {
  const mines: ParsedMine[] = [];
  const last = lastRow(sheet, errors);
  for (let row = FIRST_DATA_ROW; row <= last; row++) {
    const t = (column: string) => cellText(sheet, `${column}${row}`);
    const metal = t('A');
    const name = t('C');
    const mineId = t('D');
    if (!metal && !t('B') && !name && !mineId && !t('F')) continue;
    if (!metal) errors.push({ field: `Mine List!A${row}`, message: 'Metal is required for each mine row' });
    if (!name && !mineId) errors.push({ field: `Mine List!C${row}`, message: 'Give the mine name or its identification' });
    mines.push({
      row,
      metal: metal ?? '',
      smelterName: t('B'),
      name,
      mineId,
      source: t('E'),
      country: t('F'),
      street: t('G'),
      city: t('H'),
      state: t('I'),
      contactName: t('J'),
      contactEmail: t('K'),
      nextSteps: t('L'),
      comments: t('M'),
    });
  }
  return mines;
}
