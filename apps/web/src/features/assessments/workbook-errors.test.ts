import { describe, expect, it } from 'vitest';
import { daysUntil } from './days';
import { cellErrors, workbookFileName } from './workbook-panel';

describe('cellErrors', () => {
  it('splits the question code off each cell message of a workbook import', () => {
    expect(
      cellErrors([
        { field: 'Questions!E14', message: 'FL-01: value must be one of yes, no' },
        { field: 'Meta!B2', message: 'This workbook belongs to another assessment' },
      ]),
    ).toEqual([
      { cell: 'Questions!E14', code: 'FL-01', message: 'value must be one of yes, no' },
      { cell: 'Meta!B2', code: '', message: 'This workbook belongs to another assessment' },
    ]);
  });
});

describe('daysUntil', () => {
  it('counts calendar days from today, negative when past', () => {
    const today = new Date(2027, 1, 10, 23, 30);
    expect(daysUntil('2027-02-15', today)).toBe(5);
    expect(daysUntil('2027-02-10', today)).toBe(0);
    expect(daysUntil('2027-02-08', today)).toBe(-2);
  });
});

describe('workbookFileName', () => {
  it('names the workbook after the contract, and after nothing of the issuer when read through a share', () => {
    expect(workbookFileName({ contract: { id: 'c1', reference: 'GENT-ICT-2027-001', title: 'Laptops' } })).toBe('GENT-ICT-2027-001-questionnaire.xlsx');
    expect(workbookFileName({ contract: null })).toBe('shared-questionnaire.xlsx');
  });
});
