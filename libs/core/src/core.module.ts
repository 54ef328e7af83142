import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy } from './access/access-policy.service';
import { AuditService } from './audit/audit.service';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { Database } from './database/database.service';
import { FileStore } from './files/file-store';
import { IdempotencyService } from './idempotency/idempotency.service';
import { MailOutbox } from './mail/mail-outbox.service';
import { PgThrottlerStorage } from './rate-limit/pg-throttler.storage';
import { Clock } from './time/clock';

export interface CoreOptions {
  /** One clock shared by the apps of a test or simulation; otherwise the system clock (or SIMULATED_CLOCK's). */
  clock?: Clock;
}

/** Configuration, the clock, the database connection, the audit trail, the mail outbox, the access policy and rate-limit counters. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    if (!config.DATABASE_URL) throw new Error('CoreModule needs DATABASE_URL (start the embedded database first)');
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.DATABASE_URL, config.DB_POOL_SIZE), autoLoadEntities: true }),
      ],
      providers: [{ provide: Clock, useValue: options.clock ?? Clock.fromSetting(config.SIMULATED_CLOCK) }, Database, AuditService, MailOutbox, AccessPolicy, PgThrottlerStorage, FileStore, IdempotencyService],
      exports: [ConfigModule, Clock, Database, AuditService, MailOutbox, AccessPolicy, PgThrottlerStorage, FileStore, IdempotencyService],
    };
  }
}
