import { Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';

interface CounterRow {
  hits: number;
  window_ms: string;
  block_ms: string | null;
}

/**
 * Rate-limit counters in PostgreSQL, so that every api process shares one budget per key
 * (in-memory counters would give an attacker N times the attempts with N processes).
 * A fixed window of `ttl`; past `limit` hits the key is blocked for `blockDuration`.
 * One atomic upsert per hit.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly db: Database) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [row] = await this.db.query<CounterRow>(
      RequestContext.system(),
      `WITH hit AS (
         INSERT INTO rate_limits AS r (key, hits, window_ends_at, blocked_until)
         VALUES ($1, 1, now() + make_interval(secs => $2 / 1000.0), CASE WHEN 1 > $3 THEN now() + make_interval(secs => $4 / 1000.0) END)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN r.blocked_until > now() THEN r.hits
                       WHEN r.window_ends_at <= now() THEN 1
                       ELSE r.hits + 1 END,
           window_ends_at = CASE WHEN r.blocked_until > now() OR r.window_ends_at > now() THEN r.window_ends_at
                                 ELSE now() + make_interval(secs => $2 / 1000.0) END,
           blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                                WHEN r.window_ends_at > now() AND r.hits + 1 > $3 THEN now() + make_interval(secs => $4 / 1000.0)
                                ELSE NULL END
         RETURNING hits, window_ends_at, blocked_until)
       SELECT hits,
              (extract(epoch FROM window_ends_at - now()) * 1000)::bigint::text AS window_ms,
              (extract(epoch FROM blocked_until - now()) * 1000)::bigint::text AS block_ms
         FROM hit`,
      [`${throttlerName}:${key}`, ttl, limit, blockDuration],
    );
    const blockMs = row.block_ms === null ? 0 : Number(row.block_ms);
    const isBlocked = blockMs > 0;
    return {
      totalHits: isBlocked ? Math.max(row.hits, limit + 1) : row.hits,
      timeToExpire: Math.max(0, Math.ceil(Number(row.window_ms) / 1000)),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.max(1, Math.ceil(blockMs / 1000)) : 0,
    };
  }

  /** Deletes counters whose window and block are over; the worker calls it. */
  async purgeExpired(ctx: RequestContext): Promise<number> {
    const rows = await this.db.query<{ n: string }>(
      ctx,
      `WITH gone AS (DELETE FROM rate_limits WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now()) RETURNING 1)
       SELECT count(*)::text AS n FROM gone`,
    );
    return Number(rows[0].n);
  }
}
