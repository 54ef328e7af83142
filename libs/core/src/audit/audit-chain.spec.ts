import fc from 'fast-check';
import { canonicalJson, ChainedEventFields, eventHash, findChainBreak, redact } from './audit-chain';

const json = fc.jsonValue();

const eventFields = fc.record({
  seq: fc.bigInt({ min: 1n, max: 2n ** 40n }).map(String),
  id: fc.uuid(),
  occurredAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorOrganisationId: fc.option(fc.uuid(), { nil: null }),
  organisationId: fc.option(fc.uuid(), { nil: null }),
  action: fc.string({ minLength: 1, maxLength: 40 }),
  entityType: fc.string({ minLength: 1, maxLength: 20 }),
  entityId: fc.option(fc.string({ maxLength: 36 }), { nil: null }),
  before: json,
  after: json,
  requestId: fc.option(fc.string({ maxLength: 40 }), { nil: null }),
});

function chain(events: Array<Omit<ChainedEventFields, 'prevHash'>>): Array<ChainedEventFields & { hash: string }> {
  let prev: string | null = null;
  return events.map((e) => {
    const fields = { ...e, prevHash: prev };
    const hash = eventHash(fields);
    prev = hash;
    return { ...fields, hash };
  });
}

describe('canonicalJson', () => {
  it('does not depend on key order at any depth', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(object));
      }),
    );
  });

  it('round-trips through JSON.parse (what jsonb gives back)', () => {
    fc.assert(fc.property(json, (value) => expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value))));
  });
});

describe('findChainBreak', () => {
  it('accepts every untouched chain', () => {
    fc.assert(fc.property(fc.array(eventFields, { maxLength: 20 }), (events) => expect(findChainBreak(chain(events), null)).toBeUndefined()));
  });

  it('names the first edited event, whatever field is changed', () => {
    fc.assert(
      fc.property(
        fc.array(eventFields, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        fc.constantFrom<keyof ChainedEventFields>('action', 'entityId', 'after', 'before', 'actorUserId', 'occurredAt', 'organisationId'),
        (events, pick, field) => {
          const chained = chain(events);
          const index = pick % chained.length;
          const original = chained[index][field];
          const tampered = field === 'occurredAt' ? new Date(0).toISOString() : { tampered: original ?? 1 };
          (chained[index] as unknown as Record<string, unknown>)[field] = tampered;
          expect(findChainBreak(chained, null)).toEqual({ seq: chained[index].seq, id: chained[index].id, reason: 'hash_mismatch' });
        },
      ),
    );
  });

  it('notices a removed event through the next event’s link', () => {
    fc.assert(
      fc.property(fc.array(eventFields, { minLength: 2, maxLength: 20 }), fc.nat(), (events, pick) => {
        const chained = chain(events);
        const removed = pick % (chained.length - 1);
        const next = chained[removed + 1];
        chained.splice(removed, 1);
        expect(findChainBreak(chained, null)).toEqual({ seq: next.seq, id: next.id, reason: 'prev_hash_mismatch' });
      }),
    );
  });
});

describe('redact', () => {
  it('hides secrets at any depth and keeps the rest', () => {
    expect(redact({ email: 'a@b.test', passwordHash: '$argon2id$…', nested: { refreshToken: 'abc', role: 'admin' }, list: [{ secret: 's' }] })).toEqual({
      email: 'a@b.test',
      passwordHash: '[redacted]',
      nested: { refreshToken: '[redacted]', role: 'admin' },
      list: [{ secret: '[redacted]' }],
    });
  });

  it('turns dates into ISO strings and drops undefined', () => {
    expect(redact({ at: new Date('2026-01-02T03:04:05.000Z'), gone: undefined })).toEqual({ at: '2026-01-02T03:04:05.000Z' });
  });
});
