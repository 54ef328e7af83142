import type { MetalAnswer, ParsedMineralsReport } from './rmi-parser';

export type MineralsSeverity = 'high' | 'medium';

/** One rule that fired on an imported report: becomes (or updates) a finding with source 'minerals'. */
export interface MineralsRuleHit {
  /** Stable per template kind and rule, e.g. `CMRT-A`: one live finding per contract and code. */
  code: string;
  severity: MineralsSeverity;
  title: string;
  description: string;
  /** The cells that triggered it. */
  cells: string[];
}

interface CompanyRule {
  code: string;
  severity: MineralsSeverity;
  title: string;
}

/** Company-level questions answered "No" (documented in docs/minerals.md). */
const COMPANY_RULES: Record<'CMRT' | 'EMRT', CompanyRule[]> = {
  CMRT: [
    { code: 'A', severity: 'high', title: 'No conflict minerals sourcing policy (CMRT question A)' },
    { code: 'B', severity: 'medium', title: 'Sourcing policy not published on the website (CMRT question B)' },
    { code: 'C', severity: 'medium', title: 'Direct suppliers not required to source from validated smelters (CMRT question C)' },
    { code: 'D', severity: 'high', title: 'No due diligence measures for responsible sourcing (CMRT question D)' },
    { code: 'E', severity: 'medium', title: 'No conflict minerals survey of relevant suppliers (CMRT question E)' },
    { code: 'F', severity: 'medium', title: 'Suppliers’ due diligence information not reviewed (CMRT question F)' },
    { code: 'G', severity: 'medium', title: 'Review process without corrective action management (CMRT question G)' },
  ],
  EMRT: [
    { code: 'A', severity: 'high', title: 'No minerals sourcing policy (EMRT question A)' },
    { code: 'B', severity: 'medium', title: 'Sourcing policy not published on the website (EMRT question B)' },
    { code: 'C', severity: 'medium', title: 'Direct suppliers not required to source from validated smelters (EMRT question C)' },
    { code: 'D', severity: 'high', title: 'No due diligence measures for responsible sourcing (EMRT question D)' },
    { code: 'E', severity: 'medium', title: 'No supply-chain survey of relevant suppliers (EMRT question E)' },
    { code: 'F', severity: 'medium', title: 'Suppliers’ due diligence information not reviewed (EMRT question F)' },
    { code: 'G', severity: 'medium', title: 'Review process without corrective action management (EMRT question G)' },
  ],
};

/** "Have you identified all of the smelters supplying …?": question 7 (CMRT) or 6 (EMRT). */
const ALL_SMELTERS_IDENTIFIED: Record<'CMRT' | 'EMRT', string> = { CMRT: '7', EMRT: '6' };

const isNo = (answer: string | null): boolean => !!answer && /^no\b/i.test(answer.trim());

/**
 * The findings an imported report gives, by the rules of docs/minerals.md: a company question
 * answered "No" (A and D red, the others amber), a metal whose smelters are not all identified
 * (amber), smelter rows without an identification number (amber; red when none is identified).
 */
export function mineralsRuleHits(report: ParsedMineralsReport): MineralsRuleHit[] {
  const hits: MineralsRuleHit[] = [];
  const { kind, declaration } = report;
  for (const rule of COMPANY_RULES[kind]) {
    const question = declaration.companyQuestions.find((q) => q.code === rule.code);
    if (!question) continue;
    const noAnswers: Array<{ cell: string; metal?: string }> = question.perMetal
      ? question.perMetal.filter((a) => isNo(a.answer)).map((a) => ({ cell: a.cell, metal: a.metal }))
      : isNo(question.answer)
        ? [{ cell: question.cell }]
        : [];
    if (noAnswers.length === 0) continue;
    const metals = noAnswers.flatMap((a) => (a.metal ? [a.metal] : []));
    hits.push({
      code: `${kind}-${rule.code}`,
      severity: rule.severity,
      title: rule.title,
      description: `Answered "No"${metals.length ? ` for ${metals.join(', ')}` : ''} in ${noAnswers.map((a) => a.cell).join(', ')}${question.comment ? `. Comment: ${question.comment}` : ''}`.slice(0, 5000),
      cells: noAnswers.map((a) => a.cell),
    });
  }

  const identification = declaration.questions.find((q) => q.number === ALL_SMELTERS_IDENTIFIED[kind]);
  const notIdentified: MetalAnswer[] = identification ? identification.answers.filter((a) => isNo(a.answer)) : [];
  if (notIdentified.length > 0) {
    hits.push({
      code: `${kind}-Q${ALL_SMELTERS_IDENTIFIED[kind]}`,
      severity: 'medium',
      title: `Not all smelters identified (${kind} question ${ALL_SMELTERS_IDENTIFIED[kind]})`,
      description: `Answered "No" for ${notIdentified.map((a) => a.metal).join(', ')} in ${notIdentified.map((a) => a.cell).join(', ')}`,
      cells: notIdentified.map((a) => a.cell),
    });
  }

  const unidentified = report.smelters.filter((s) => !s.smelterId);
  if (unidentified.length > 0) {
    const none = unidentified.length === report.smelters.length;
    const cells = unidentified.map((s) => `Smelter List!F${s.row}`);
    hits.push({
      code: `${kind}-SMELTER-ID`,
      severity: none ? 'high' : 'medium',
      title: none ? `No smelter of the ${kind} is identified` : `${unidentified.length} of ${report.smelters.length} smelters without identification (${kind})`,
      description: `Smelters without an RMI identification number: ${unidentified
        .slice(0, 50)
        .map((s) => `${s.name ?? '?'} (${s.metal}, row ${s.row})`)
        .join('; ')}${unidentified.length > 50 ? `; and ${unidentified.length - 50} more` : ''}`.slice(0, 5000),
      cells: cells.slice(0, 100),
    });
  }
  return hits;
}
