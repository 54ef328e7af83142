import type { SectionRating } from '@ddp/questionnaires';
import { assessmentAccessSql } from './assessment-sql';
import { AnswerView, AssessmentAccess, AssessmentStatus, AssessmentSummary, AssessmentView, CommentView, EvidenceView, RevisionSummary } from './assessment.types';

/** The row every assessment read starts from ($1: assessment id(s) or filter, $2: the actor's organisation). */
export interface AssessmentRow {
  id: string;
  status: AssessmentStatus;
  due_date: string;
  language: 'fr' | 'nl' | 'en';
  revision: number;
  version: number;
  colour: AssessmentView['colour'];
  score: number | null;
  source_assessment_id: string | null;
  issued_at: Date;
  submitted_at: Date | null;
  accepted_at: Date | null;
  withdrawn_at: Date | null;
  template_id: string;
  contract_id: string;
  authority_id: string;
  supplier_id: string;
  issued_by: string | null;
  contract_reference: string;
  contract_title: string;
  time_zone: string;
  authority_name: string;
  supplier_name: string;
  template_title: string;
  template_version: number;
  access: AssessmentAccess | null;
  red_flags: number;
}

export const ASSESSMENT_COLUMNS = `a.id, a.status, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.language, a.revision, a.version, a.colour, a.score::float8 AS score,
  a.source_assessment_id, a.issued_at, a.submitted_at, a.accepted_at, a.withdrawn_at, a.template_id, a.contract_id, a.authority_id, a.supplier_id, a.issued_by,
  c.reference AS contract_reference, c.title AS contract_title, c.time_zone, ao.name AS authority_name, so.name AS supplier_name,
  t.title AS template_title, t.version_number AS template_version, ${assessmentAccessSql('a', 'c', '$2')} AS access,
  COALESCE((SELECT (rv.rating->>'redFlags')::int FROM assessment_revisions rv WHERE rv.assessment_id = a.id AND rv.number = a.revision), 0) AS red_flags`;

export const ASSESSMENT_FROM = `assessments a JOIN contracts c ON c.id = a.contract_id JOIN organisations ao ON ao.id = a.authority_id
  JOIN organisations so ON so.id = a.supplier_id JOIN questionnaire_templates t ON t.id = a.template_id`;

/** The current revision's answers, as JSON built by PostgreSQL. */
const ANSWERS_COLUMN = `COALESCE((SELECT json_agg(json_build_object('questionCode', x.question_code, 'value', x.value, 'notApplicable', x.not_applicable, 'comment', x.comment,
      'colour', x.colour, 'redFlag', x.red_flag, 'updatedAt', x.updated_at) ORDER BY x.question_code)
    FROM assessment_answers x WHERE x.assessment_id = a.id AND x.revision = a.revision), '[]') AS answers`;

/** Rating, evidence, comments, revisions and (for the supplier) shares: everything but the answers. */
export const ASSESSMENT_CONTEXT_COLUMNS = `
  (SELECT r.rating FROM assessment_revisions r WHERE r.assessment_id = a.id AND r.number = a.revision) AS rating,
  COALESCE((SELECT json_agg(json_build_object('id', e.id, 'questionCode', e.question_code, 'fileName', e.file_name, 'contentType', e.content_type,
      'sizeBytes', e.size_bytes, 'sha256', e.sha256, 'documentDate', to_char(e.document_date, 'YYYY-MM-DD'), 'uploadedAt', e.uploaded_at, 'revisionAdded', e.revision_added)
      ORDER BY e.uploaded_at, e.id)
    FROM evidence_files e WHERE e.assessment_id = a.id AND e.revision_added <= a.revision AND (e.revision_removed IS NULL OR e.revision_removed > a.revision)), '[]') AS evidence,
  COALESCE((SELECT json_agg(json_build_object('id', m.id, 'revision', m.revision, 'questionCode', m.question_code, 'text', m.text,
      'organisation', json_build_object('id', mo.id, 'name', mo.name), 'createdAt', m.created_at) ORDER BY m.created_at, m.id)
    FROM review_comments m JOIN organisations mo ON mo.id = m.organisation_id WHERE m.assessment_id = a.id), '[]') AS comments,
  COALESCE((SELECT json_agg(json_build_object('number', v.number, 'openedAt', v.opened_at, 'submittedAt', v.submitted_at, 'colour', v.colour, 'score', v.score::float8,
      'decision', v.decision, 'decidedAt', v.decided_at) ORDER BY v.number)
    FROM assessment_revisions v WHERE v.assessment_id = a.id), '[]') AS revisions,
  CASE WHEN a.supplier_id = $2 THEN COALESCE((SELECT json_agg(json_build_object('id', so2.id, 'name', so2.name, 'sharedAt', sh.shared_at) ORDER BY so2.name)
    FROM assessment_shares sh JOIN organisations so2 ON so2.id = sh.authority_id WHERE sh.assessment_id = a.id AND sh.revoked_at IS NULL), '[]') END AS shared_with`;

