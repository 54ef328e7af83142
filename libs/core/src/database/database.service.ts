import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryFailedError, QueryRunner, Repository } from 'typeorm';
import { RequestContext } from '../context/request-context';

/**
 * The only way services reach the database: through the context, so that a query runs in the
 * transaction the use case opened (Vendure's `getRepository(ctx, Entity)`).
 */
@Injectable()
export class Database {
  /** Work to run at the end of a transaction, just before its COMMIT (see `beforeCommit`). */
  private readonly commitHooks = new WeakMap<EntityManager, Array<() => Promise<void>>>();

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

  /**
   * A query of the hot paths as a named prepared statement: PostgreSQL plans it once per
   * connection rather than at every call (the assessment queries take ~0.7 ms to plan). `name`
   * must always go with the same `sql`. Errors are TypeORM's `QueryFailedError`, as for `query`.
   */
  async prepared<T = Record<string, unknown>>(ctx: RequestContext, name: string, sql: string, parameters: unknown[] = []): Promise<T[]> {
    const runner = ctx.em?.queryRunner;
    if (runner && !runner.isReleased) return runPrepared<T>(runner, name, sql, parameters);
    const own = this.dataSource.createQueryRunner();
    try {
      return await runPrepared<T>(own, name, sql, parameters);
    } finally {
      await own.release();
    }
  }

  /**
   * Runs `work` in one transaction (joining the one already open on `ctx`, if any). PostgreSQL's
   * default isolation, READ COMMITTED, is not set explicitly: that would cost a round trip.
   */
  transaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (ctx.em?.queryRunner?.isTransactionActive) return work(ctx);
    return this.dataSource.transaction(async (em) => {
      const result = await work(ctx.withTransaction(em));
      const hooks = this.commitHooks.get(em);
      this.commitHooks.delete(em);
      for (const hook of hooks ?? []) await hook();
      return result;
    });
  }

  /**
   * Runs `hook` once at the end of the transaction open on `ctx`, after all its other work and
   * just before COMMIT (not at all if it rolls back). For writes that take a global lock, such
   * as appending to the audit chain, so that the lock is held for the shortest time.
   */
  beforeCommit(ctx: RequestContext, hook: () => Promise<void>): void {
    const em = this.requireTransaction(ctx);
    const hooks = this.commitHooks.get(em);
    if (hooks) hooks.push(hook);
    else this.commitHooks.set(em, [hook]);
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

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

async function runPrepared<T>(runner: QueryRunner, name: string, sql: string, parameters: unknown[]): Promise<T[]> {
  const client = (await runner.connect()) as PgClient;
  try {
    return (await client.query({ name, text: sql, values: parameters })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(sql, parameters, error as Error);
  }
}
