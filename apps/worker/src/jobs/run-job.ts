import { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '@ddp/core';

/**
 * Runs one pass of a scheduled job. A database outage postpones it to the next run with a
 * warning; anything else is logged as an error. Never throws: a scheduler must keep ticking.
 */
export async function runJob<T>(logger: Logger, name: string, work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) logger.warn(`database unavailable; ${name} postponed to the next run`);
    else logger.error(error);
    return fallback;
  }
}
