import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  AccessPolicy,
  APP_CONFIG,
  AppConfig,
  AuditService,
  calendarDateIn,
  Clock,
  Database,
  DomainException,
  ErrorCode,
  FieldError,
  IdempotencyService,
  isCalendarDate,
  Language,
  MailOutbox,
  NewestFirst,
  Page,
  RequestContext,
} from '@ddp/core';
import { Contract, ContractsService } from '@ddp/contracts';
import {
  AnswerInput,
  AssessmentRating,
  findIncomplete,
  normaliseAnswerValue,
  QuestionDefinition,
  rateAssessment,
  StoredAnswer,
  TemplateDefinition,
  TEMPLATE_LANGUAGES,
  TemplatesService,
  validateAnswer,
} from '@ddp/questionnaires';
import { AssessmentMailKind, assessmentMail } from './assessment-mail';
import { assessmentVisibleBranches, assessmentVisibleSql } from './assessment-sql';
import {
  ASSESSMENT_COLUMNS,
  ASSESSMENT_CONTEXT_COLUMNS,
  ASSESSMENT_DETAIL_COLUMNS,
  ASSESSMENT_FROM,
  AssessmentDetailRow,
  AssessmentRow,
  toSummary,
  toView,
} from './assessment-view';
import { AssessmentFilter, AssessmentSummary, AssessmentView, BulkIssueInput, IssueInput, OPEN_STATUSES, ReviewInput, SaveAnswersInput } from './assessment.types';
import { FindingsService } from './findings.service';

/** The hot paths' statements, prepared once per connection (see Database.prepared). */
const GET_SQL = `SELECT ${ASSESSMENT_COLUMNS}, ${ASSESSMENT_DETAIL_COLUMNS} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`;
const LOAD_SQL = `SELECT ${ASSESSMENT_COLUMNS} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`;
const LOAD_LOCKED_SQL = `${LOAD_SQL} FOR UPDATE OF a`;
/**
 * The open revision's answers as JSON arrays (StoredAnswerTuple): half the cost of JSON objects for
 * PostgreSQL to build and for us to parse; the time of the last change only when a view needs it.
 */
const storedAnswersColumn = (withTime: boolean): string =>
  `COALESCE((SELECT json_agg(json_build_array(x.question_code, x.value, x.not_applicable, x.comment, x.colour, x.red_flag${withTime ? ', floor(extract(epoch FROM x.updated_at) * 1000)' : ''}))
    FROM assessment_answers x WHERE x.assessment_id = a.id AND x.revision = a.revision), '[]') AS stored`;
/** The autosave's lock: what the checks and the write need, with the open revision's answers (see saveAnswers on the snapshot). */
const SAVE_LOCK_SQL = `SELECT a.id, a.status, a.version, a.revision, a.template_id, a.supplier_id,
    CASE WHEN a.supplier_id = $2 THEN 'supplier' WHEN ${assessmentVisibleSql('a', 'c', '$2')} THEN 'reader' END AS access, ${storedAnswersColumn(false)}
  FROM assessments a JOIN contracts c ON c.id = a.contract_id WHERE a.id = $1 FOR UPDATE OF a`;

/** The part of an assessment the supplier's writes check. */
type Lockable = Pick<AssessmentRow, 'status' | 'version'> & { access: string | null };
type LockedForSave = Lockable & Pick<AssessmentRow, 'id' | 'revision' | 'template_id' | 'supplier_id'> & { stored: StoredAnswerTuple[] };
/** After the lock: the rest of the view and the open revision's answers, in one round trip. */
const SAVE_READ_SQL = `SELECT ${ASSESSMENT_COLUMNS}, ${ASSESSMENT_CONTEXT_COLUMNS}, '[]'::json AS answers, ${storedAnswersColumn(true)} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`;
/**
 * The conditional write that guards against lost updates (typeorm#2848), the revision's rating,
 * and every changed answer: one statement, whatever the number of rows.
 */
