import type { Schemas } from '../../api/client';
import type { Colour } from '../../components/rag-badge';

/** The figures of GET /api/v1/dashboard. */
export type ExecutionSummary = Schemas['ExecutionSummaryDto'];
export type DeadlineCounts = ExecutionSummary['overdue'];
export type MoneyLine = ExecutionSummary['moneyThisYear'][number];
export type ContractSummary = Schemas['DashboardContractDto'];
export type TrendMonth = Schemas['DashboardDto']['trend'][number];
export type Dashboard = Schemas['DashboardDto'];

export const COLOURS: readonly Colour[] = ['green', 'amber', 'red', 'grey'];
export const DEADLINE_KINDS: ReadonlyArray<keyof DeadlineCounts> = ['assessments', 'reports', 'actionPlans', 'actions'];
export const SEVERITIES = ['high', 'medium', 'low'] as const;

/** The RagBadge palette, for charts (always with a legend naming each colour). */
export const CHART_COLOUR: Record<Colour, string> = { green: '#1e7b3a', amber: '#ffc000', red: '#b3261e', grey: '#9e9e9e' };
