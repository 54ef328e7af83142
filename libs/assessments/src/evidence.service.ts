import { Injectable, OnModuleInit } from '@nestjs/common';
import { ReadStream } from 'node:fs';
import { AccessPolicy, AuditService, calendarDateIn, Clock, Database, DomainException, ErrorCode, FileStore, isCalendarDate, ReceivedFile, RequestContext } from '@ddp/core';
import { ContractsService, contractVisibleSql } from '@ddp/contracts';
import { TemplatesService } from '@ddp/questionnaires';
import { assessmentVisibleSql } from './assessment-sql';
import { EvidenceView, OPEN_STATUSES } from './assessment.types';
import { AssessmentsService, questionsByCode } from './assessments.service';
import { FindingsService } from './findings.service';

export interface UploadedEvidence {
  file: ReceivedFile;
  fileName: string;
  documentDate: string | undefined;
}

/** A record other than an answer or a finding that evidence can belong to. */
export interface EvidenceOwner {
  kind: 'action' | 'report';
  id: string;
}

const OWNER_COLUMN: Record<EvidenceOwner['kind'], string> = { action: 'action_id', report: 'report_id' };

export interface EvidenceDownload {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  stream: ReadStream;
}

interface EvidenceRow {
  id: string;
  question_code: string | null;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  document_date: string;
  uploaded_at: Date;
  revision_added: number | null;
  storage_key: string;
}

const EVIDENCE_COLUMNS = `id, question_code, file_name, content_type, size_bytes, sha256, to_char(document_date, 'YYYY-MM-DD') AS document_date, uploaded_at, revision_added, storage_key`;

/**
 * Evidence files: uploaded by the supplier per answer (or by buyers and auditors per finding),
 * typed by their content, stored under a random key with their SHA-256, downloaded only through
 * the access policy. The file is moved into place just before its record commits, and removed
 * again if the commit fails, so there is never a record without a file nor a kept orphan.
 */