const SAVE_WRITE_SQL = `WITH u AS (
    UPDATE assessments SET version = version + 1, status = CASE WHEN status = 'issued' THEN 'in_progress' ELSE status END,
      colour = $3, score = $4, language = COALESCE($5, language), updated_at = now()
    WHERE id = $1 AND version = $2 RETURNING version, revision, status, language, updated_at
  ), r AS (
    UPDATE assessment_revisions v SET colour = $3, score = $4, rating = $6 FROM u WHERE v.assessment_id = $1 AND v.number = u.revision
  ), d AS (
    DELETE FROM assessment_answers x USING u WHERE cardinality($7::text[]) > 0 AND x.assessment_id = $1 AND x.revision = u.revision AND x.question_code = ANY($7::text[])
  ), w AS (
    INSERT INTO assessment_answers (assessment_id, revision, question_code, value, not_applicable, comment, colour, red_flag, updated_by)
    SELECT $1, u.revision, t.code, t.value, t.na, t.comment, t.colour, t.red_flag, $8
    FROM u, unnest($9::text[], $10::jsonb[], $11::boolean[], $12::text[], $13::text[], $14::boolean[]) AS t(code, value, na, comment, colour, red_flag)
    ON CONFLICT (assessment_id, revision, question_code) DO UPDATE SET value = excluded.value, not_applicable = excluded.not_applicable, comment = excluded.comment,
      colour = excluded.colour, red_flag = excluded.red_flag, updated_by = excluded.updated_by, updated_at = now()
  )
  SELECT version, status, language, updated_at FROM u`;

/** The questions of a template by code, with their section. */
export function questionsByCode(definition: TemplateDefinition): Map<string, QuestionDefinition> {
  return new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const)));
}

interface StoredAnswerRow {
  question_code: string;
  value: StoredAnswer['value'];
  not_applicable: boolean;
}

/** A stored answer as the save reads it: [code, value, notApplicable, comment, colour, redFlag, updatedAt in ms (views only)]. */
type StoredAnswerTuple = [string, StoredAnswer['value'], boolean, string | null, string, boolean, number?];

interface StoredAnswerJson {
  code: string;
  value: StoredAnswer['value'];
  notApplicable: boolean;
  comment: string | null;
  colour: string;
  redFlag: boolean;
  updatedAt?: number;
}

function fromTuple([code, value, notApplicable, comment, colour, redFlag, updatedAt]: StoredAnswerTuple): StoredAnswerJson {
  return { code, value, notApplicable, comment, colour, redFlag, updatedAt };
}

