import { randomFor } from './random';

/** What to generate: sizes, the seed, rows per chunk, and the day the data is "as of". */
export interface GenerateOptions {
  authorities: number;
  suppliers: number;
  contracts: number;
  assessments: number;
  seed: number;
  /** Primary rows (organisations, contracts, assessments) per transaction. */
  chunk: number;
  /**
   * The generated data's "today" (YYYY-MM-DD). Defaults to the current date, or on a resumed run
   * to the date the interrupted run used (read back from the first authority), so a resumed run
   * writes the same dates.
   */
  today?: string;
}

export const DEFAULT_OPTIONS: GenerateOptions = { authorities: 200, suppliers: 20_000, contracts: 50_000, assessments: 100_000, seed: 1, chunk: 2_000 };

/** The derived sizes and the index arithmetic every writer shares (no reading back). */
export class Plan {
  readonly auditBodies: number;

  constructor(readonly options: GenerateOptions, readonly today: string) {
    this.auditBodies = Math.max(1, Math.ceil(options.authorities / 20));
  }

  get seed(): number {
    return this.options.seed;
  }

  /** Skewed: a few authorities (central purchasing bodies, big cities) hold many contracts. */
  authorityOfContract(c: number): number {
    const u = randomFor(this.seed, 'contract-authority', c).next();
    return Math.min(this.options.authorities - 1, Math.floor(this.options.authorities * u * u));
  }

  /** Every supplier holds at least one contract (when there are enough); big ones hold more. */
  supplierOfContract(c: number): number {
    const { suppliers } = this.options;
    if (c < suppliers) return c;
    const u = randomFor(this.seed, 'contract-supplier', c).next();
    return Math.min(suppliers - 1, Math.floor(suppliers * Math.pow(u, 1.6)));
  }

  /** Assessment i belongs to contract i mod C, as its cycle floor(i / C). */
  contractOfAssessment(i: number): { contract: number; cycle: number; cycles: number } {
    const { contracts, assessments } = this.options;
    const contract = i % contracts;
    const cycles = Math.floor(assessments / contracts) + (contract < assessments % contracts ? 1 : 0);
    return { contract, cycle: Math.floor(i / contracts), cycles };
  }

  chunks(total: number): { from: number; to: number }[] {
    const out: { from: number; to: number }[] = [];
    for (let from = 0; from < total; from += this.options.chunk) out.push({ from, to: Math.min(total, from + this.options.chunk) });
    return out;
  }
}

/** Calendar arithmetic on YYYY-MM-DD strings in UTC (dates only; no time zone shifts). */
export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A timestamp on `date` at `hour`:`minute` UTC, ISO text. */
export function at(date: string, hour = 9, minute = 0): string {
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
