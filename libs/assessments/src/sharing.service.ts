import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainException, ErrorCode, Language, RequestContext } from '@ddp/core';
import { ContractsService } from '@ddp/contracts';
import { rateAssessment, StoredAnswer, TemplatesService } from '@ddp/questionnaires';
import { assessmentMail } from './assessment-mail';
import { AssessmentView } from './assessment.types';
import { AssessmentsService } from './assessments.service';
import { FindingsService } from './findings.service';

/**
 * "Answer once": a supplier shares an accepted assessment with another contracting authority it
 * has a contract with. That authority reads it (read only) and may adopt it for one of its
 * contracts with the supplier instead of issuing the same template version again. Revocable.
 */
@Injectable()
export class SharingService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly assessments: AssessmentsService,
    private readonly contracts: ContractsService,
    private readonly templates: TemplatesService,
    private readonly findings: FindingsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async share(ctx: RequestContext, id: string, authorityId: string): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.load(tx, id, true);
      if (assessment.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier shares its assessment');
      if (assessment.status !== 'accepted') throw new DomainException(ErrorCode.InvalidState, 'Only an accepted assessment is shared');
      // The supplier's own buyers only: those it has a contract with (as awarding body or framework participant).
      const [buyer] = await this.db.query<{ name: string; language: Language }>(
        tx,
        `SELECT o.name, o.preferred_language AS language FROM organisations o WHERE o.id = $2 AND o.kind = 'contracting_authority' AND o.id <> $3 AND EXISTS (
           SELECT 1 FROM contracts c WHERE c.supplier_id = $1 AND (c.authority_id = o.id OR EXISTS (SELECT 1 FROM contract_participants p WHERE p.contract_id = c.id AND p.organisation_id = o.id)))`,
        [assessment.supplier_id, authorityId, assessment.authority_id],
      );
      if (!buyer) throw DomainException.validation([{ field: 'authorityId', message: 'authorityId must be another contracting authority you have a contract with' }]);
      const added = await this.db.query(tx, `INSERT INTO assessment_shares (assessment_id, authority_id, shared_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [
        id,
        authorityId,
        tx.requiredActor.userId,
      ]);
      if (added.length > 0) {
        const entry = { action: 'assessment.shared', entityType: 'assessment', entityId: id, after: { authorityId } };
        await this.audit.record(tx, { ...entry, organisationId: assessment.supplier_id });
        await this.audit.record(tx, { ...entry, organisationId: authorityId });
        const text = assessmentMail('shared', buyer.language, {
          contractReference: assessment.contract_reference,
          templateTitle: assessment.template_title,
          counterpart: assessment.supplier_name,
          dueDate: assessment.due_date,
          link: this.config.publicLink(`/assessments/${id}`),
        });
        await this.contracts.mailAdmins(tx, authorityId, { template: 'assessment_shared', ...text });
      }
      return this.assessments.get(tx, id);
    });
  }

  async revoke(ctx: RequestContext, id: string, authorityId: string): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const assessment = await this.assessments.load(tx, id, true);
      if (assessment.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier revokes its shares');
      const revoked = await this.db.query(
        tx,
        `WITH r AS (UPDATE assessment_shares SET revoked_at = now(), revoked_by = $3 WHERE assessment_id = $1 AND authority_id = $2 AND revoked_at IS NULL RETURNING id) SELECT id FROM r`,
        [id, authorityId, tx.requiredActor.userId],
      );
      if (revoked.length === 0) throw DomainException.notFound('The share');
      const entry = { action: 'assessment.share_revoked', entityType: 'assessment', entityId: id, before: { authorityId } };
      await this.audit.record(tx, { ...entry, organisationId: assessment.supplier_id });
      await this.audit.record(tx, { ...entry, organisationId: authorityId });
      return this.assessments.get(tx, id);
    });
  }

  /**
   * The authority a share was made to accepts it as its own assessment under one of its
   * contracts with the same supplier: a new, accepted assessment holding a copy of the answers,
   * linked to its source; red and amber answers become findings of that contract.
   */
  async adopt(ctx: RequestContext, id: string, contractId: string): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const source = await this.assessments.load(tx, id, true);
      if (source.access !== 'shared') throw new DomainException(ErrorCode.Forbidden, 'Only an authority this assessment was shared with adopts it');
      if (source.status !== 'accepted') throw new DomainException(ErrorCode.InvalidState, 'The shared assessment is no longer accepted');
      const contract = await this.contracts.getWithRole(tx, contractId).catch(() => {
        throw DomainException.validation([{ field: 'contractId', message: 'contractId names no contract of yours' }]);
      });
      if (contract.role !== 'authority' && contract.role !== 'participant') throw DomainException.validation([{ field: 'contractId', message: 'contractId must be a contract you buy under' }]);
      if (contract.supplier.id !== source.supplier_id) throw DomainException.validation([{ field: 'contractId', message: 'contractId must be a contract with the same supplier' }]);
      const actor = tx.requiredActor;
      const [copy] = await this.db.query<{ id: string }>(tx, `SELECT id FROM assessments WHERE source_assessment_id = $1 AND contract_id = $2 AND status <> 'withdrawn'`, [id, contract.id]);
      if (copy) throw new DomainException(ErrorCode.InvalidState, `This assessment is adopted for that contract already (${copy.id})`);
      const [{ id: newId }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO assessments (contract_id, authority_id, supplier_id, template_id, status, due_date, language, colour, score, source_assessment_id, issued_by, submitted_at, accepted_at, accepted_by)
         SELECT $2, $3, supplier_id, template_id, 'accepted', due_date, language, colour, score, id, $4, submitted_at, now(), $4 FROM assessments WHERE id = $1 RETURNING id`,
        [id, contract.id, actor.organisationId, actor.userId],
      );
      await this.db.query(
        tx,
        `INSERT INTO assessment_revisions (assessment_id, number, opened_at, colour, score, rating)
         SELECT $2, 1, opened_at, colour, score, rating FROM assessment_revisions WHERE assessment_id = $1 AND number = $3`,
        [id, newId, source.revision],
      );
      await this.db.query(
        tx,
        `INSERT INTO assessment_answers (assessment_id, revision, question_code, value, not_applicable, comment, colour, red_flag, updated_by, updated_at)
         SELECT $2, 1, question_code, value, not_applicable, comment, colour, red_flag, updated_by, updated_at FROM assessment_answers WHERE assessment_id = $1 AND revision = $3`,
        [id, newId, source.revision],
      );
      // The copy's evidence records point at the same stored files (files are never rewritten or deleted one by one).
      await this.db.query(
        tx,
        `INSERT INTO evidence_files (organisation_id, assessment_id, question_code, revision_added, file_name, content_type, size_bytes, sha256, storage_key, document_date, uploaded_by, uploaded_at)
         SELECT organisation_id, $2, question_code, 1, file_name, content_type, size_bytes, sha256, storage_key, document_date, uploaded_by, uploaded_at
         FROM evidence_files WHERE assessment_id = $1 AND revision_added <= $3 AND (revision_removed IS NULL OR revision_removed > $3)`,
        [id, newId, source.revision],
      );
      await this.db.query(tx, `UPDATE assessment_revisions SET submitted_at = (SELECT submitted_at FROM assessments WHERE id = $1), decision = 'accepted', decided_at = now(), decided_by = $3 WHERE assessment_id = $2 AND number = 1`, [
        id,
        newId,
        actor.userId,
      ]);
      const adopted = await this.assessments.load(tx, newId);
      const definition = await this.templates.publishedDefinition(tx, adopted.template_id);
      const stored = await this.db.query<{ question_code: string; value: StoredAnswer['value']; not_applicable: boolean }>(tx, `SELECT question_code, value, not_applicable FROM assessment_answers WHERE assessment_id = $1 AND revision = 1`, [newId]);
      const answers = new Map<string, StoredAnswer>(stored.map((r) => [r.question_code, { value: r.value, notApplicable: r.not_applicable }]));
      await this.findings.recordFromRevision(tx, { ...adopted, definition, rating: rateAssessment(definition, answers), answers });
      const entry = { action: 'assessment.adopted', entityType: 'assessment', entityId: newId, after: { sourceAssessmentId: id, contractId } };
      await this.audit.record(tx, { ...entry, organisationId: actor.organisationId });
      await this.audit.record(tx, { ...entry, organisationId: source.supplier_id });
      return this.assessments.get(tx, newId);
    });
  }
}