@Injectable()
export class AssessmentsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly mail: MailOutbox,
    private readonly idempotency: IdempotencyService,
    private readonly contracts: ContractsService,
    private readonly templates: TemplatesService,
    private readonly findings: FindingsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.access.register('assessment', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(
        ctx,
        `SELECT a.id FROM assessments a JOIN contracts c ON c.id = a.contract_id WHERE a.id = ANY($1::uuid[]) AND ${assessmentVisibleSql('a', 'c', '$2')}`,
        [ids, ctx.requiredActor.organisationId],
      );
      return new Set(rows.map((r) => r.id));
    });
  }

  /** Issues a published template version to the supplier of a contract the actor buys under. */
  async issue(ctx: RequestContext, input: IssueInput): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const [id] = await this.issueMany(tx, [input.contractId], input.templateId, input.dueDate, 'contractId');
      return this.get(tx, id);
    });
  }

  /** The same template to the suppliers of several contracts at once: all or nothing. */
  async issueBulk(ctx: RequestContext, input: BulkIssueInput): Promise<AssessmentSummary[]> {
    return this.db.transaction(ctx, async (tx) => {
      const ids = await this.issueMany(tx, [...new Set(input.contractIds)], input.templateId, input.dueDate, 'contractIds');
      return this.summaries(tx, ids);
    });
  }

  async list(ctx: RequestContext, filter: AssessmentFilter): Promise<Page<AssessmentSummary>> {
    // $1 is the assessment id of the single-record reads that share ASSESSMENT_COLUMNS; $2 the actor's organisation.
    const list = new NewestFirst('a.issued_at', 'a.id', [null, ctx.requiredActor.organisationId])
      .where('$1::int IS NULL')
      .filter('a.status = ?', filter.status)
      .filter('a.contract_id = ?::uuid', filter.contractId);
    // A shared assessment does not match its issuer's contract: that would tell the reader whose it is.
    const keys = list.keysSql(assessmentVisibleBranches('$2', { shares: !filter.contractId }), filter.after, filter.limit);
    const rows = await this.db.query<AssessmentRow & { cursor_at: string }>(
      ctx,
      `WITH page AS (${keys}) SELECT ${ASSESSMENT_COLUMNS}, ${list.cursorColumn} FROM ${ASSESSMENT_FROM} JOIN page ON page.id = a.id ${list.orderBy}`,
      list.params,
    );
    return list.page(rows, filter.limit, toSummary);
  }

  /** One assessment with its current revision's answers, evidence, all comments and revisions; one round trip. */
  async get(ctx: RequestContext, id: string): Promise<AssessmentView> {
    const [row] = await this.db.prepared<AssessmentDetailRow>(ctx, 'assessment-get', GET_SQL, [id, ctx.requiredActor.organisationId]);
    if (!row?.access) throw DomainException.notFound();
    return toView(row);
  }

  /** A past revision as it was submitted (answers, score, evidence of that revision). */
  async getRevision(ctx: RequestContext, id: string, revision: number): Promise<AssessmentView> {
    const current = await this.load(ctx, id);
    if (revision < 1 || revision > current.revision) throw DomainException.notFound('The revision');
    if (revision === current.revision) return this.get(ctx, id);
    const [row] = await this.db.query<AssessmentDetailRow>(
      ctx,
      `SELECT ${ASSESSMENT_COLUMNS}, ${ASSESSMENT_DETAIL_COLUMNS.replace(/a\.revision/g, '$3::int')} FROM ${ASSESSMENT_FROM} WHERE a.id = $1`,
      [id, ctx.requiredActor.organisationId, revision],
    );
    const view = toView(row);
    const past = view.revisions.find((v) => v.number === revision)!;
    return { ...view, revision, colour: past.colour, score: past.score };
  }

  /**
   * Saves answers of the open revision (a partial save: the other answers stay). Every answer is
   * checked against the template first; colours and the rating are computed here and stored.
   * Four statements whatever the number of answers: lock, read, one write, and the audit append.
   */
  async saveAnswers(ctx: RequestContext, id: string, input: SaveAnswersInput, expectedVersion: number | undefined): Promise<AssessmentView>;
  /** `view: false` (an autosave that wants no body): the same save, answering only the new version. */
  async saveAnswers(ctx: RequestContext, id: string, input: SaveAnswersInput, expectedVersion: number | undefined, options: { view: false }): Promise<{ version: number }>;
  async saveAnswers(ctx: RequestContext, id: string, input: SaveAnswersInput, expectedVersion: number | undefined, options = { view: true }): Promise<AssessmentView | { version: number }> {
    return this.db.transaction(ctx, async (tx) => {
      let row: LockedForSave | (AssessmentDetailRow & { stored: StoredAnswerTuple[] });
      if (options.view) {
        await this.requireOpenForSupplier(tx, id, expectedVersion);
        // Read after the lock, for a view as fresh as the write.
        [row] = await this.db.prepared<AssessmentDetailRow & { stored: StoredAnswerTuple[] }>(tx, 'assessment-save-read', SAVE_READ_SQL, [id, tx.requiredActor.organisationId]);
      } else {
        // Lock and answers in one round trip. The answers come from the statement's snapshot, taken
        // before the lock was granted; a save committed in between changed the version, which the
        // locked (re-read) row shows, so the check below refuses with 412 rather than use them.
        const [locked] = await this.db.prepared<LockedForSave>(tx, 'assessment-save-lock', SAVE_LOCK_SQL, [id, tx.requiredActor.organisationId]);
        row = this.checkOpenForSupplier(locked, expectedVersion);
      }
      const definition = await this.templates.publishedDefinition(tx, row.template_id);
      if (input.language && !definition.languages.includes(input.language)) {
        throw DomainException.validation([{ field: 'language', message: `language must be one of the template's: ${definition.languages.join(', ')}` }]);
      }
      const questions = questionsByCode(definition);
      const incoming = checkAnswers(questions, input.answers);

      const stored = row.stored.map(fromTuple);
      const before = new Map(stored.map((r) => [r.code, r]));
      const answers = new Map<string, StoredAnswer & { comment: string | null }>(stored.map((r) => [r.code, { value: r.value, notApplicable: r.notApplicable, comment: r.comment }]));
      const cleared: string[] = [];
      for (const answer of incoming) {
        const question = questions.get(answer.questionCode)!;
        if (answer.value === null && !answer.notApplicable && question.type !== 'file' && !answer.comment) {
          if (answers.delete(answer.questionCode)) cleared.push(answer.questionCode);
        } else {
          answers.set(answer.questionCode, {
            value: answer.notApplicable ? null : normaliseAnswerValue(question, answer.value),
            notApplicable: answer.notApplicable ?? false,
            comment: answer.comment?.trim() || null,
          });
        }
      }
      const rating = rateAssessment(definition, answers);
      const colours = new Map(rating.answers.map((r) => [r.questionCode, r]));
      // Rows whose value, comment or colour changed (conditions can change other answers' colours).
      const rows = [...answers.entries()].filter(([code, answer]) => {
        const old = before.get(code);
        const now = colours.get(code);
        return !old || !sameValue(old.value, answer.value) || old.notApplicable !== answer.notApplicable || old.comment !== answer.comment || old.colour !== now?.colour || old.redFlag !== now?.redFlag;
      });

      const [written] = await this.db.prepared<{ version: number; status: AssessmentView['status']; language: AssessmentView['language']; updated_at: Date }>(
        tx,
        'assessment-save-write',
        SAVE_WRITE_SQL,
        [
          id,
          expectedVersion,
          rating.colour,
          rating.score,
          input.language ?? null,
          JSON.stringify(ratingJson(rating)),
          cleared,
          tx.requiredActor.userId,
          rows.map(([code]) => code),
          rows.map(([, a]) => (a.value === null ? null : JSON.stringify(a.value))),
          rows.map(([, a]) => a.notApplicable),
          rows.map(([, a]) => a.comment),
          rows.map(([code]) => colours.get(code)?.colour ?? 'grey'),
          rows.map(([code]) => colours.get(code)?.redFlag ?? false),
        ],
      );
      if (!written) throw new DomainException(ErrorCode.PreconditionFailed);
      await this.audit.record(tx, {
        action: 'assessment.answers_saved',
        entityType: 'assessment',
        entityId: id,
        organisationId: row.supplier_id,
        after: { revision: row.revision, version: written.version, questionCodes: incoming.map((a) => a.questionCode), colour: rating.colour, score: rating.score },
      });

      if (!options.view) return { version: written.version };
      // The view from what is in memory: nothing is read back.
      const changed = new Set(rows.map(([code]) => code));
      const view = toView(row as AssessmentDetailRow);
      return {
        ...view,
        status: written.status,
        language: written.language,
        version: written.version,
        colour: rating.colour,
        score: rating.score,
        redFlags: rating.redFlags,
        sections: rating.sections,
        revisions: view.revisions.map((v) => (v.number === row.revision ? { ...v, colour: rating.colour, score: rating.score } : v)),
        answers: [...answers.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([code, answer]) => ({
            questionCode: code,
            value: answer.value,
            notApplicable: answer.notApplicable,
            comment: answer.comment,
            colour: colours.get(code)?.colour ?? 'grey',
            redFlag: colours.get(code)?.redFlag ?? false,
            updatedAt: (changed.has(code) ? written.updated_at : new Date(before.get(code)!.updatedAt!)).toISOString(),
          })),
      };
    });
  }

  /**
   * Submits the open revision: 422 listing every missing answer and missing evidence, else the
   * revision is frozen, its red and amber answers become findings and the buyer is told.
   */
  async submit(ctx: RequestContext, id: string, expectedVersion: number | undefined, idempotencyKey: string | undefined): Promise<AssessmentView> {
    return this.idempotency.run(ctx, { key: idempotencyKey, scope: 'assessment.submit', request: { id, expectedVersion } }, async (tx) => {
      const assessment = await this.requireOpenForSupplier(tx, id, expectedVersion);
      const definition = await this.templates.publishedDefinition(tx, assessment.template_id);
      const stored = await this.db.query<StoredAnswerRow>(tx, `SELECT question_code, value, not_applicable FROM assessment_answers WHERE assessment_id = $1 AND revision = $2`, [id, assessment.revision]);
      const answers = new Map<string, StoredAnswer>(stored.map((r) => [r.question_code, { value: r.value, notApplicable: r.not_applicable }]));
      const evidence = await this.db.query<{ question_code: string }>(
        tx,
        `SELECT DISTINCT question_code FROM evidence_files WHERE assessment_id = $1 AND revision_added <= $2 AND (revision_removed IS NULL OR revision_removed > $2)`,
        [id, assessment.revision],
      );
      const incomplete = findIncomplete(definition, answers, new Set(evidence.map((e) => e.question_code)));
      if (incomplete.missingAnswers.length + incomplete.missingEvidence.length > 0) {
        throw new DomainException(
          ErrorCode.AssessmentIncomplete,
          `Missing answers: ${incomplete.missingAnswers.join(', ') || 'none'}; missing evidence: ${incomplete.missingEvidence.join(', ') || 'none'}`,
          [
            ...incomplete.missingAnswers.map((code) => ({ field: `answers.${code}`, message: `${code} needs an answer` })),
            ...incomplete.missingEvidence.map((code) => ({ field: `evidence.${code}`, message: `${code} needs evidence` })),
          ],
        );
      }
      const rating = rateAssessment(definition, answers);
      const updated = await this.db.query(
        tx,
        `WITH u AS (UPDATE assessments SET status = 'submitted', submitted_at = $5, version = version + 1, colour = $3, score = $4, updated_at = now()
           WHERE id = $1 AND version = $2 RETURNING id) SELECT id FROM u`,
        [id, expectedVersion, rating.colour, rating.score, this.clock.now()],
      );
      if (updated.length === 0) throw new DomainException(ErrorCode.PreconditionFailed);
      await this.db.query(tx, `UPDATE assessment_revisions SET submitted_at = $7, submitted_by = $3, colour = $4, score = $5, rating = $6 WHERE assessment_id = $1 AND number = $2`, [
        id,
        assessment.revision,
        ctx.requiredActor.userId,
        rating.colour,
        rating.score,
        JSON.stringify(ratingJson(rating)),
        this.clock.now(),
      ]);
      await this.findings.recordFromRevision(tx, { ...assessment, definition, rating, answers });
      await this.audit.record(tx, { action: 'assessment.submitted', entityType: 'assessment', entityId: id, organisationId: assessment.supplier_id, after: { revision: assessment.revision, colour: rating.colour, score: rating.score } });
      await this.audit.record(tx, { action: 'assessment.submitted', entityType: 'assessment', entityId: id, organisationId: assessment.authority_id, after: { revision: assessment.revision, colour: rating.colour, score: rating.score } });
      await this.notifyIssuer(tx, assessment, 'submitted');
      return this.get(tx, id);
    });
  }

  /** The issuing buyer accepts (locks) a submitted assessment or sends it back with comments per answer. */
  async review(ctx: RequestContext, id: string, input: ReviewInput, expectedVersion: number | undefined): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const assessment = await this.load(tx, id, true);
      if (assessment.authority_id !== ctx.requiredActor.organisationId) throw new DomainException(ErrorCode.Forbidden, 'Only the buyer that issued the assessment reviews it');
      checkVersion(assessment, expectedVersion);
      if (assessment.status !== 'submitted') throw new DomainException(ErrorCode.InvalidState, `The assessment is ${assessment.status}; only a submitted one is reviewed`);
      const definition = await this.templates.publishedDefinition(tx, assessment.template_id);
      const questions = questionsByCode(definition);
      const errors: FieldError[] = input.comments.flatMap((c, i) => (questions.has(c.questionCode) ? [] : [{ field: `comments[${i}].questionCode`, message: `questionCode ${c.questionCode} is not a question of this template` }]));
      if (input.decision === 'request_clarification' && input.comments.length === 0) errors.push({ field: 'comments', message: 'comments must say what needs clarifying' });
      if (errors.length > 0) throw DomainException.validation(errors);

      const actor = ctx.requiredActor;
      if (input.comments.length > 0) {
        await this.db.query(
          tx,
          `INSERT INTO review_comments (assessment_id, revision, question_code, text, author_id, organisation_id) SELECT $1, $2, code, text, $3, $4 FROM unnest($5::text[], $6::text[]) AS t(code, text)`,
          [id, assessment.revision, actor.userId, actor.organisationId, input.comments.map((c) => c.questionCode), input.comments.map((c) => c.text)],
        );
      }
      const decision = input.decision === 'accept' ? 'accepted' : 'clarification_requested';
      await this.db.query(tx, `UPDATE assessment_revisions SET decision = $3, decided_at = $5, decided_by = $4 WHERE assessment_id = $1 AND number = $2`, [id, assessment.revision, decision, actor.userId, this.clock.now()]);
      if (decision === 'accepted') {
        await this.db.query(tx, `UPDATE assessments SET status = 'accepted', accepted_at = $3, accepted_by = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, actor.userId, this.clock.now()]);
      } else {
        // A new revision starts from the submitted answers; the submitted ones stay as they were.
        const next = assessment.revision + 1;
        await this.db.query(tx, `INSERT INTO assessment_revisions (assessment_id, number, colour, score, rating) SELECT assessment_id, $2, colour, score, rating FROM assessment_revisions WHERE assessment_id = $1 AND number = $3`, [id, next, assessment.revision]);
        await this.db.query(
          tx,
          `INSERT INTO assessment_answers (assessment_id, revision, question_code, value, not_applicable, comment, colour, red_flag, updated_by, updated_at)
           SELECT assessment_id, $2, question_code, value, not_applicable, comment, colour, red_flag, updated_by, updated_at FROM assessment_answers WHERE assessment_id = $1 AND revision = $3`,
          [id, next, assessment.revision],
        );
        await this.db.query(tx, `UPDATE assessments SET status = 'clarification_requested', revision = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, next]);
      }
      const entry = { action: `assessment.${decision}`, entityType: 'assessment', entityId: id, before: { status: assessment.status, revision: assessment.revision }, after: { status: decision, comments: input.comments.length } };
      await this.audit.record(tx, { ...entry, organisationId: assessment.authority_id });
      await this.audit.record(tx, { ...entry, organisationId: assessment.supplier_id });
      await this.notifySupplier(tx, assessment, decision);
      return this.get(tx, id);
    });
  }

  /** The issuing buyer withdraws an assessment not yet accepted. */
  async withdraw(ctx: RequestContext, id: string, expectedVersion: number | undefined): Promise<AssessmentView> {
    return this.db.transaction(ctx, async (tx) => {
      const assessment = await this.load(tx, id, true);
      if (assessment.authority_id !== ctx.requiredActor.organisationId) throw new DomainException(ErrorCode.Forbidden, 'Only the buyer that issued the assessment withdraws it');
      checkVersion(assessment, expectedVersion);
      if (assessment.status === 'accepted' || assessment.status === 'withdrawn') throw new DomainException(ErrorCode.InvalidState, `The assessment is ${assessment.status} and cannot be withdrawn`);
      await this.db.query(tx, `UPDATE assessments SET status = 'withdrawn', withdrawn_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [id, this.clock.now()]);
      const entry = { action: 'assessment.withdrawn', entityType: 'assessment', entityId: id, before: { status: assessment.status } };
      await this.audit.record(tx, { ...entry, organisationId: assessment.authority_id });
      await this.audit.record(tx, { ...entry, organisationId: assessment.supplier_id });
      await this.notifySupplier(tx, assessment, 'withdrawn');
      return this.get(tx, id);
    });
  }

  /** The assessment row, 404 unless the actor may read it; locked when `forUpdate`. */
  async load(ctx: RequestContext, id: string, forUpdate = false): Promise<AssessmentRow> {
    const [row] = forUpdate
      ? await this.db.prepared<AssessmentRow>(ctx, 'assessment-load-locked', LOAD_LOCKED_SQL, [id, ctx.requiredActor.organisationId])
      : await this.db.prepared<AssessmentRow>(ctx, 'assessment-load', LOAD_SQL, [id, ctx.requiredActor.organisationId]);
    if (!row?.access) throw DomainException.notFound();
    return row;
  }

  /** For the supplier's writes: readable (else 404), its own (else 403), open (else 409), at the expected version (else 412/428). */
  async requireOpenForSupplier(tx: RequestContext, id: string, expectedVersion: number | undefined): Promise<AssessmentRow> {
    return this.checkOpenForSupplier(await this.load(tx, id, true), expectedVersion);
  }

  private checkOpenForSupplier<T extends Lockable>(assessment: T | undefined, expectedVersion: number | undefined): T {
    if (!assessment?.access) throw DomainException.notFound();
    if (assessment.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier answers its assessment');
    checkVersion(assessment, expectedVersion);
    if (!OPEN_STATUSES.includes(assessment.status)) throw new DomainException(ErrorCode.InvalidState, `The assessment is ${assessment.status}: its answers can no longer change`);
    return assessment;
  }

  private async issueMany(tx: RequestContext, contractIds: string[], templateId: string, dueDate: string, contractField: string): Promise<string[]> {
    const actor = tx.requiredActor;
    if (actor.organisationKind !== 'contracting_authority') throw new DomainException(ErrorCode.Forbidden, 'Only contracting authorities issue assessments');
    if (!isCalendarDate(dueDate)) throw DomainException.validation([{ field: 'dueDate', message: 'dueDate must be a date YYYY-MM-DD' }]);
    const template = await this.templates.get(tx, templateId).catch((error: unknown) => {
      if (error instanceof DomainException && error.code === ErrorCode.NotFound) throw DomainException.validation([{ field: 'templateId', message: 'templateId names no template you may use' }]);
      throw error;
    });
    if (template.status !== 'published') throw DomainException.validation([{ field: 'templateId', message: 'templateId is a draft: publish it before issuing it' }]);

    const contracts: Contract[] = [];
    for (const [i, contractId] of contractIds.entries()) {
      const field = contractIds.length > 1 || contractField === 'contractIds' ? `${contractField}[${i}]` : contractField;
      const contract = await this.contracts.getWithRole(tx, contractId).catch((error: unknown) => {
        if (error instanceof DomainException && error.code === ErrorCode.NotFound) throw new DomainException(ErrorCode.NotFound, `${field}: the contract does not exist or is not accessible to you`);
        throw error;
      });
      if (contract.role !== 'authority' && contract.role !== 'participant') throw new DomainException(ErrorCode.Forbidden, `${field}: only the contract's buyers issue assessments under it`);
      if (contract.status !== 'active') throw DomainException.validation([{ field, message: `${field} is ${contract.status}: assessments are issued under active contracts only` }]);
      if (dueDate < calendarDateIn(contract.timeZone, this.clock.now())) throw DomainException.validation([{ field: 'dueDate', message: 'dueDate must not be in the past (in the contract time zone)' }]);
      contracts.push(contract);
    }

    const ids: string[] = [];
    const issuedAt = this.clock.now(); // one instant for the whole batch, as now() was
    for (const contract of contracts) {
      ids.push(await this.insertIssued(tx, { contractId: contract.id, authorityId: actor.organisationId, supplierId: contract.supplier.id }, templateId, template.definition.languages, dueDate, actor.userId, issuedAt));
    }
    return ids;
  }

  /**
   * A reassessment the worker issues (no issuing user): a published `templateId` from the contract's
   * awarding authority to its supplier, in the caller's transaction, audited and mailed like any issue.
   * `issuedAt` is the domain clock's time (the next reassessment is counted from it).
   */
  async issueBySystem(tx: RequestContext, input: { contractId: string; templateId: string; dueDate: string; issuedAt?: Date }): Promise<string> {
    const [contract] = await this.db.query<{ authority_id: string; supplier_id: string }>(tx, `SELECT authority_id, supplier_id FROM contracts WHERE id = $1`, [input.contractId]);
    if (!contract) throw DomainException.notFound('The contract');
    const definition = await this.templates.publishedDefinition(tx, input.templateId);
    const parties = { contractId: input.contractId, authorityId: contract.authority_id, supplierId: contract.supplier_id };
    return this.insertIssued(tx, parties, input.templateId, definition.languages, input.dueDate, null, input.issuedAt ?? null);
  }

  /** One issued assessment: the row, its first revision, the audit entries and the mail to the supplier. */
  private async insertIssued(
    tx: RequestContext,
    parties: { contractId: string; authorityId: string; supplierId: string },
    templateId: string,
    languages: TemplateDefinition['languages'],
    dueDate: string,
    issuedBy: string | null,
    issuedAt: Date | null,
  ): Promise<string> {
    const [supplier] = await this.db.query<{ preferred_language: Language }>(tx, `SELECT preferred_language FROM organisations WHERE id = $1`, [parties.supplierId]);
    const language = (TEMPLATE_LANGUAGES as readonly string[]).includes(supplier.preferred_language) && languages.includes(supplier.preferred_language as 'en')
      ? (supplier.preferred_language as 'en')
      : languages.includes('en') ? 'en' : languages[0];
    const [{ id }] = await this.db.query<{ id: string }>(
      tx,
      `INSERT INTO assessments (contract_id, authority_id, supplier_id, template_id, status, due_date, language, issued_by, issued_at)
       VALUES ($1, $2, $3, $4, 'issued', $5, $6, $7, $8) RETURNING id`,
      [parties.contractId, parties.authorityId, parties.supplierId, templateId, dueDate, language, issuedBy, issuedAt ?? this.clock.now()],
    );
    await this.db.query(tx, `INSERT INTO assessment_revisions (assessment_id, number) VALUES ($1, 1)`, [id]);
    const entry = { action: 'assessment.issued', entityType: 'assessment', entityId: id, after: { contractId: parties.contractId, templateId, dueDate } };
    await this.audit.record(tx, { ...entry, organisationId: parties.authorityId });
    await this.audit.record(tx, { ...entry, organisationId: parties.supplierId });
    // Read as the issuing authority (the worker has no actor of its own).
    const [issued] = await this.db.prepared<AssessmentRow>(tx, 'assessment-load', LOAD_SQL, [id, parties.authorityId]);
    await this.notifySupplier(tx, issued, 'issued');
    return id;
  }

  private async summaries(ctx: RequestContext, ids: string[]): Promise<AssessmentSummary[]> {
    const rows = await this.db.query<AssessmentRow>(ctx, `SELECT ${ASSESSMENT_COLUMNS} FROM ${ASSESSMENT_FROM} WHERE a.id = ANY($1::uuid[]) ORDER BY a.issued_at, a.id`, [ids, ctx.requiredActor.organisationId]);
    return rows.map(toSummary);
  }

  private async notifySupplier(tx: RequestContext, assessment: AssessmentRow, kind: AssessmentMailKind): Promise<void> {
    const recipients = await this.db.query<{ email: string; language: Language }>(
      tx,
      `SELECT u.email, o.preferred_language AS language FROM users u JOIN organisations o ON o.id = u.organisation_id
       WHERE u.organisation_id = $1 AND u.status = 'active' AND (u.role = 'admin' OR u.id = (SELECT submitted_by FROM assessment_revisions WHERE assessment_id = $2 AND number = $3))
       ORDER BY u.email`,
      [assessment.supplier_id, assessment.id, assessment.revision],
    );
    for (const r of recipients) await this.queueMail(tx, assessment, kind, r.email, r.language, assessment.authority_name, assessment.supplier_id);
  }

  private async notifyIssuer(tx: RequestContext, assessment: AssessmentRow, kind: AssessmentMailKind): Promise<void> {
    const recipients = await this.db.query<{ email: string; language: Language }>(
      tx,
      `SELECT u.email, o.preferred_language AS language FROM users u JOIN organisations o ON o.id = u.organisation_id
       WHERE u.organisation_id = $1 AND u.status = 'active' AND (u.id = $2 OR (u.role = 'admin' AND NOT EXISTS (SELECT 1 FROM users i WHERE i.id = $2 AND i.status = 'active')))
       ORDER BY u.email`,
      [assessment.authority_id, assessment.issued_by],
    );
    for (const r of recipients) await this.queueMail(tx, assessment, kind, r.email, r.language, assessment.supplier_name, assessment.authority_id);
  }

  private async queueMail(tx: RequestContext, a: AssessmentRow, kind: AssessmentMailKind, to: string, language: Language, counterpart: string, organisationId: string): Promise<void> {
    const mail = assessmentMail(kind, language, {
      contractReference: a.contract_reference,
      templateTitle: a.template_title,
      counterpart,
      dueDate: a.due_date,
      link: this.config.publicLink(`/assessments/${a.id}`),
    });
    await this.mail.enqueue(tx, { organisationId, to, template: `assessment_${kind}`, ...mail });
  }
}

/** Answer values are strings, numbers, string arrays or null. */
function sameValue(a: StoredAnswer['value'], b: StoredAnswer['value']): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

function checkVersion(assessment: Pick<AssessmentRow, 'version'>, expectedVersion: number | undefined): void {
  if (expectedVersion === undefined) throw new DomainException(ErrorCode.PreconditionRequired);
  if (assessment.version !== expectedVersion) throw new DomainException(ErrorCode.PreconditionFailed, `The assessment is at version ${assessment.version}, not ${expectedVersion}: reload it`);
}

/** Validates every incoming answer against its question; 400 listing them all by index. */
function checkAnswers(questions: Map<string, QuestionDefinition>, answers: AnswerInput[]): AnswerInput[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    const question = questions.get(answer.questionCode);
    if (!question) return errors.push({ field: `answers[${i}].questionCode`, message: `questionCode ${answer.questionCode} is not a question of this template` });
    if (seen.has(answer.questionCode)) return errors.push({ field: `answers[${i}].questionCode`, message: `questionCode ${answer.questionCode} is answered twice` });
    seen.add(answer.questionCode);
    const problem = validateAnswer(question, answer);
    if (problem) errors.push({ field: `answers[${i}].${problem.startsWith('notApplicable') ? 'notApplicable' : 'value'}`, message: problem });
  });
  if (errors.length > 0) throw DomainException.validation(errors);
  return answers;
}

export function ratingJson(rating: AssessmentRating): { sections: AssessmentRating['sections']; redFlags: number } {
  return { sections: rating.sections, redFlags: rating.redFlags };
}
