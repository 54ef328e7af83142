import { Injectable } from '@nestjs/common';

/**
 * The time the domain runs on. Deadlines, lateness, reminders and notices read the time here
 * rather than from `new Date()`, so that a test or a simulation can move through a contract's year.
 * In production nobody freezes it: it is the system time.
 */
@Injectable()
export class Clock {
  private frozenAt?: number;

  now(): Date {
    return new Date(this.frozenAt ?? Date.now());
  }

  /** Tests and simulations only: time stands at `instant` until moved or released. */
  freeze(instant: Date | string): void {
    const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
    if (Number.isNaN(at)) throw new RangeError(`not an instant: ${String(instant)}`);
    this.frozenAt = at;
  }

  /** Moves a frozen clock forward by whole days (or hours, for a finer step). */
  advance(by: { days?: number; hours?: number }): Date {
    if (this.frozenAt === undefined) throw new Error('only a frozen clock can be moved');
    this.frozenAt += ((by.days ?? 0) * 24 + (by.hours ?? 0)) * 3_600_000;
    return this.now();
  }

  release(): void {
    this.frozenAt = undefined;
  }
}
