import { cursorTimestampSql, decodeCursor, Page, toPage } from '@ddp/core';

/** One way a row becomes visible: the tables to read (`FROM` part) and the condition on them. */
export interface VisibilityBranch {
  from: string;
  where: string;
}

/**
 * A newest-first keyset list (same order and cursors as NewestFirst) whose visibility rule is an
 * OR split into branches. With one OR PostgreSQL cannot walk an index in the page's order: it reads
 * and sorts every visible row. Here each branch takes its own first `limit + 1` keys after the cursor
 * (an index in the sort order), and the union keeps the first `limit + 1` of those: the first rows of
 * a union are among the first rows of its parts, so the page is the same, for O(branches × limit).
 * Branches may overlap (UNION removes the duplicates); filters given to `where`/`filter` apply in
 * every branch, so they may name only the listed table's alias.
 */
export class NewestFirstBranches {
  readonly params: unknown[];
  private readonly conditions: string[] = [];

  /** `column`/`idColumn`: the sort key on the listed table (e.g. `a.issued_at`, `a.id`); `params`: $1, $2… */
  constructor(
    private readonly column: string,
    private readonly idColumn: string,
    params: unknown[] = [],
  ) {
    this.params = [...params];
  }

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

  /** The sort key to select with the page's rows, to the microsecond. */
  get cursorColumn(): string {
    return `${cursorTimestampSql(this.column)} AS cursor_at`;
  }

  /** The ORDER BY of the page, for the query that reads the page's rows. */
  get orderBy(): string {
    return `ORDER BY ${this.column} DESC, ${this.idColumn} DESC`;
  }

  /** A query answering the page's keys as `(id, sort_at)`: `limit + 1` of them after the cursor `after`. */
  keysSql(branches: VisibilityBranch[], after: string | undefined, limit: number): string {
    if (after) {
      const [at, id] = decodeCursor(after, ['timestamp', 'uuid'], 'after');
      this.where(`(${this.column}, ${this.idColumn}) < (${this.param(at)}::timestamptz, ${this.param(id)}::uuid)`);
    }
    const take = this.param(limit + 1);
    const parts = branches.map(
      (b) => `(SELECT ${this.idColumn} AS id, ${this.column} AS sort_at FROM ${b.from} WHERE ${[b.where, ...this.conditions].join(' AND ')} ${this.orderBy} LIMIT ${take})`,
    );
    return `SELECT id, sort_at FROM (${parts.join(' UNION ')}) branch ORDER BY sort_at DESC, id DESC LIMIT ${take}`;
  }

  page<R extends { cursor_at: string; id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(map), nextCursor: page.nextCursor };
  }
}
