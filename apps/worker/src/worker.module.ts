import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, Clock, CoreModule, loggerParams } from '@ddp/core';
import { IdentityModule } from '@ddp/identity';
import { MonitoringModule } from '@ddp/monitoring';
import { PenaltiesModule } from '@ddp/penalties';
import { ExcelModule } from '@ddp/excel';
import { EXECUTION_JOBS } from './jobs/execution.jobs';
import { ExportJob } from './jobs/export.job';
import { InvitationPurgeJob } from './jobs/invitation-purge.job';
import { MailDispatchJob } from './jobs/mail-dispatch.job';
import { HousekeepingJob } from './jobs/housekeeping.job';
import { RateLimitPurgeJob } from './jobs/rate-limit-purge.job';
import { JobScheduler, SCHEDULER_ENABLED } from './scheduler/job-scheduler';
import { SCHEDULED_JOBS, ScheduledJob } from './scheduler/scheduled-job';

export interface WorkerOptions {
  clock?: Clock;
  /** Run the pg-boss schedules (default). Tests turn it off and run jobs by hand. */
  scheduler?: boolean;
}

const JOBS = [InvitationPurgeJob, HousekeepingJob, RateLimitPurgeJob, ...EXECUTION_JOBS, ExportJob];

/** Scheduled and background work, reusing the domain services without HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerOptions = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [LoggerModule.forRoot(loggerParams(config)), CoreModule.forRoot(config, { clock: options.clock }), IdentityModule, MonitoringModule, PenaltiesModule, ExcelModule],
      providers: [
        MailDispatchJob,
        ...JOBS,
        { provide: SCHEDULED_JOBS, useFactory: (...jobs: ScheduledJob[]) => jobs, inject: JOBS },
        { provide: SCHEDULER_ENABLED, useValue: options.scheduler !== false },
        JobScheduler,
      ],
      exports: [MailDispatchJob, ...JOBS, JobScheduler],
    };
  }
}
