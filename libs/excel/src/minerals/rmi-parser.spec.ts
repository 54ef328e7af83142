import { Workbook } from 'exceljs';
import { DomainException } from '@ddp/core';
import { mineralsRuleHits } from './minerals-rules';
import { parseRmiWorkbook } from './rmi-parser';
import { filledRmiWorkbook, RmiEdits } from '../../../testing/src/rmi';

async function problems(kind: 'CMRT' | 'EMRT', edits: RmiEdits): Promise<{ detail: string; errors: Array<{ field: string; message: string }> }> {
  const workbook = await filledRmiWorkbook(kind, edits);
  try {
    parseRmiWorkbook(workbook);
  } catch (error) {
    if (error instanceof DomainException) return { detail: error.message, errors: (error.errors ?? []) as Array<{ field: string; message: string }> };
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('RMI parser (blank official templates filled by exceljs)', () => {
  jest.setTimeout(60_000);

  it('reads a CMRT 6.5 by cell address', async () => {
    const report = parseRmiWorkbook(await filledRmiWorkbook('CMRT', { 'Declaration!D75': 'No', 'Declaration!D63': 'No', 'Smelter List!B7': 'Tungsten', 'Smelter List!D7': 'Some Unknown Works' }));
    expect(report.kind).toBe('CMRT');
    expect(report.version).toBe('6.5');
    const d = report.declaration;
    expect(d).toMatchObject({ companyName: 'Acme Components NV', scope: 'A. Company', scopeCode: 'A', effectiveDate: '2026-05-01', contact: { name: 'An Peeters', email: 'an@acme.test' } });
    expect(d.questions).toHaveLength(8);
    expect(d.questions[0].answers.map((a) => a.metal)).toEqual(['Tantalum', 'Tin', 'Gold', 'Tungsten']);
    expect(d.questions[6].answers[1]).toMatchObject({ metal: 'Tin', answer: 'No', cell: 'Declaration!D63' });
    expect(d.companyQuestions.map((q) => q.code)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(d.companyQuestions[0]).toMatchObject({ answer: 'No', cell: 'Declaration!D75' });
    expect(report.smelters.map((s) => [s.row, s.metal, s.name, s.smelterId])).toEqual([
      [5, 'Tin', 'Thaisarco', 'CID001898'],
      [6, 'Gold', 'Asahi Pretec Corp.', 'CID000082'],
      [7, 'Tungsten', 'Some Unknown Works', null],
    ]);
    const hits = mineralsRuleHits(report);
    expect(hits.map((h) => [h.code, h.severity])).toEqual([
      ['CMRT-A', 'high'],
      ['CMRT-Q7', 'medium'],
      ['CMRT-SMELTER-ID', 'medium'],
    ]);
    expect(hits[2].cells).toEqual(['Smelter List!F7']);
  });

  it('reads an EMRT 2.1 with its minerals, per-mineral question C and mine list', async () => {
    const report = parseRmiWorkbook(await filledRmiWorkbook('EMRT', { 'Declaration!D122': 'No', 'Declaration!D131': 'No' }));
    expect(report.kind).toBe('EMRT');
    expect(report.version).toBe('2.1');
    const d = report.declaration;
    expect(d.effectiveDate).toBe('2026-06-15');
    expect(d.mineralsInScope).toEqual(['Cobalt', 'Copper', 'Graphite', 'Lithium', 'Mica', 'Nickel']);
    expect(d.questions).toHaveLength(7);
    expect(d.questions[0].answers.map((a) => a.metal)).toEqual(['Cobalt', 'Copper', 'Graphite', 'Lithium', 'Mica', 'Nickel']);
    const c = d.companyQuestions.find((q) => q.code === 'C')!;
    expect(c.perMetal?.find((a) => a.metal === 'Graphite')).toMatchObject({ answer: 'No', cell: 'Declaration!D122' });
    expect(report.mines).toEqual([expect.objectContaining({ row: 5, metal: 'Cobalt', name: 'Kamoto', smelterName: 'Umicore Kokkola' })]);
    expect(mineralsRuleHits(report).map((h) => [h.code, h.severity])).toEqual([
      ['EMRT-C', 'medium'],
      ['EMRT-D', 'high'],
    ]);
  });

  it('reports every declaration and list problem by cell', async () => {
    const { errors } = await problems('CMRT', { 'Declaration!D8': null, 'Declaration!D16': '  ', 'Declaration!D22': '1 May 2026', 'Smelter List!B9': 'Tin', 'Smelter List!D10': 'Orphan Smelter' });
    expect(errors).toEqual([
      { field: 'Declaration!D8', message: 'Company name is required' },
      { field: 'Declaration!D16', message: 'Contact email is required' },
      { field: 'Declaration!D22', message: expect.stringContaining('must be a date') },
      { field: 'Smelter List!D9', message: expect.any(String) },
      { field: 'Smelter List!B10', message: expect.any(String) },
    ]);
    const emrt = await problems('EMRT', { 'Declaration!D26': null, 'Mine List!A6': 'Cobalt' });
    expect(emrt.errors.map((e) => e.field)).toEqual(['Declaration!D26', 'Mine List!C6']);
  });

  it('applies the checker\'s conditional rules: question 1 for every metal, the rest unless 1 or 2 is "No"', async () => {
    // Gold's question 1 (D28) unanswered; Tin's question 5 (D51) unanswered; Tantalum "No" to
    // question 2 (D32), so its question 3 (D38) may stay empty.
    const { errors } = await problems('CMRT', { 'Declaration!D28': null, 'Declaration!D51': null, 'Declaration!D32': 'No', 'Declaration!D38': null, 'Declaration!D79': null });
    expect(errors).toEqual([
      { field: 'Declaration!D28', message: 'Question 1 is required for Gold' },
      { field: 'Declaration!D51', message: 'Question 5 is required for Tin' },
      { field: 'Declaration!D79', message: 'Company question C is required' },
    ]);
    // "No" to question 1 for every metal: nothing else is needed.
    const none = Object.fromEntries(
      [32, 38, 44, 50, 56, 62, 68].flatMap((first) => [0, 1, 2, 3].map((i) => [`Declaration!D${first + i}`, null])).concat([75, 77, 79, 81, 83, 85, 87, 89].map((row) => [`Declaration!D${row}`, null])),
    );
    const report = parseRmiWorkbook(await filledRmiWorkbook('CMRT', { ...none, 'Declaration!D26': 'No', 'Declaration!D27': 'No', 'Declaration!D28': 'No', 'Declaration!D29': 'No' }));
    expect(report.declaration.questions[0].answers.map((a) => a.answer)).toEqual(['No', 'No', 'No', 'No']);
    // EMRT: per-mineral company question C for the minerals still in scope.
    // Copper "No" to question 1 (D31): its question 2 (D43) and its company question C (D121) may stay empty.
    const emrt = parseRmiWorkbook(await filledRmiWorkbook('EMRT', { 'Declaration!D121': null, 'Declaration!D31': 'No', 'Declaration!D43': null }));
    expect(emrt.declaration.questions[0].answers[1]).toMatchObject({ metal: 'Copper', answer: 'No' });
    const emrtMissing = await problems('EMRT', { 'Declaration!D122': null, 'Declaration!D30': null });
    expect(emrtMissing.errors).toEqual([
      { field: 'Declaration!D30', message: 'Question 1 is required for Cobalt' },
      { field: 'Declaration!D122', message: 'Company question C is required for Graphite' },
    ]);
  });

  it('accepts an ISO date typed as text, and a date serial number', async () => {
    expect(parseRmiWorkbook(await filledRmiWorkbook('CMRT', { 'Declaration!D22': '2026-02-03' })).declaration.effectiveDate).toBe('2026-02-03');
    expect(parseRmiWorkbook(await filledRmiWorkbook('CMRT', { 'Declaration!D22': 46000 })).declaration.effectiveDate).toBe('2025-12-09');
  });

  it('refuses unsupported versions naming the version found and those supported', async () => {
    const { detail, errors } = await problems('CMRT', { 'Revision!B59': '3.02' });
    expect(detail).toContain('3.02');
    expect(errors).toEqual([{ field: 'Revision!B59', message: 'CMRT version 3.02 is not supported; supported versions: CMRT 6.x and EMRT 2.x' }]);
    const emrt = await problems('EMRT', { 'Revision!B21': '1.3' });
    expect(emrt.errors[0].message).toContain('EMRT version 1.3 is not supported');
  });

  it('skips 50,000 empty styled rows; refuses a value past the rows it reads', async () => {
    const workbook = await filledRmiWorkbook('CMRT');
    const sheet = workbook.getWorksheet('Smelter List')!;
    for (let row = 2505; row <= 52_504; row++) sheet.getCell(`A${row}`).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC000' } };
    const started = Date.now();
    expect(parseRmiWorkbook(workbook).smelters).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
    sheet.getCell('D20000').value = 'Far Away Smelter';
    expect(() => parseRmiWorkbook(workbook)).toThrow(DomainException);
    try {
      parseRmiWorkbook(workbook);
    } catch (error) {
      expect((error as DomainException).errors).toEqual([{ field: 'Smelter List!A20000', message: expect.stringContaining('at most 10000 rows') }]);
    }
  });

  it('refuses a workbook that is not an RMI template', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    expect(() => parseRmiWorkbook(workbook)).toThrow(/not an RMI reporting template/);
  });
});
