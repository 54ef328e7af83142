import type { ClientBase } from 'pg';

/** A column of a bulk insert: its name, the PostgreSQL type of its array, and an optional SQL wrapper (`%s` is the value). */
export type Column = readonly [name: string, type: string, wrap?: string];

/** Rows of one table, gathered in memory for one chunk, written with one `INSERT … SELECT FROM unnest(…)` per batch. */
export class TableRows {
  readonly rows: unknown[][] = [];

  /** `write` replaces the INSERT (e.g. an UPDATE from the rows); it answers the rows it added. */
  constructor(
    readonly table: string,
    readonly columns: readonly Column[],
    readonly write?: (client: ClientBase, rows: unknown[][]) => Promise<number>,
  ) {}

  add(...values: unknown[]): void {
    this.rows.push(values);
  }
}

/** Rows per statement: keeps each parameter array well below the protocol limits. */
const BATCH = 20_000;

/**
 * Writes the rows column-wise as arrays: one round trip per batch, whatever the row count.
 * `ON CONFLICT DO NOTHING` is not used: a chunk is written in one transaction, so it is either
 * all there or not at all (see generate.ts).
 */
export async function writeRows(client: ClientBase, set: TableRows): Promise<number> {
  const { table, columns, rows } = set;
  if (set.write) return rows.length ? set.write(client, rows) : 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map((_, c) => batch.map((row) => row[c] ?? null));
    const selects = columns.map(([, , wrap], c) => (wrap ? wrap.replace('%s', `t.c${c}`) : `t.c${c}`));
    const sql = `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
      SELECT ${selects.join(', ')} FROM unnest(${columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(', ')}) AS t(${columns.map((_, c) => `c${c}`).join(', ')})`;
    await client.query(sql, arrays);
  }
  return rows.length;
}
