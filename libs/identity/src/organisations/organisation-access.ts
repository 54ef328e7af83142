import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy, Database, isPlatformAdmin } from '@ddp/core';

/** Registers who may use an organisation: its own members, and the platform admin. */
@Injectable()
export class OrganisationAccess implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    this.access.register('organisation', async (ctx, ids) => {
      const actor = ctx.requiredActor;
      const rows = await this.db.query<{ id: string }>(
        ctx,
        `SELECT id FROM organisations WHERE id = ANY($1::uuid[]) AND ($2::boolean OR id = $3)`,
        [ids, isPlatformAdmin(actor), actor.organisationId],
      );
      return new Set(rows.map((r) => r.id));
    });
  }
}
