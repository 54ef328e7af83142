import { cursorTimestampSql, decodeCursor, Page, toPage } from './cursor';

/** One way a row becomes visible to its reader: the tables to read (`FROM` part) and the condition on them. */
export interface VisibilityBranch {
  from: string;
  where: string;
}

/** The ways to see a row of `from`, each leaving out the rows of the ways before it: disjoint branches (UNION ALL). */
export function disjointBranches(from: string, ways: string[]): VisibilityBranch[] {
  return ways.map((way, i) => ({ from, where: [way, ...ways.slice(0, i).map((earlier) => `NOT (${earlier})`)].join(' AND ') }));
}

/**
 * A list of records newest first by (timestamp, id), paged by keyset: conditions and filters,
 * then the SQL tail and the page. Contracts, assessments, findings, plans, reports and defaults
 * are all listed this way.
 *
 * A list whose visibility rule is an OR (the reader is the authority, or the supplier, or a
 * participant, or an auditor…) pages with `keysSql` instead of `tail`: with one OR PostgreSQL
 * cannot walk an index in the page's order, so it reads and sorts every visible row. Split into
 * branches, each takes its own first `limit + 1` keys after the cursor off an index in the sort
 * order, and the union keeps the first `limit + 1` of those: the first rows of a union are among
 * the first rows of its parts, so the page is the same, for O(branches × limit) (bench:lists).
 */
export class NewestFirst {
  readonly params: unknown[];
  private readonly conditions: string[] = [];

  /** `params`: the values the conditions given to `where` refer to as $1, $2… */
  constructor(
    private readonly column: string,
    private readonly idColumn: string,
    params: unknown[] = [],
  ) {
    this.params = [...params];
  }

  /** The placeholder of one more parameter. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** A condition on one value, written `?`; left out when there is no value. */
  filter(condition: string, value: unknown): this {
    if (value === undefined || value === null || value === '') return this;
    return this.where(condition.replaceAll('?', this.param(value)));
  }

  /** The sort key to select with the rows, to the microsecond. */
  get cursorColumn(): string {
    return `${cursorTimestampSql(this.column)} AS cursor_at`;
  }

  /** The list's order, for the query that reads the page's rows. */
  get orderBy(): string {
    return `ORDER BY ${this.column} DESC, ${this.idColumn} DESC`;
  }

  /** `WHERE … ORDER BY … LIMIT …`: the rows after the cursor `after`, `limit` of them and one more. */
  tail(after: string | undefined, limit: number): string {
    this.after(after);
    const where = this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
    return `${where} ${this.orderBy} LIMIT ${this.param(limit + 1)}`;
  }

  /**
   * A query answering the page's keys as `(id, sort_at)`: `limit + 1` of them after the cursor
   * `after`, from the union of `branches`. The conditions given to `where`/`filter` apply in every
   * branch (so they may name only the listed table's alias). Overlapping branches are merged with
   * UNION; `disjoint` ones (each leaving out the rows of the others) with the cheaper UNION ALL.
   */
  keysSql(branches: VisibilityBranch[], after: string | undefined, limit: number, options: { disjoint?: boolean } = {}): string {
    this.after(after);
    const take = this.param(limit + 1);
    const parts = branches.map(
      (b) => `(SELECT ${this.idColumn} AS id, ${this.column} AS sort_at FROM ${b.from} WHERE ${[b.where, ...this.conditions].join(' AND ')} ${this.orderBy} LIMIT ${take})`,
    );
    return `SELECT id, sort_at FROM (${parts.join(options.disjoint ? ' UNION ALL ' : ' UNION ')}) branch ORDER BY sort_at DESC, id DESC LIMIT ${take}`;
  }

  /** The keyset condition of the rows after the cursor `after` (a 400 naming `after` for a foreign one). */
  private after(after: string | undefined): void {
    if (!after) return;
    const [at, id] = decodeCursor(after, ['timestamp', 'uuid'], 'after');
    this.where(`(${this.column}, ${this.idColumn}) < (${this.param(at)}::timestamptz, ${this.param(id)}::uuid)`);
  }

  page<R extends { cursor_at: string; id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(map), nextCursor: page.nextCursor };
  }
}
