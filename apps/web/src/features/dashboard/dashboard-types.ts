import type { Colour } from '../../components/rag-badge';

/** The figures of GET /api/v1/dashboard (typed loosely in the OpenAPI document; shape as documented). */
export interface ExecutionSummary {
  assessments: { total: number; byStatus: Record<string, number>; byColour: Record<Colour, number>; matrix: Array<{ status: string; colour: Colour; count: number }> };
  openFindings: { high: number; medium: number; low: number };
  overdue: DeadlineCounts;
  dueWithin30Days: DeadlineCounts;
  reports: { submittedLate: number };
  defaults: { proposed: number; awaitingResponse: number; awaitingDecision: number };
  moneyThisYear: MoneyLine[];
  labels: { expiringWithin90Days: number; expired: number };
}

export interface DeadlineCounts {
  assessments: number;
  reports: number;
  actionPlans: number;
  actions: number;
}

export interface MoneyLine {
  currency: string;
  penalties: number;
  lateFines: number;
  bonuses: number;
  maluses: number;
}

export interface ContractSummary extends ExecutionSummary {
  contractId: string;
  reference: string;
  title: string;
  supplier: { id: string; name: string };
}

export type TrendMonth = { month: string } & Record<Colour, number>;

export interface Dashboard {
  asOf: string;
  overall: ExecutionSummary;
  contracts: ContractSummary[];
  nextCursor: string | null;
  trend: TrendMonth[];
}

export const COLOURS: readonly Colour[] = ['green', 'amber', 'red', 'grey'];
export const DEADLINE_KINDS: ReadonlyArray<keyof DeadlineCounts> = ['assessments', 'reports', 'actionPlans', 'actions'];
export const SEVERITIES = ['high', 'medium', 'low'] as const;

/** The RagBadge palette, for charts (always with a legend naming each colour). */
export const CHART_COLOUR: Record<Colour, string> = { green: '#1e7b3a', amber: '#ffc000', red: '#b3261e', grey: '#9e9e9e' };