/** Answers, evidence, comments and revisions in the same round trip, as JSON built by PostgreSQL. */
export const ASSESSMENT_DETAIL_COLUMNS = `${ANSWERS_COLUMN}, ${ASSESSMENT_CONTEXT_COLUMNS}`;

export interface AssessmentDetailRow extends AssessmentRow {
  rating: { sections?: SectionRating[]; redFlags?: number } | null;
  answers: AnswerView[];
  evidence: EvidenceView[];
  comments: CommentView[];
  revisions: RevisionSummary[];
  shared_with: Array<{ id: string; name: string; sharedAt: string }> | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * An authority the supplier shared the assessment with reads the answers, not who asked for them:
 * the buyer it was issued for and that buyer's contract are the supplier's business (DOMAIN:
 * other buyers cannot even detect them).
 */
const issuerHidden = (r: AssessmentRow): boolean => r.access === 'shared';

export function toSummary(r: AssessmentRow): AssessmentSummary {
  const hidden = issuerHidden(r);
  return {
    id: r.id,
    contract: hidden ? null : { id: r.contract_id, reference: r.contract_reference, title: r.contract_title },
    authority: hidden ? null : { id: r.authority_id, name: r.authority_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    template: { id: r.template_id, title: r.template_title, versionNumber: r.template_version },
    status: r.status,
    dueDate: r.due_date,
    language: r.language,
    revision: r.revision,
    version: r.version,
    colour: r.colour,
    score: r.score,
    redFlags: r.red_flags,
    sourceAssessmentId: r.source_assessment_id,
    issuedAt: r.issued_at.toISOString(),
    submittedAt: iso(r.submitted_at),
    acceptedAt: iso(r.accepted_at),
    withdrawnAt: iso(r.withdrawn_at),
    access: r.access as AssessmentAccess,
  };
}

export function toView(r: AssessmentDetailRow): AssessmentView {
  return {
    ...toSummary(r),
    sections: r.rating?.sections ?? [],
    // json_build_object gives timestamps as PostgreSQL text: normalise to ISO 8601 UTC.
    answers: r.answers.map((x) => ({ ...x, updatedAt: new Date(x.updatedAt).toISOString() })),
    evidence: r.evidence.map((e) => ({ ...e, sizeBytes: Number(e.sizeBytes), uploadedAt: new Date(e.uploadedAt).toISOString() })),
    // The review dialogue is the issuing buyer's with the supplier: an authority the supplier shared the assessment with does not read it.
    comments: issuerHidden(r) ? [] : r.comments.map((m) => ({ ...m, createdAt: new Date(m.createdAt).toISOString() })),
    revisions: r.revisions.map((v) => ({
      ...v,
      openedAt: new Date(v.openedAt).toISOString(),
      submittedAt: v.submittedAt ? new Date(v.submittedAt).toISOString() : null,
      decidedAt: v.decidedAt ? new Date(v.decidedAt).toISOString() : null,
    })),
    ...(r.shared_with ? { sharedWith: r.shared_with.map((s) => ({ ...s, sharedAt: new Date(s.sharedAt).toISOString() })) } : {}),
  };
}
