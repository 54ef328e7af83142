import { cursorTimestampSql, decodeCursor, Page, toPage } from './cursor';

/**
 * A list of records newest first by (timestamp, id), paged by keyset: conditions and filters,
 * then the SQL tail and the page. Contracts, assessments, findings, plans, reports and defaults
 * are all listed this way.
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

  /** `WHERE … ORDER BY … LIMIT …`: the rows after the cursor `after`, `limit` of them and one more. */
  tail(after: string | undefined, limit: number): string {
    if (after) {
      const [at, id] = decodeCursor(after, ['timestamp', 'uuid'], 'after');
      this.where(`(${this.column}, ${this.idColumn}) < (${this.param(at)}::timestamptz, ${this.param(id)}::uuid)`);
    }
    const where = this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
    return `${where} ORDER BY ${this.column} DESC, ${this.idColumn} DESC LIMIT ${this.param(limit + 1)}`;
  }

  page<R extends { cursor_at: string; id: string }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
    const page = toPage(rows, limit, (r) => [r.cursor_at, r.id]);
    return { items: page.items.map(map), nextCursor: page.nextCursor };
  }
}
