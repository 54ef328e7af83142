import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AccessPolicy, AuditService, Database, decodeCursor, DomainException, ErrorCode, isPlatformAdmin, Page, RequestContext, toPage } from '@ddp/core';
import type { TemplateDefinition } from './definition/template-definition';
import { validateTemplateDefinition } from './definition/template-validation';
import { templateOwnerKnownSql, templateVisibleSql } from './template-sql';
import { Template, TemplateFilter, TemplateSummary } from './template.types';

interface TemplateRow {
  id: string;
  family_id: string;
  version_number: number;
  status: Template['status'];
  owner_id: string;
  owner_name: string;
  owner_kind: string;
  /** false: the owner is hidden from the actor (templateOwnerKnownSql). */
  owner_known: boolean;
  reference_key: string | null;
  title: string;
  question_count: number;
  definition?: TemplateDefinition;
  version: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

const SUMMARY_COLUMNS = `t.id, t.family_id, t.version_number, t.status, t.owner_id, o.name AS owner_name, o.kind AS owner_kind, t.reference_key, t.title,
  t.question_count, t.version, t.created_at, t.updated_at, t.published_at`;

/**
 * What a list shows an organisation ($1, of kind $2): what it works with, its own templates and
 * the published reference ones (not those met through assessments). Exclusive of each other, so a
 * template comes once; the reference templates' owners are found by the platform organisations' index.
 */
const LISTED_TEMPLATES = [`t.owner_id = $1`, `NOT (t.owner_id = $1) AND t.status = 'published' AND $2 = 'contracting_authority' AND o.kind = 'platform'`];

/** Published versions never change, so their definitions are cached by id (bounded). */
const CACHE_LIMIT = 500;

export type TemplateSource = { definition: unknown } | { copyOf: string };

@Injectable()
export class TemplatesService implements OnModuleInit {
  private readonly published = new Map<string, TemplateDefinition>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  onModuleInit(): void {
    this.access.register('template', async (ctx, ids) => {
      const actor = ctx.requiredActor;
      const rows = await this.db.query<{ id: string }>(ctx, `SELECT t.id FROM questionnaire_templates t WHERE t.id = ANY($1::uuid[]) AND ${templateVisibleSql('t', '$2', '$3')}`, [
        ids,
        actor.organisationId,
        actor.organisationKind,
      ]);
      return new Set(rows.map((r) => r.id));
    });
  }

