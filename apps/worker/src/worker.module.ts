import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, CoreModule, loggerParams } from '@ddp/core';
import { IdentityModule } from '@ddp/identity';
import { InvitationPurgeJob } from './jobs/invitation-purge.job';
import { MailDispatchJob } from './jobs/mail-dispatch.job';
import { HousekeepingJob } from './jobs/housekeeping.job';
import { RateLimitPurgeJob } from './jobs/rate-limit-purge.job';

/** Scheduled and background work, reusing the domain services without HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot(loggerParams(config)), CoreModule.forRoot(config), IdentityModule, ScheduleModule.forRoot()],
      providers: [MailDispatchJob, InvitationPurgeJob, HousekeepingJob, RateLimitPurgeJob],
      exports: [MailDispatchJob, InvitationPurgeJob, HousekeepingJob, RateLimitPurgeJob],
    };
  }
}
