import { Logger } from '@nestjs/common';
import { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

const poolLogger = new Logger('DatabasePool');

/**
 * TypeORM options shared by the api, the worker, the CLI and the tests. The schema comes from
 * migrations only; an idle client's `error` event (a database restart) is logged, never fatal.
 */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize,
    extra: {
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
      application_name: 'due-diligence-portal',
      // Short OLTP queries: PostgreSQL's JIT compiles any plan whose estimate passes jit_above_cost,
      // which took 200 of 250 ms of a contracts page on generated data (bench:lists). Never worth it here.
      options: '-c jit=off',
    },
    poolErrorHandler: (error: Error) => poolLogger.warn(`idle connection lost: ${error.message}`),
  };
}
