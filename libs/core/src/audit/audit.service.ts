import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isPlatformAdmin } from '../auth/roles';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import { ChainBreak, ChainedEventFields, eventHash, findChainBreak, redact } from './audit-chain';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The organisation that owns the record; its members (and the platform admin) see the event. */
  organisationId: string | null;
  before?: unknown;
  after?: unknown;
}

/** An event as the API shows it: the chained fields without the link. */
export type AuditEventView = Omit<ChainedEventFields, 'prevHash'>;

export interface AuditPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

export interface AuditVerification {
  checked: number;
  firstBreak?: ChainBreak;
  /** The last event: record it outside the database; a later verification given it detects truncation or a rewrite. */
  head?: { seq: string; hash: string };
  /** Set when an expected head was given and the chain no longer holds it. */
  headMismatch?: string;
}

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
}

/** Takes the chain lock ($1), then reads the head and $2 sequence numbers: one round trip (see the AuditAppend migration). */
const AUDIT_RESERVE_SQL = `SELECT head, seq FROM audit_chain_reserve($1, $2)`;

/** One lock for the whole chain: events are appended one at a time, in commit order. */
const CHAIN_LOCK = 7_340_001;

/**
 * The append-only, hash-chained audit trail. `record` must run inside the transaction of the
 * change it describes, so that an event exists exactly when its change committed.
 */
/** An event recorded in a transaction, waiting for its place in the chain. */
type PendingEvent = Omit<ChainedEventFields, 'seq' | 'id' | 'occurredAt' | 'prevHash'>;

@Injectable()
export class AuditService {
  private readonly pending = new WeakMap<EntityManager, PendingEvent[]>();

  constructor(private readonly db: Database) {}

  /**
   * Records an event of the transaction open on `ctx`. Events are appended to the chain at the end
   * of the transaction, just before its COMMIT, in the order recorded: the chain's lock is then held
   * only for the append and the commit, not for the rest of the work. `before` and `after` are
   * copied (and secrets redacted) now.
   */
  async record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const em = this.db.requireTransaction(ctx);
    const event: PendingEvent = {
      actorUserId: ctx.actor?.userId ?? null,
      actorOrganisationId: ctx.actor?.organisationId ?? null,
      organisationId: entry.organisationId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: redact(entry.before),
      after: redact(entry.after),
      requestId: ctx.requestId ?? null,
    };
    const pending = this.pending.get(em);
    if (pending) return void pending.push(event);
    this.pending.set(em, [event]);
    this.db.beforeCommit(ctx, () => this.append(em));
  }

  /** Appends the transaction's events under the chain lock: one query for the head and the sequence numbers, one insert. */
  private async append(em: EntityManager): Promise<void> {
    const events = this.pending.get(em) ?? [];
    this.pending.delete(em);
    if (events.length === 0) return;
    const rows = await this.db.prepared<{ head: string | null; seq: string }>(RequestContext.system().withTransaction(em), 'audit-reserve', AUDIT_RESERVE_SQL, [CHAIN_LOCK, events.length]);
    rows.sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
    const occurredAt = new Date().toISOString();
    let prevHash = rows[0].head;
    const values: unknown[] = [];
    const tuples: string[] = [];
    events.forEach((event, i) => {
      const fields: ChainedEventFields = { seq: rows[i].seq, id: randomUUID(), occurredAt, ...event, prevHash };
      const hash = eventHash(fields);
      const n = values.length;
      tuples.push(`(${Array.from({ length: 14 }, (_, k) => `$${n + k + 1}`).join(', ')})`);
      values.push(
        fields.seq, fields.id, fields.occurredAt, fields.actorUserId, fields.actorOrganisationId, fields.organisationId,
        fields.action, fields.entityType, fields.entityId, jsonOrNull(fields.before), jsonOrNull(fields.after),
        fields.requestId, fields.prevHash, hash,
      );
      prevHash = hash;
    });
    await em.query(
      `INSERT INTO audit_events (seq, id, occurred_at, actor_user_id, actor_organisation_id, organisation_id,
         action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** Events about the actor's organisation's records (the platform admin: all), newest first, by keyset. */
  async list(ctx: RequestContext, options: { before?: string; limit: number; entityType?: string; entityId?: string }): Promise<AuditPage> {
    const actor = ctx.requiredActor;
    const params: unknown[] = [options.limit + 1];
    const where: string[] = [];
    if (!isPlatformAdmin(actor)) {
      params.push(actor.organisationId);
      where.push(`organisation_id = $${params.length}`);
    }
    if (options.entityType) {
      params.push(options.entityType);
      where.push(`entity_type = $${params.length}`);
    }
    if (options.entityId) {
      params.push(options.entityId);
      where.push(`entity_id = $${params.length}`);
    }
    if (options.before) {
      params.push(options.before);
      where.push(`seq < $${params.length}`);
    }
    const rows = await this.db.query<AuditRow>(
      ctx,
      `SELECT * FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $1`,
      params,
    );
    const page = rows.slice(0, options.limit);
    return {
      items: page.map(toView),
      nextCursor: rows.length > options.limit ? page[page.length - 1].seq : null,
    };
  }

  /**
   * Recomputes the whole chain in batches and names the first event that does not match. Given
   * a head recorded earlier (outside the database), also checks the chain still holds it: a
   * trigger-less owner could otherwise cut the tail or rewrite every hash consistently.
   */
  async verify(ctx: RequestContext, batchSize = 1000, expectedHead?: { seq: string; hash: string }): Promise<AuditVerification> {
    let previousHash: string | null = null;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const rows = await this.db.query<AuditRow>(ctx, 'SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2', [afterSeq, batchSize]);
      if (rows.length === 0) {
        const head = checked > 0 ? { seq: afterSeq, hash: previousHash! } : undefined;
        return { checked, head, headMismatch: expectedHead ? await this.headMismatch(ctx, expectedHead) : undefined };
      }
      const events = rows.map((r) => ({ ...toFields(r), hash: r.hash }));
      const firstBreak = findChainBreak(events, previousHash);
      if (firstBreak) return { checked: checked + events.findIndex((e) => e.seq === firstBreak.seq), firstBreak };
      checked += rows.length;
      previousHash = rows[rows.length - 1].hash;
      afterSeq = rows[rows.length - 1].seq;
    }
  }

  private async headMismatch(ctx: RequestContext, expected: { seq: string; hash: string }): Promise<string | undefined> {
    const [row] = await this.db.query<{ hash: string }>(ctx, 'SELECT hash FROM audit_events WHERE seq = $1', [expected.seq]);
    if (!row) return `event ${expected.seq} recorded as the head is gone (the chain was cut)`;
    if (row.hash !== expected.hash) return `event ${expected.seq} has another hash than recorded (the chain was rewritten)`;
    return undefined;
  }
}

function jsonOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toFields(row: AuditRow): ChainedEventFields {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorOrganisationId: row.actor_organisation_id,
    organisationId: row.organisation_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    prevHash: row.prev_hash,
  };
}

function toView(row: AuditRow): AuditEventView {
  const { prevHash: _prevHash, ...view } = toFields(row);
  return view;
}
