import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditService, Database, RequestContext } from '@ddp/core';
import { BootstrapService } from '@ddp/identity';
import { validateTemplateDefinition } from './definition/template-validation';
import { REFERENCE_TEMPLATES } from './reference';
import { contentHash, questionCount, titleOf } from './templates.service';

const SEED_LOCK = 7_340_010;

/**
 * Keeps the platform's reference templates published: at start, each one whose content differs
 * from its latest published version (or that is missing) is published as the family's next
 * version. Idempotent and serialised, so several processes may start at once.
 */
@Injectable()
export class ReferenceTemplatesSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReferenceTemplatesSeeder.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly bootstrap: BootstrapService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed(RequestContext.system());
  }

  async seed(ctx: RequestContext): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
      let published = 0;
      for (const { key, definition: raw } of REFERENCE_TEMPLATES) {
        const { definition, errors } = validateTemplateDefinition(raw);
        if (!definition) throw new Error(`Reference template ${key} is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
        const hash = contentHash(definition);
        // The last version this seeder published (platform admins may publish their own versions of the family too).
        const [latest] = await this.db.query<{ family_id: string; content_hash: string; next_number: number }>(
          tx,
          `SELECT t.family_id, t.content_hash, (SELECT max(version_number) + 1 FROM questionnaire_templates f WHERE f.family_id = t.family_id) AS next_number
           FROM questionnaire_templates t WHERE t.reference_key = $1 AND t.status = 'published' AND t.created_by IS NULL ORDER BY t.version_number DESC LIMIT 1`,
          [key],
        );
        if (latest?.content_hash === hash) continue;
        const platform = await this.bootstrap.ensurePlatformOrganisation(tx);
        const [{ id }] = await this.db.query<{ id: string }>(
          tx,
          `INSERT INTO questionnaire_templates (family_id, version_number, owner_id, status, title, definition, question_count, content_hash, reference_key, published_at)
           VALUES (COALESCE($1, gen_random_uuid()), $2, $3, 'published', $4, $5, $6, $7, $8, now()) RETURNING id`,
          [latest?.family_id ?? null, latest?.next_number ?? 1, platform.id, titleOf(definition), JSON.stringify(definition), questionCount(definition), hash, key],
        );
        await this.audit.record(tx, { action: 'template.published', entityType: 'questionnaire_template', entityId: id, organisationId: platform.id, after: { referenceKey: key, versionNumber: latest?.next_number ?? 1 } });
        this.logger.log(`published reference template ${key} version ${latest?.next_number ?? 1}`);
        published++;
      }
      return published;
    });
  }
}
