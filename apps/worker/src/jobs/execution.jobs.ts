import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '@ddp/core';
import { DeadlinesService, ReassessmentService, ReportObligationsService } from '@ddp/monitoring';
import { DefaultsService, LedgerService, SettlementsService } from '@ddp/penalties';
import { ScheduledJob } from '../scheduler/scheduled-job';
import { runJob } from './run-job';

/**
 * The contract-execution jobs. Each is idempotent (unique keys and ON CONFLICT DO NOTHING in the
 * services), so a rerun, a retry or two workers at once have the effect of one run. They run
 * hourly: a deadline is a calendar date in its contract's time zone, and every zone's midnight
 * falls on some hour.
 */
abstract class ExecutionJob implements ScheduledJob {
  abstract readonly name: string;
  abstract readonly cron: string;
  protected readonly logger = new Logger(this.constructor.name);

  protected abstract work(ctx: RequestContext): Promise<Record<string, number>>;

  /** Runs once; answers what it did (also the test's and the CLI's way to run it). */
  run(): Promise<Record<string, number>> {
    return runJob(this.logger, this.name, async () => {
      const result = await this.work(RequestContext.system());
      if (Object.values(result).some((n) => n > 0)) this.logger.log(`${this.name}: ${JSON.stringify(result)}`);
      return result;
    }, {});
  }
}

/** Report obligations for every contract whose clause asks for reports (also regenerated on each clause change). */
@Injectable()
export class ReportObligationsJob extends ExecutionJob {
  readonly name = 'report-obligations';
  readonly cron = '3 * * * *';

  constructor(private readonly obligations: ReportObligationsService) {
    super();
  }

  protected async work(ctx: RequestContext): Promise<Record<string, number>> {
    const { contracts, created, superseded } = await this.obligations.generateAll(ctx);
    return { contracts, created, superseded };
  }
}

/** The next assessment of each contract whose reassessment interval has passed. */
@Injectable()
export class ReassessmentsJob extends ExecutionJob {
  readonly name = 'reassessments';
  readonly cron = '13 * * * *';

  constructor(private readonly reassessments: ReassessmentService) {
    super();
  }

  protected async work(ctx: RequestContext): Promise<Record<string, number>> {
    const { issued } = await this.reassessments.issueDue(ctx);
    return { issued: issued.length };
  }
}

/**
 * Missed deadlines become proposed defaults; notices whose response period ended in silence are
 * recorded as acknowledged; late deliveries are fined; accepted reports get their bonus/malus.
 */
@Injectable()
export class DefaultsJob extends ExecutionJob {
  readonly name = 'defaults-and-penalties';
  readonly cron = '23 * * * *';

  constructor(
    private readonly defaults: DefaultsService,
    private readonly ledger: LedgerService,
    private readonly settlements: SettlementsService,
  ) {
    super();
  }

  protected async work(ctx: RequestContext): Promise<Record<string, number>> {
    return {
      proposedDefaults: await this.defaults.proposeMissed(ctx),
      acknowledgedBySilence: await this.defaults.acknowledgeSilence(ctx),
      lateFines: await this.ledger.fineLateDeliveries(ctx),
      bonusMalusProposals: await this.settlements.proposeDue(ctx),
    };
  }
}

/** Reminder mails 7, 3 and 1 days before each deadline and the day after it is missed. */
@Injectable()
export class RemindersJob extends ExecutionJob {
  readonly name = 'reminders';
  readonly cron = '33 * * * *';

  constructor(private readonly deadlines: DeadlinesService) {
    super();
  }

  protected async work(ctx: RequestContext): Promise<Record<string, number>> {
    return { reminders: await this.deadlines.sendReminders(ctx) };
  }
}

export const EXECUTION_JOBS = [ReportObligationsJob, ReassessmentsJob, DefaultsJob, RemindersJob];