@Injectable()
export class EvidenceService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly files: FileStore,
    private readonly assessments: AssessmentsService,
    private readonly templates: TemplatesService,
    private readonly findings: FindingsService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.access.register('evidence', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(
        ctx,
        `SELECT e.id FROM evidence_files e
           LEFT JOIN assessments a ON a.id = e.assessment_id LEFT JOIN findings f ON f.id = e.finding_id
           LEFT JOIN plan_actions x ON x.id = e.action_id LEFT JOIN action_plans p ON p.id = x.plan_id
           LEFT JOIN reports r ON r.id = e.report_id
           JOIN contracts c ON c.id = COALESCE(a.contract_id, f.contract_id, p.contract_id, r.contract_id)
         WHERE e.id = ANY($1::uuid[]) AND CASE WHEN a.id IS NOT NULL THEN ${assessmentVisibleSql('a', 'c', '$2')} ELSE ${contractVisibleSql('c', '$2')} END`,
        [ids, ctx.requiredActor.organisationId],
      );
      return new Set(rows.map((r) => r.id));
    });
  }

  async attachToAnswer(ctx: RequestContext, assessmentId: string, questionCode: string | undefined, upload: UploadedEvidence): Promise<EvidenceView> {
    return this.store(upload, async (key, type) =>
      this.db.transaction(ctx, async (tx) => {
        const assessment = await this.assessments.load(tx, assessmentId, true);
        if (assessment.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier adds evidence to its answers');
        if (!OPEN_STATUSES.includes(assessment.status)) throw new DomainException(ErrorCode.InvalidState, `The assessment is ${assessment.status}: evidence can no longer change`);
        const definition = await this.templates.publishedDefinition(tx, assessment.template_id);
        if (!questionCode || !questionsByCode(definition).has(questionCode)) throw DomainException.validation([{ field: 'questionCode', message: 'questionCode must name a question of this template' }]);
        const documentDate = checkedDocumentDate(upload.documentDate, calendarDateIn(assessment.time_zone, this.clock.now()));
        const [row] = await this.db.query<EvidenceRow>(
          tx,
          `INSERT INTO evidence_files (organisation_id, assessment_id, question_code, revision_added, file_name, content_type, size_bytes, sha256, storage_key, document_date, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${EVIDENCE_COLUMNS}`,
          [assessment.supplier_id, assessmentId, questionCode, assessment.revision, upload.fileName, type, upload.file.sizeBytes, upload.file.sha256, key(), documentDate, tx.requiredActor.userId],
        );
        const view = toEvidence(row);
        await this.audit.record(tx, { action: 'evidence.uploaded', entityType: 'evidence', entityId: view.id, organisationId: assessment.supplier_id, after: { assessmentId, ...withoutKey(view) } });
        return view;
      }),
    );
  }

  /** Evidence of a finding (e.g. an on-site audit report), by a buyer or auditor of its contract. */
  async attachToFinding(ctx: RequestContext, findingId: string, upload: UploadedEvidence): Promise<EvidenceView> {
    return this.store(upload, async (key, type) =>
      this.db.transaction(ctx, async (tx) => {
        const finding = await this.findings.get(tx, findingId);
        const contract = await this.contracts.getWithRole(tx, finding.contractId);
        if (contract.role === 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Evidence of a finding is added by the buyers and auditors of the contract');
        const documentDate = checkedDocumentDate(upload.documentDate, calendarDateIn(contract.timeZone, this.clock.now()));
        const actor = tx.requiredActor;
        const [row] = await this.db.query<EvidenceRow>(
          tx,
          `INSERT INTO evidence_files (organisation_id, finding_id, file_name, content_type, size_bytes, sha256, storage_key, document_date, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${EVIDENCE_COLUMNS}`,
          [actor.organisationId, findingId, upload.fileName, type, upload.file.sizeBytes, upload.file.sha256, key(), documentDate, actor.userId],
        );
        const view = toEvidence(row);
        await this.audit.record(tx, { action: 'evidence.uploaded', entityType: 'evidence', entityId: view.id, organisationId: actor.organisationId, after: { findingId, ...withoutKey(view) } });
        return view;
      }),
    );
  }

  /**
   * Evidence of another record: an action of a corrective action plan or a periodic report.
   * `authorise` runs in the transaction and throws unless the actor may add evidence there; it
   * answers the owning organisation and the contract's time zone (for the document date check).
   */
  async attachTo(ctx: RequestContext, owner: EvidenceOwner, upload: UploadedEvidence, authorise: (tx: RequestContext) => Promise<{ timeZone: string }>): Promise<EvidenceView> {
    return this.store(upload, async (key, type) =>
      this.db.transaction(ctx, async (tx) => {
        const { timeZone } = await authorise(tx);
        const documentDate = checkedDocumentDate(upload.documentDate, calendarDateIn(timeZone, this.clock.now()));
        const actor = tx.requiredActor;
        const [row] = await this.db.query<EvidenceRow>(
          tx,
          `INSERT INTO evidence_files (organisation_id, ${OWNER_COLUMN[owner.kind]}, file_name, content_type, size_bytes, sha256, storage_key, document_date, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${EVIDENCE_COLUMNS}`,
          [actor.organisationId, owner.id, upload.fileName, type, upload.file.sizeBytes, upload.file.sha256, key(), documentDate, actor.userId],
        );
        const view = toEvidence(row);
        await this.audit.record(tx, { action: 'evidence.uploaded', entityType: 'evidence', entityId: view.id, organisationId: actor.organisationId, after: { [`${owner.kind}Id`]: owner.id, ...withoutKey(view) } });
        return view;
      }),
    );
  }

  /** The evidence of an action or a report, oldest first; the caller has checked access to the owner. */
  async listFor(ctx: RequestContext, owner: EvidenceOwner): Promise<EvidenceView[]> {
    return (await this.db.query<EvidenceRow>(ctx, `SELECT ${EVIDENCE_COLUMNS} FROM evidence_files WHERE ${OWNER_COLUMN[owner.kind]} = $1 ORDER BY uploaded_at, id`, [owner.id])).map(toEvidence);
  }

  async listForFinding(ctx: RequestContext, findingId: string): Promise<EvidenceView[]> {
    await this.findings.get(ctx, findingId);
    return (await this.db.query<EvidenceRow>(ctx, `SELECT ${EVIDENCE_COLUMNS} FROM evidence_files WHERE finding_id = $1 ORDER BY uploaded_at, id`, [findingId])).map(toEvidence);
  }

  async download(ctx: RequestContext, id: string): Promise<EvidenceDownload> {
    await this.access.require(ctx, 'evidence', id);
    const [row] = await this.db.query<EvidenceRow>(ctx, `SELECT ${EVIDENCE_COLUMNS} FROM evidence_files WHERE id = $1`, [id]);
    const { stream, sizeBytes } = await this.files.open(row.storage_key);
    return { fileName: row.file_name, contentType: row.content_type, sizeBytes, sha256: row.sha256, stream };
  }

  /**
   * Checks the file's real type, keeps it under a random key and runs `record` (which commits the
   * row); the file is removed again if that fails. The received file never outlives the call.
   */
  private async store(upload: UploadedEvidence, record: (key: () => string, contentType: string) => Promise<EvidenceView>): Promise<EvidenceView> {
    let kept: string | undefined;
    try {
      if (!upload.fileName || upload.fileName.length > 255) throw DomainException.validation([{ field: 'file', message: 'file must have a name of at most 255 characters' }]);
      const type = await this.files.sniffEvidence(upload.file);
      kept = await this.files.keep(upload.file);
      const key = kept;
      return await record(() => key, type.mime);
    } catch (error) {
      if (kept) await this.files.remove(kept);
      throw error;
    } finally {
      await this.files.discard(upload.file);
    }
  }
}

function checkedDocumentDate(value: string | undefined, today: string): string {
  if (!isCalendarDate(value)) throw DomainException.validation([{ field: 'documentDate', message: 'documentDate must be the date of the document, YYYY-MM-DD' }]);
  if (value > today) throw DomainException.validation([{ field: 'documentDate', message: 'documentDate must not be in the future' }]);
  return value;
}

function toEvidence(r: EvidenceRow): EvidenceView {
  return {
    id: r.id,
    questionCode: r.question_code,
    fileName: r.file_name,
    contentType: r.content_type,
    sizeBytes: Number(r.size_bytes),
    sha256: r.sha256,
    documentDate: r.document_date,
    uploadedAt: r.uploaded_at.toISOString(),
    revisionAdded: r.revision_added,
  };
}

function withoutKey(view: EvidenceView) {
  return { fileName: view.fileName, contentType: view.contentType, sizeBytes: view.sizeBytes, sha256: view.sha256, documentDate: view.documentDate, questionCode: view.questionCode };
}
