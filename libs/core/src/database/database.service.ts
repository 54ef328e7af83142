import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { RequestContext } from '../context/request-context';

/**
 * The only way services reach the database: through the context, so that a query runs in the
 * transaction the use case opened (Vendure's `getRepository(ctx, Entity)`).
 */
@Injectable()
export class Database {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  manager(ctx: RequestContext): EntityManager {
    return ctx.em ?? this.dataSource.manager;
  }

  repo<T extends ObjectLiteral>(ctx: RequestContext, entity: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(entity);
  }

  query<T = Record<string, unknown>>(ctx: RequestContext, sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.manager(ctx).query(sql, parameters) as Promise<T[]>;
  }

  /** Runs `work` in one transaction (joining the one already open on `ctx`, if any). */
  transaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.em?.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction('READ COMMITTED', (em) => work(ctx.withTransaction(em)));
  }

  /** Asserts that a transaction is open: for writes that must commit together (audit, outbox). */
  requireTransaction(ctx: RequestContext): EntityManager {
    if (!ctx.em?.queryRunner?.isTransactionActive) throw new Error('This write must run inside Database.transaction()');
    return ctx.em;
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
