import { Injectable } from '@nestjs/common';

/**
 * A simulated time shared by separate processes: simulated now = `start` + (Date.now() − `realStart`) × `rate`.
 * Every process given the same SIMULATED_CLOCK computes the same instant, whatever moment it started.
 */
export interface SimulatedTime {
  /** The simulated instant (epoch ms) at the real instant `realStart`. */
  start: number;
  /** The real instant (epoch ms) at which the simulation stands at `start`. */
  realStart: number;
  /** Simulated milliseconds per real millisecond (3600: an hour a second). */
  rate: number;
}

const SETTING = /^(\S+)@(\d{1,15})x(\d+(?:\.\d+)?)$/;

/**
 * Reads SIMULATED_CLOCK, `<simStartISO>@<realStartEpochMs>x<rate>` (e.g. `2027-03-01T00:00:00Z@1796083200000x3600`).
 * Throws a RangeError saying what is wrong.
 */
export function parseSimulatedClock(value: string): SimulatedTime {
  const match = SETTING.exec(value.trim());
  if (!match) throw new RangeError('must be <simulated start, ISO 8601>@<real start, epoch ms>x<rate>, e.g. 2027-03-01T00:00:00Z@1796083200000x3600');
  const [, iso, realStart, rate] = match;
  const start = Date.parse(iso);
  if (Number.isNaN(start) || !/^\d{4}-\d{2}-\d{2}T/.test(iso)) throw new RangeError(`the simulated start is not an ISO 8601 instant: ${iso}`);
  if (!(Number(rate) > 0)) throw new RangeError(`the rate must be above 0 (got ${rate})`);
  return { start, realStart: Number(realStart), rate: Number(rate) };
}

/** The SIMULATED_CLOCK value that makes the simulation stand at `simulatedStart` at real instant `realStart`. */
export function simulatedClockSetting(simulatedStart: Date | string, realStart: number, rate: number): string {
  const iso = typeof simulatedStart === 'string' ? new Date(simulatedStart).toISOString() : simulatedStart.toISOString();
  return `${iso}@${realStart}x${rate}`;
}

/**
 * The time the domain runs on. Deadlines, lateness, reminders and notices read the time here
 * rather than from `new Date()`, so that a test or a simulation can move through a contract's year.
 * In production nobody freezes it: it is the system time. With a simulated time (SIMULATED_CLOCK,
 * refused in production) it runs from a chosen instant at a chosen rate, the same in every process.
 */
@Injectable()
export class Clock {
  private frozenAt?: number;

  constructor(private readonly simulated?: SimulatedTime) {}

  /** The system clock, or the simulated one when `setting` (SIMULATED_CLOCK) is given. */
  static fromSetting(setting: string | undefined): Clock {
    return new Clock(setting ? parseSimulatedClock(setting) : undefined);
  }

  now(): Date {
    return new Date(this.frozenAt ?? this.running());
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

  /** The running (not frozen) time: the system's, or the simulation's. */
  private running(): number {
    const s = this.simulated;
    return s ? Math.floor(s.start + (Date.now() - s.realStart) * s.rate) : Date.now();
  }
}
