import { smelterGroupKey } from './minerals.service';
import { mineralsRuleHits } from './minerals-rules';
import type { ParsedMineralsReport, ParsedSmelter } from './rmi-parser';

const smelter = (row: number, smelterId: string | null, name = 'X'): ParsedSmelter => ({
  row, metal: 'Tin', name, country: null, smelterId, source: null, street: null, city: null, state: null, contactName: null, contactEmail: null, nextSteps: null, mineName: null, mineCountry: null, recycledOrScrap: null, comments: null,
});

const report = (smelters: ParsedSmelter[], answers: Record<string, string> = {}): ParsedMineralsReport => ({
  kind: 'CMRT',
  version: '6.5',
  declaration: {
    companyName: 'Acme', scope: 'A. Company', scopeCode: 'A', scopeDescription: null, companyUniqueId: null, companyUniqueIdAuthority: null, address: null,
    contact: { name: null, email: null, phone: null }, authoriser: { name: null, title: null, email: null, phone: null }, effectiveDate: '2026-01-01', mineralsInScope: [],
    questions: [],
    companyQuestions: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((code, i) => ({ code, answer: answers[code] ?? 'Yes', comment: null, cell: `Declaration!D${75 + 2 * i}` })),
  },
  smelters,
  mines: [],
});

describe('minerals rules', () => {
  it('red for A and D answered No, amber for the other policy questions, nothing for H', () => {
    const hits = mineralsRuleHits(report([smelter(5, 'CID000001')], { A: 'No', B: 'No', D: 'no', E: 'No', H: 'No' }));
    expect(hits.map((h) => [h.code, h.severity])).toEqual([['CMRT-A', 'high'], ['CMRT-B', 'medium'], ['CMRT-D', 'high'], ['CMRT-E', 'medium']]);
    expect(hits[0].cells).toEqual(['Declaration!D75']);
  });

  it('unidentified smelters: amber when some, red when none is identified', () => {
    expect(mineralsRuleHits(report([smelter(5, 'CID000001'), smelter(6, null)])).map((h) => [h.code, h.severity])).toEqual([['CMRT-SMELTER-ID', 'medium']]);
    expect(mineralsRuleHits(report([smelter(5, null), smelter(6, null)])).map((h) => [h.code, h.severity])).toEqual([['CMRT-SMELTER-ID', 'high']]);
    expect(mineralsRuleHits(report([]))).toEqual([]);
  });

  it('groups smelters by identification, else by normalised name and metal', () => {
    expect(smelterGroupKey({ smelterId: 'cid001898', name: 'Thaisarco', metal: 'Tin' })).toBe('id:CID001898');
    expect(smelterGroupKey({ smelterId: null, name: '  Société  Générale, S.A. ', metal: 'Gold' })).toBe('name:societe generale s a|gold');
  });
});
