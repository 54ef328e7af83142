import type { EvidenceView } from '@ddp/assessments';
import type { ContractRole, KpiDefinition, KpiResult, KpiUnit } from '@ddp/contracts';

export const REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const OBLIGATION_STATES = ['upcoming', 'open', 'overdue', 'submitted', 'accepted', 'returned'] as const;
/**
 * upcoming: the period has not ended; open: it has, the report is not due yet; overdue: past the
 * due date with nothing submitted; then the status of the report once submitted.
 */
export type ObligationState = (typeof OBLIGATION_STATES)[number];

export interface ObligationView {
  id: string;
  contractId: string;
  clauseId: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  state: ObligationState;
  reportId: string | null;
  /** Calendar days the first submission came after the due date; null until submitted. */
  daysLate: number | null;
  /** Submitted late, or not submitted and past the due date. */
  late: boolean;
}

/** A reported value, canonical decimal text in the KPI's unit. */
export interface KpiValue {
  code: string;
  value: string;
  unit: KpiUnit;
}

/** As received: checked against the clause version of the obligation. */
export interface KpiValueInput {
  code: string;
  value: unknown;
  unit?: unknown;
}

export interface UpdateReportInput {
  narrative?: string;
  /** The whole list of values: replaces what was saved. */
  kpiValues?: KpiValueInput[];
}

export interface ReportDecisionInput {
  comments?: string;
}

export interface ReportSubmissionView {
  number: number;
  narrative: string;
  kpiValues: KpiValue[];
  kpiResults: KpiResult[];
  submittedAt: string;
  submittedOn: string;
  daysLate: number;
  decision: 'accepted' | 'returned' | null;
  comments: string | null;
  decidedAt: string | null;
}

export interface ReportSummary {
  id: string;
  obligationId: string;
  contractId: string;
  contractReference: string;
  authority: { id: string; name: string };
  supplier: { id: string; name: string };
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  status: ReportStatus;
  submissionCount: number;
  firstSubmittedAt: string | null;
  firstSubmittedOn: string | null;
  daysLate: number | null;
  late: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ReportView extends ReportSummary {
  /** How the actor's organisation stands to the contract. */
  access: ContractRole;
  obligation: { id: string; clauseId: string; clauseVersion: number; periodStart: string; periodEnd: string; dueDate: string };
  /** The KPIs of the clause version that set the obligation. */
  kpis: KpiDefinition[];
  narrative: string;
  kpiValues: KpiValue[];
  /** The results of the latest submission, with their colours; empty before the first. */
  results: KpiResult[];
  submissions: ReportSubmissionView[];
  attachments: EvidenceView[];
}

export interface ReportFilter {
  contractId?: string;
  status?: ReportStatus;
  after?: string;
  limit: number;
}
