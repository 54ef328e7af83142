import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import { DomainException } from '../errors/domain.exception';
import { ErrorCode } from '../errors/error-code';

export interface IdempotentRequest {
  /** The client's Idempotency-Key header; undefined: the work simply runs. */
  key: string | undefined;
  /** What the key is used for, e.g. `assessment.submit`. */
  scope: string;
  /** Everything that makes the request what it is (target, body, preconditions). */
  request: unknown;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Idempotency keys (draft-ietf-httpapi-idempotency-key-header): a replay of a successful request
 * with the same key returns the first response; the same key with another request is a 422.
 * Keys are per user; requests with one key are serialised by an advisory lock, and the response
 * is stored in the transaction of the work, so a key exists exactly when its work committed.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: Database) {}

  async run<T>(ctx: RequestContext, request: IdempotentRequest, work: (tx: RequestContext) => Promise<T>): Promise<T> {
    if (request.key === undefined) return this.db.transaction(ctx, work);
    if (!KEY.test(request.key)) throw DomainException.validation([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
    const userId = ctx.requiredActor.userId;
    const hash = createHash('sha256').update(JSON.stringify([request.scope, request.request])).digest('hex');
    return this.db.transaction(ctx, async (tx) => {
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`idempotency:${userId}:${request.key}`]);
      const [stored] = await this.db.query<{ request_hash: string; body: T }>(tx, 'SELECT request_hash, body FROM idempotency_keys WHERE user_id = $1 AND key = $2', [userId, request.key]);
      if (stored) {
        if (stored.request_hash !== hash) throw new DomainException(ErrorCode.IdempotencyKeyReused, 'This Idempotency-Key was used for another request; use a new key', [{ field: 'Idempotency-Key', message: 'Idempotency-Key was used with a different request' }]);
        return stored.body;
      }
      const result = await work(tx);
      await this.db.query(tx, 'INSERT INTO idempotency_keys (user_id, key, scope, request_hash, status, body) VALUES ($1, $2, $3, $4, 200, $5)', [
        userId,
        request.key,
        request.scope,
        hash,
        JSON.stringify(result),
      ]);
      // The first answer and its replays are the same JSON, byte for byte (a `json` column keeps key order).
      return JSON.parse(JSON.stringify(result)) as T;
    });
  }

  /** Keys are kept for a day: long enough for any client retry. */
  async purge(ctx: RequestContext, olderThanHours = 24): Promise<number> {
    const rows = await this.db.query(ctx, `WITH d AS (DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) RETURNING 1) SELECT count(*) FROM d`, [olderThanHours]);
    return Number((rows[0] as { count: string }).count);
  }
}
