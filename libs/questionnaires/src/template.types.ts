import type { TemplateDefinition } from './definition/template-definition';

export const TEMPLATE_STATUSES = ['draft', 'published'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export interface Template {
  id: string;
  /** Versions of one template share a family. */
  familyId: string;
  versionNumber: number;
  status: TemplateStatus;
  /** null when the actor reads the template only through an assessment shared with it (templateOwnerKnownSql). */
  owner: { id: string; name: string } | null;
  /** A platform reference template, readable by every contracting authority. */
  isReference: boolean;
  referenceKey: string | null;
  title: string;
  questionCount: number;
  definition: TemplateDefinition;
  /** Optimistic-concurrency version of a draft (ETag). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export type TemplateSummary = Omit<Template, 'definition'>;

export interface TemplateFilter {
  status?: TemplateStatus;
  /** true: only the platform reference templates; false: none of them. */
  referenceOnly?: boolean;
  after?: string;
  limit: number;
}
