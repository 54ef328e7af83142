import { Injectable, Logger } from '@nestjs/common';
import { AssessmentsService } from '@ddp/assessments';
import { AuditService, Clock, Database, isDatabaseUnavailable, RequestContext } from '@ddp/core';
import { addDays, addMonths, ClauseService, todayIn } from '@ddp/contracts';

export interface ReassessmentResult {
  /** Contracts looked at. */
  contracts: number;
  /** Assessments issued, by id. */
  issued: string[];
}

/** Contracts looked at per batch (each in its own transaction). */
const BATCH = 200;

/**
 * Reassessments: when the clause in force asks for one every `intervalMonths`, the worker issues a
 * new assessment that many months after the latest one was issued (same template family, its
 * latest published version), once per cycle however many workers run.
 */
@Injectable()
export class ReassessmentService {
  private readonly logger = new Logger(ReassessmentService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clauses: ClauseService,
    private readonly assessments: AssessmentsService,
  ) {}

  /**
   * Issues the reassessments due today: for each active contract whose clause in force today has
   * `reassessment` and that had an assessment, once today (contract time zone) is on or after the
   * latest non-withdrawn assessment's issue date plus the interval, and the contract has not ended.
   * The cycle row (contract, due date) is claimed first; only the run that inserts it issues.
   */
  async issueDue(ctx: RequestContext): Promise<ReassessmentResult> {
    const result: ReassessmentResult = { contracts: 0, issued: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.db.query<{ id: string }>(
        ctx,
        `SELECT c.id FROM contracts c WHERE c.status = 'active' AND c.id > $1
           AND EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.terms ? 'reassessment')
           AND EXISTS (SELECT 1 FROM assessments a WHERE a.contract_id = c.id AND a.status <> 'withdrawn')
         ORDER BY c.id LIMIT $2`,
        [after, BATCH],
      );
      for (const { id } of batch) {
        result.contracts += 1;
        try {
          const issued = await this.issueFor(ctx, id);
          if (issued) result.issued.push(issued);
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          this.logger.error(`reassessment of contract ${id} not issued`, error instanceof Error ? error.stack : undefined);
        }
      }
      if (batch.length < BATCH) return result;
      after = batch[batch.length - 1].id;
    }
  }

  /** The reassessment of one contract if it is due and not issued yet; its id, else null. */
  private async issueFor(ctx: RequestContext, contractId: string): Promise<string | null> {
    return this.db.transaction(ctx, async (tx) => {
      const [contract] = await this.db.query<{ authority_id: string; time_zone: string; end_date: string; status: string }>(
        tx,
        `SELECT authority_id, time_zone, to_char(end_date, 'YYYY-MM-DD') AS end_date, status FROM contracts WHERE id = $1`,
        [contractId],
      );
      const now = this.clock.now();
      const today = todayIn(contract.time_zone, now);
      if (contract.status !== 'active' || today > contract.end_date) return null;
      const terms = (await this.clauses.inForceOn(tx, contractId, today))?.terms.reassessment;
      if (!terms) return null;
      const [latest] = await this.db.query<{ id: string; issued_at: Date; family_id: string }>(
        tx,
        `SELECT a.id, a.issued_at, t.family_id FROM assessments a JOIN questionnaire_templates t ON t.id = a.template_id
         WHERE a.contract_id = $1 AND a.status <> 'withdrawn' ORDER BY a.issued_at DESC, a.id DESC LIMIT 1`,
        [contractId],
      );
      if (!latest) return null;
      const dueOn = addMonths(todayIn(contract.time_zone, latest.issued_at), terms.intervalMonths);
      if (today < dueOn) return null;
      // A concurrent run inserting the same cycle makes this wait, then do nothing.
      const claimed = await this.db.query(tx, `INSERT INTO reassessment_cycles (contract_id, due_on) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING due_on`, [contractId, dueOn]);
      if (claimed.length === 0) return null;
      const [template] = await this.db.query<{ id: string }>(
        tx,
        `SELECT id FROM questionnaire_templates WHERE family_id = $1 AND status = 'published' ORDER BY version_number DESC LIMIT 1`,
        [latest.family_id],
      );
      const assessmentId = await this.assessments.issueBySystem(tx, { contractId, templateId: template.id, dueDate: addDays(today, terms.responseDays), issuedAt: now });
      await this.db.query(tx, `UPDATE reassessment_cycles SET assessment_id = $3 WHERE contract_id = $1 AND due_on = $2`, [contractId, dueOn, assessmentId]);
      await this.audit.record(tx, {
        action: 'contract.reassessment_issued',
        entityType: 'contract',
        entityId: contractId,
        organisationId: contract.authority_id,
        after: { dueOn, previousAssessmentId: latest.id, assessmentId, templateId: template.id },
      });
      return assessmentId;
    });
  }
}
