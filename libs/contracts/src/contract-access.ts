import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy, Database } from '@ddp/core';
import { contractVisibleSql } from './contract-sql';

/** A contract is visible to its authority, its supplier, framework participants and assigned auditors. */
@Injectable()
export class ContractAccess implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    this.access.register('contract', async (ctx, ids) => {
      const rows = await this.db.query<{ id: string }>(ctx, `SELECT c.id FROM contracts c WHERE c.id = ANY($1::uuid[]) AND ${contractVisibleSql('c', '$2')}`, [
        ids,
        ctx.requiredActor.organisationId,
      ]);
      return new Set(rows.map((r) => r.id));
    });
  }
}