  /** A new template family in draft, from a definition or as a copy of a template the actor may read. */
  async create(ctx: RequestContext, source: TemplateSource): Promise<Template> {
    const actor = ctx.requiredActor;
    const definition = 'copyOf' in source ? (await this.get(ctx, source.copyOf)).definition : checked(source.definition);
    return this.db.transaction(ctx, async (tx) => {
      const [{ id }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO questionnaire_templates (family_id, version_number, owner_id, status, title, definition, question_count, content_hash, created_by)
         VALUES (gen_random_uuid(), 1, $1, 'draft', $2, $3, $4, $5, $6) RETURNING id`,
        [actor.organisationId, titleOf(definition), JSON.stringify(definition), questionCount(definition), contentHash(definition), actor.userId],
      );
      const template = await this.load(tx, id);
      await this.audit.record(tx, { action: 'template.created', entityType: 'questionnaire_template', entityId: id, organisationId: actor.organisationId, after: auditView(template, 'copyOf' in source ? source.copyOf : undefined) });
      return template;
    });
  }

  async list(ctx: RequestContext, filter: TemplateFilter): Promise<Page<TemplateSummary>> {
    const actor = ctx.requiredActor;
    const params: unknown[] = [actor.organisationId, actor.organisationKind];
    const where: string[] = [];
    if (filter.status) {
      params.push(filter.status);
      where.push(`t.status = $${params.length}`);
    }
    if (filter.referenceOnly !== undefined) where.push(filter.referenceOnly ? `o.kind = 'platform'` : `o.kind <> 'platform'`);
    if (filter.after) {
      const [title, id] = decodeCursor(filter.after, ['text', 'uuid'], 'after');
      params.push(title, id);
      where.push(`(t.title, t.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const limit = `$${params.length}`;
    // One branch per kind of template listed, each walking the owner's index in the page's order
    // (an OR of the two would join every organisation to every template).
    const branches = LISTED_TEMPLATES.map(
      (kind) => `(SELECT t.id, t.title FROM questionnaire_templates t JOIN organisations o ON o.id = t.owner_id
        WHERE ${[kind, ...where].join(' AND ')} ORDER BY t.title, t.id LIMIT ${limit})`,
    );
    const rows = await this.db.query<TemplateRow>(
      ctx,
      // The list holds the actor's own and reference templates only: their owner is always known.
      `SELECT ${SUMMARY_COLUMNS}, true AS owner_known FROM questionnaire_templates t JOIN organisations o ON o.id = t.owner_id
       JOIN (${branches.join(' UNION ALL ')} ORDER BY title, id LIMIT ${limit}) page ON page.id = t.id ORDER BY t.title, t.id`,
      params,
    );
    return toPage(rows.map(toSummary), filter.limit, (t) => [t.title, t.id]);
  }

  async get(ctx: RequestContext, id: string): Promise<Template> {
    await this.access.require(ctx, 'template', id);
    return this.load(ctx, id);
  }

  /**
   * Edits a draft (If-Match: its version), or, for a published version, starts the next draft
   * version of the family with the new definition (the published one stays as it is).
   */
  async update(ctx: RequestContext, id: string, input: unknown, expectedVersion: number | undefined): Promise<{ template: Template; created: boolean }> {
    const definition = checked(input);
    const actor = ctx.requiredActor;
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.get(tx, id);
      const owner = this.assertOwner(ctx, current);
      if (current.status === 'draft') {
        if (expectedVersion === undefined) throw new DomainException(ErrorCode.PreconditionRequired);
        const updated = await this.db.query(
          tx,
          `WITH u AS (UPDATE questionnaire_templates SET definition = $3, title = $4, question_count = $5, content_hash = $6, version = version + 1, updated_at = now()
             WHERE id = $1 AND version = $2 AND status = 'draft' RETURNING id) SELECT id FROM u`,
          [id, expectedVersion, JSON.stringify(definition), titleOf(definition), questionCount(definition), contentHash(definition)],
        );
        if (updated.length === 0) throw new DomainException(ErrorCode.PreconditionFailed);
        const template = await this.load(tx, id);
        await this.audit.record(tx, { action: 'template.updated', entityType: 'questionnaire_template', entityId: id, organisationId: owner, before: auditView(current), after: auditView(template) });
        return { template, created: false };
      }
      // A published version: the family's next version starts as a draft (one draft per family).
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`template-family:${current.familyId}`]);
      const [draft] = await this.db.query<{ id: string }>(tx, `SELECT id FROM questionnaire_templates WHERE family_id = $1 AND status = 'draft'`, [current.familyId]);
      if (draft) throw new DomainException(ErrorCode.InvalidState, `This template has a draft version already (${draft.id}): edit that one`);
      const [{ id: newId }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO questionnaire_templates (family_id, version_number, owner_id, status, title, definition, question_count, content_hash, reference_key, created_by)
         SELECT $1, max(version_number) + 1, $2, 'draft', $3, $4, $5, $6, $7, $8 FROM questionnaire_templates WHERE family_id = $1 RETURNING id`,
        [current.familyId, owner, titleOf(definition), JSON.stringify(definition), questionCount(definition), contentHash(definition), current.referenceKey, actor.userId],
      );
      const template = await this.load(tx, newId);
      await this.audit.record(tx, { action: 'template.version_created', entityType: 'questionnaire_template', entityId: newId, organisationId: owner, before: auditView(current), after: auditView(template) });
      return { template, created: true };
    });
  }

  /** Draft → published: from then on the version is immutable (a database trigger guards it too). */
  async publish(ctx: RequestContext, id: string, expectedVersion: number | undefined): Promise<Template> {
    return this.db.transaction(ctx, async (tx) => {
      const current = await this.get(tx, id);
      const owner = this.assertOwner(ctx, current);
      if (current.status !== 'draft') throw new DomainException(ErrorCode.InvalidState, 'This version is published already');
      checked(current.definition);
      const published = await this.db.query(
        tx,
        `WITH u AS (UPDATE questionnaire_templates SET status = 'published', published_at = now(), published_by = $3, version = version + 1, updated_at = now()
           WHERE id = $1 AND status = 'draft' AND ($2::int IS NULL OR version = $2) RETURNING id) SELECT id FROM u`,
        [id, expectedVersion ?? null, ctx.requiredActor.userId],
      );
      if (published.length === 0) throw new DomainException(ErrorCode.PreconditionFailed);
      const template = await this.load(tx, id);
      await this.audit.record(tx, { action: 'template.published', entityType: 'questionnaire_template', entityId: id, organisationId: owner, before: auditView(current), after: auditView(template) });
      return template;
    });
  }

  /**
   * The definition of a published version, for the assessment services (no access check: the
   * caller has checked access to the assessment that uses it). Cached: published versions never change.
   */
  async publishedDefinition(ctx: RequestContext, id: string): Promise<TemplateDefinition> {
    const cached = this.published.get(id);
    if (cached) return cached;
    const [row] = await this.db.query<{ definition: TemplateDefinition; status: string }>(ctx, `SELECT definition, status FROM questionnaire_templates WHERE id = $1`, [id]);
    if (!row) throw DomainException.notFound('The template');
    if (row.status === 'published') {
      if (this.published.size >= CACHE_LIMIT) this.published.delete(this.published.keys().next().value!);
      this.published.set(id, row.definition);
    }
    return row.definition;
  }

  private async load(ctx: RequestContext, id: string): Promise<Template> {
    const [row] = await this.db.query<TemplateRow>(
      ctx,
      `SELECT ${SUMMARY_COLUMNS}, ${templateOwnerKnownSql('t', 'o', '$2')} AS owner_known, t.definition FROM questionnaire_templates t JOIN organisations o ON o.id = t.owner_id WHERE t.id = $1`,
      [id, ctx.requiredActor.organisationId],
    );
    if (!row) throw DomainException.notFound();
    return { ...toSummary(row), definition: row.definition! };
  }

  /** 403 unless the actor's organisation owns the template; its id otherwise. */
  private assertOwner(ctx: RequestContext, template: Template): string {
    const actor = ctx.requiredActor;
    const owns = template.owner?.id === actor.organisationId && (actor.organisationKind === 'contracting_authority' || isPlatformAdmin(actor));
    if (!owns) throw new DomainException(ErrorCode.Forbidden, 'Only the owner edits a template; copy it with POST /questionnaire-templates {copyOf}');
    return actor.organisationId;
  }
}

/** Validates an untrusted definition: 400 listing every problem, by field path. */
function checked(input: unknown): TemplateDefinition {
  const { definition, errors } = validateTemplateDefinition(input);
  if (!definition || errors.length > 0) throw DomainException.validation(errors);
  return definition;
}

export function titleOf(definition: TemplateDefinition): string {
  return definition.title.en ?? definition.title[definition.languages[0]] ?? '';
}

export function questionCount(definition: TemplateDefinition): number {
  return definition.sections.reduce((n, s) => n + s.questions.length, 0);
}

export function contentHash(definition: TemplateDefinition): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

function toSummary(r: TemplateRow): TemplateSummary {
  return {
    id: r.id,
    familyId: r.family_id,
    versionNumber: r.version_number,
    status: r.status,
    owner: r.owner_known ? { id: r.owner_id, name: r.owner_name } : null,
    isReference: r.owner_kind === 'platform',
    referenceKey: r.reference_key,
    title: r.title,
    questionCount: r.question_count,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    publishedAt: r.published_at,
  };
}

function auditView(t: TemplateSummary, copyOf?: string) {
  return { familyId: t.familyId, versionNumber: t.versionNumber, status: t.status, title: t.title, questionCount: t.questionCount, version: t.version, ...(copyOf ? { copyOf } : {}) };
}
