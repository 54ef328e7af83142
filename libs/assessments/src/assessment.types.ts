import type { AnswerInput, AnswerValue, RatedColour, SectionRating } from '@ddp/questionnaires';

export const ASSESSMENT_STATUSES = ['issued', 'in_progress', 'submitted', 'clarification_requested', 'accepted', 'withdrawn'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** Statuses in which the supplier may still change answers and evidence. */
export const OPEN_STATUSES: readonly AssessmentStatus[] = ['issued', 'in_progress', 'clarification_requested'];

/** How the actor reads an assessment: as its supplier, issuer, another buyer of the contract, its auditor, or through a share. */
export type AssessmentAccess = 'supplier' | 'authority' | 'participant' | 'auditor' | 'shared';

export interface Ref {
  id: string;
  name: string;
}

export interface AnswerView {
  questionCode: string;
  value: AnswerValue;
  notApplicable: boolean;
  comment: string | null;
  colour: RatedColour;
  redFlag: boolean;
  updatedAt: string;
}

export interface EvidenceView {
  id: string;
  questionCode: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  documentDate: string;
  uploadedAt: string;
  revisionAdded: number | null;
}

export interface CommentView {
  id: string;
  revision: number;
  questionCode: string;
  text: string;
  organisation: Ref;
  createdAt: string;
}

export interface RevisionSummary {
  number: number;
  openedAt: string;
  submittedAt: string | null;
  colour: RatedColour;
  score: number | null;
  decision: 'accepted' | 'clarification_requested' | null;
  decidedAt: string | null;
}

/** An assessment as every reader sees it: all timestamps as ISO strings (the view is stored for idempotent replays). */
export interface AssessmentView {
  id: string;
  /** null when the actor reads it through a share: the issuing buyer and its contract are the supplier's business. */
  contract: { id: string; reference: string; title: string } | null;
  /** The issuing authority; null when read through a share (see `contract`). */
  authority: Ref | null;
  supplier: Ref;
  template: { id: string; title: string; versionNumber: number };
  status: AssessmentStatus;
  dueDate: string;
  language: 'fr' | 'nl' | 'en';
  revision: number;
  version: number;
  colour: RatedColour;
  score: number | null;
  sections: SectionRating[];
  redFlags: number;
  answers: AnswerView[];
  evidence: EvidenceView[];
  comments: CommentView[];
  revisions: RevisionSummary[];
  sourceAssessmentId: string | null;
  issuedAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  withdrawnAt: string | null;
  access: AssessmentAccess;
  /** Only for the supplier: the authorities it shared this assessment with. */
  sharedWith?: Array<Ref & { sharedAt: string }>;
}

export type AssessmentSummary = Omit<AssessmentView, 'answers' | 'evidence' | 'comments' | 'revisions' | 'sections' | 'sharedWith'>;

export interface IssueInput {
  contractId: string;
  templateId: string;
  dueDate: string;
}

export interface BulkIssueInput {
  contractIds: string[];
  templateId: string;
  dueDate: string;
}

export interface SaveAnswersInput {
  answers: AnswerInput[];
  language?: 'fr' | 'nl' | 'en';
}

export interface ReviewInput {
  decision: 'accept' | 'request_clarification';
  comments: Array<{ questionCode: string; text: string }>;
}

export interface AssessmentFilter {
  status?: AssessmentStatus;
  contractId?: string;
  after?: string;
  limit: number;
}
