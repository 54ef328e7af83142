import { join } from 'node:path';
import { CellValue, Workbook } from 'exceljs';

/** For tests only: fills the blank official RMI templates programmatically (no hand-filled copies are kept). */
/** The blank official templates, copied from ../shared/fixtures/rmi into the repository so that any clone can run the tests. */
export const RMI_FIXTURES = process.env.RMI_FIXTURES ?? join(__dirname, '../../../test/fixtures/rmi');
export const BLANK = { CMRT: 'RMI_CMRT_6.5.xlsx', EMRT: 'RMI_EMRT_2.1.xlsx' } as const;

/** `Sheet!A1` → value (null clears the cell). */
export type RmiEdits = Record<string, CellValue>;

const CMRT_DEFAULTS: RmiEdits = {
  'Declaration!D8': 'Acme Components NV',
  'Declaration!D9': 'A. Company',
  'Declaration!D12': 'BE0123456789',
  'Declaration!D13': 'KBO',
  'Declaration!D14': 'Rue de la Loi 1, 1000 Brussels',
  'Declaration!D15': 'An Peeters',
  'Declaration!D16': 'an@acme.test',
  'Declaration!D17': '+32 2 000 00 00',
  'Declaration!D18': 'Jan Janssens',
  'Declaration!D19': 'COO',
  'Declaration!D20': 'jan@acme.test',
  'Declaration!D22': new Date(Date.UTC(2026, 4, 1)),
  ...Object.fromEntries([26, 32, 38, 44, 50, 56, 62, 68].flatMap((first, q) => [0, 1, 2, 3].map((i) => [`Declaration!D${first + i}`, q === 5 ? '100%' : q === 2 || q === 3 ? 'No' : 'Yes']))),
  ...Object.fromEntries([75, 77, 79, 81, 83, 85, 87].map((row) => [`Declaration!D${row}`, 'Yes'])),
  'Declaration!D83': 'Yes, in conformance with IPC1755 (e.g., CMRT)',
  'Declaration!D89': 'No',
  'Smelter List!B5': 'Tin',
  'Smelter List!D5': 'Thaisarco',
  'Smelter List!E5': 'THAILAND',
  'Smelter List!F5': 'CID001898',
  'Smelter List!G5': 'RMI',
  'Smelter List!B6': 'Gold',
  'Smelter List!D6': 'Asahi Pretec Corp.',
  'Smelter List!E6': 'JAPAN',
  'Smelter List!F6': 'CID000082',
  'Smelter List!G6': 'RMI',
};

const EMRT_DEFAULTS: RmiEdits = {
  'Declaration!D8': 'Acme Batteries NV',
  'Declaration!D9': 'A. Company',
  'Declaration!D16': 'BE0987654321',
  'Declaration!D18': 'Kanaalstraat 2, 2000 Antwerp',
  'Declaration!D19': 'Els Maes',
  'Declaration!D20': 'els@acme.test',
  'Declaration!D21': '+32 3 000 00 00',
  'Declaration!D22': 'Piet Claes',
  'Declaration!D24': 'piet@acme.test',
  'Declaration!D26': new Date(Date.UTC(2026, 5, 15)),
  ...Object.fromEntries([30, 42, 54, 66, 78, 90, 102].flatMap((first, q) => [0, 1, 2, 3, 4, 5].map((i) => [`Declaration!D${first + i}`, q === 4 ? '100%' : q === 2 || q === 3 ? 'No' : 'Yes']))),
  ...Object.fromEntries([115, 117, 131, 133, 135, 137, 120, 121, 122, 123, 124, 125].map((row) => [`Declaration!D${row}`, 'Yes'])),
  'Smelter List!B5': 'Cobalt',
  'Smelter List!D5': 'Umicore Kokkola',
  'Smelter List!E5': 'FINLAND',
  'Smelter List!F5': 'CID003473',
  'Smelter List!G5': 'RMI',
  'Mine List!A5': 'Cobalt',
  'Mine List!B5': 'Umicore Kokkola',
  'Mine List!C5': 'Kamoto',
  'Mine List!F5': 'CONGO, DEMOCRATIC REPUBLIC OF THE',
};

/** The blank template of `kind` with valid defaults, then `edits` (null clears a cell). */
export async function filledRmiWorkbook(kind: 'CMRT' | 'EMRT', edits: RmiEdits = {}): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(join(RMI_FIXTURES, BLANK[kind]));
  for (const [address, value] of Object.entries({ ...(kind === 'CMRT' ? CMRT_DEFAULTS : EMRT_DEFAULTS), ...edits })) {
    const [sheet, cell] = address.split('!');
    workbook.getWorksheet(sheet)!.getCell(cell).value = value;
  }
  return workbook;
}

export async function filledRmi(kind: 'CMRT' | 'EMRT', edits: RmiEdits = {}): Promise<Buffer> {
  const workbook = await filledRmiWorkbook(kind, edits);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
