import { createHash } from 'node:crypto';

/** The fields of an audit event that its hash covers, in the form they are stored. */
export interface ChainedEventFields {
  seq: string;
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string | null;
}

/** JSON with keys sorted at every depth, so that jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(fields: ChainedEventFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export interface ChainBreak {
  seq: string;
  id: string;
  reason: 'hash_mismatch' | 'prev_hash_mismatch';
}

/** Checks events given in `seq` order, continuing from `previousHash`; returns the first break. */
export function findChainBreak(
  events: Array<ChainedEventFields & { hash: string }>,
  previousHash: string | null,
): ChainBreak | undefined {
  let prev = previousHash;
  for (const event of events) {
    if (event.prevHash !== prev) return { seq: event.seq, id: event.id, reason: 'prev_hash_mismatch' };
    const { hash, ...fields } = event;
    if (eventHash(fields) !== hash) return { seq: event.seq, id: event.id, reason: 'hash_mismatch' };
    prev = hash;
  }
  return undefined;
}

const SECRET_KEY = /pass(word)?|secret|token|hash|key$/i;

/** Removes secrets from a before/after snapshot before it is written to the audit log. */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v);
    }
    return out;
  }
  return value;
}
