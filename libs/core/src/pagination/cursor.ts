import { DomainException } from '../errors/domain.exception';

/** A page of a keyset-paginated list; pass `nextCursor` back to get the next page (null: the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Opaque keyset cursor: the sort key of the last row of a page, as base64url JSON. */
export function encodeCursor(key: Array<string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const KEY_SHAPES = {
  text: (v: unknown) => typeof v === 'string' && v.length <= 1000 && !v.includes('\u0000'),
  /** A UTC instant with PostgreSQL's microseconds (see `cursorTimestampSql`). */
  timestamp: (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) && !Number.isNaN(Date.parse(v.slice(0, 23) + 'Z')),
  uuid: (v: unknown) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
};

/** Decodes a cursor whose key has the given shape; a tampered or foreign cursor is a 400 naming `field`. */
export function decodeCursor(cursor: string, shape: Array<keyof typeof KEY_SHAPES>, field = 'cursor'): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((k, i) => KEY_SHAPES[shape[i]](k))) return key as string[];
  } catch {
    // fall through
  }
  throw DomainException.validation([{ field, message: 'is not a cursor returned by this list' }]);
}

/** Splits `limit + 1` fetched rows into a page and the cursor of its last row. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => Array<string | number>): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}

/**
 * A timestamptz column as a cursor key, to the microsecond: JavaScript dates keep milliseconds only,
 * and rows written in one transaction share one `now()`, so a millisecond key would skip rows.
 */
export function cursorTimestampSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
