import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import {
  apiAs,
  belgianEnterpriseNumber,
  comparableProblem,
  createActor,
  createContract,
  createTestApp,
  deliveredMails,
  ensureRegistration,
  publishedTemplate,
  TestActor,
  TestApp,
} from '@ddp/testing';

/** Strong enough for an invitation: 12+ characters, not common, not the email. */
const GOOD_PASSWORD = 'Lente-in-Gent-2026';
const INVITATION_LINK = /http:\/\/portal\.test\/invitations\/accept\?token=([^\s"<>]+)/;
/** The keys of a contract in a list (a summary: no participants, auditors, sites or labels). */
const CONTRACT_KEYS = [
  'authority',
  'createdAt',
  'currency',
  'endDate',
  'id',
  'isFramework',
  'lots',
  'reference',
  'role',
  'startDate',
  'status',
  'supplier',
  'timeZone',
  'title',
  'updatedAt',
  'valueCents',
  'version',
];
const DETAIL_KEYS = [...CONTRACT_KEYS, 'auditors', 'labels', 'participants', 'sites'].sort();

const unique = (): string => randomBytes(4).toString('hex');

type Body = Record<string, unknown>;

describe('contracts', () => {
  let t: TestApp;
  /** An authority admin (buyer) and the supplier of most contracts below. */
  let buyer: TestActor;
  let supplier: TestActor;
  /** Parties with no part in the contracts of `buyer`. */
  let otherBuyer: TestActor;
  let otherSupplier: TestActor;
  let platform: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    otherBuyer = await createActor(t, 'contracting_authority', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    platform = await createActor(t, 'platform', 'admin');
  });
  afterAll(() => t.close());

  const api = apiAs(() => t);

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.sql.query(sql, params)).rows[0].count);
  const contractCount = () => count('SELECT count(*) FROM contracts');
  const organisationCount = () => count('SELECT count(*) FROM organisations');
  const outboxCount = (email: string) => count('SELECT count(*) FROM mail_outbox WHERE to_address = $1', [email.toLowerCase()]);
  const invitationCount = (email: string) => count('SELECT count(*) FROM invitations WHERE email = $1', [email.toLowerCase()]);

  /** A Belgian enterprise number no organisation holds yet. */
  async function freeRegistration(): Promise<string> {
    for (;;) {
      const number = belgianEnterpriseNumber();
      if ((await count(`SELECT count(*) FROM organisations WHERE country = 'BE' AND registration_number = $1`, [number])) === 0) return number;
    }
  }

  /** A valid create body naming `supplier` by its registration (matched, not created). */
  async function bodyFor(named: TestActor, overrides: Body = {}): Promise<Body> {
    const registrationNumber = await ensureRegistration(t, named);
    return {
      reference: `REF-${unique()}`,
      title: 'Laptops and docking stations 2027-2030',
      supplier: { name: named.organisation.name, country: 'BE', registrationNumber, contactEmail: `contact.${unique()}@supplier.test` },
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      valueCents: 125_000_000,
      currency: 'EUR',
      ...overrides,
    };
  }

  /** Asserts an RFC 9457 problem with `status`, `code` and (when given) exactly these fields in `errors`. */
  function expectProblem(res: request.Response, status: number, code: string, fields?: string[]): void {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.status).toBe(status);
    if (fields) expect([...new Set((res.body.errors ?? []).map((e: { field: string }) => e.field))].sort()).toEqual([...fields].sort());
  }

  describe('POST /contracts', () => {
    it('registers a contract with a supplier new to the platform: creates it and invites its contact, who then sees the contract', async () => {
      const registrationNumber = await freeRegistration();
      const contactEmail = `compliance.${unique()}@laptops.example`;
      const name = `Laptop Solutions ${unique()} NV`;
      const organisationsBefore = await organisationCount();

      const res = await api(buyer)
        .post('/contracts', {
          reference: `GENT-ICT-${unique()}`,
          title: 'Laptops and docking stations 2027-2030',
          supplier: { name, country: 'BE', registrationNumber: registrationNumber.replace(/\./g, ''), contactEmail, preferredLanguage: 'nl' },
          lots: [{ name: 'Lot 1 – Laptops', description: 'Standard laptops' }, { name: 'Lot 2 – Docking stations' }],
          startDate: '2027-01-01',
          endDate: '2030-12-31',
          valueCents: 125_000_000,
          currency: 'EUR',
        })
        .expect(201);

      expect(Object.keys(res.body).sort()).toEqual([...DETAIL_KEYS, 'supplierOnboarding'].sort());
      expect(res.body).toMatchObject({
        supplierOnboarding: 'invited',
        authority: { id: buyer.organisation.id, name: buyer.organisation.name },
        supplier: { id: expect.any(String), name },
        isFramework: false,
        lots: [
          { name: 'Lot 1 – Laptops', description: 'Standard laptops' },
          { name: 'Lot 2 – Docking stations', description: null },
        ],
        startDate: '2027-01-01',
        endDate: '2030-12-31',
        valueCents: 125_000_000,
        currency: 'EUR',
        timeZone: 'Europe/Brussels',
        status: 'active',
        version: 1,
        role: 'authority',
        participants: [],
        auditors: [],
        sites: [],
        labels: [],
      });
      expect(res.headers.etag).toBe('"1"');
      expect(await organisationCount()).toBe(organisationsBefore + 1);

      // The supplier organisation exists, registered under the normalised number.
      const { rows } = await t.sql.query('SELECT id, name, kind, country, registration_number, preferred_language FROM organisations WHERE id = $1', [res.body.supplier.id]);
      expect(rows).toEqual([{ id: res.body.supplier.id, name, kind: 'supplier', country: 'BE', registration_number: registrationNumber, preferred_language: 'nl' }]);
      expect(await invitationCount(contactEmail)).toBe(1);

      // The contact is invited by mail, and accepting makes them the supplier's admin.
      const mails = await deliveredMails(t, contactEmail, INVITATION_LINK);
      expect(mails).toHaveLength(1);
      const accepted = await request(t.http).post('/api/v1/invitations/accept').send({ token: mails[0].token, name: 'Els Peeters', password: GOOD_PASSWORD }).expect(201);
      expect(accepted.body.user).toMatchObject({ email: contactEmail, role: 'admin' });

      const login = await request(t.http).post('/api/v1/auth/login').send({ email: contactEmail, password: GOOD_PASSWORD }).expect(200);
      const auth = `Bearer ${login.body.accessToken}`;
      const me = await request(t.http).get('/api/v1/me').set('authorization', auth).expect(200);
      expect(me.body.organisation).toEqual({ id: res.body.supplier.id, name, kind: 'supplier', preferredLanguage: 'nl' });

      const list = await request(t.http).get('/api/v1/contracts').set('authorization', auth).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id: res.body.id, role: 'supplier', authority: { id: buyer.organisation.id } });
      const detail = await request(t.http).get(`/api/v1/contracts/${res.body.id}`).set('authorization', auth).expect(200);
      expect(detail.body).toMatchObject({ id: res.body.id, role: 'supplier' });
    });

    it('matches a supplier already on the platform by its registration number (any notation): existing, no organisation, no invitation', async () => {
      const registration = await ensureRegistration(t, supplier);
      const contactEmail = `contact.${unique()}@supplier.test`;
      const organisationsBefore = await organisationCount();

      const res = await api(buyer)
        .post('/contracts', await bodyFor(supplier, { supplier: { name: 'Another name for it', country: 'BE', registrationNumber: `BE ${registration.replace(/\./g, '')}`, contactEmail } }))
        .expect(201);

      expect(res.body.supplierOnboarding).toBe('existing');
      expect(res.body.supplier).toEqual({ id: supplier.organisation.id, name: supplier.organisation.name });
      expect(await organisationCount()).toBe(organisationsBefore);
      expect(await invitationCount(contactEmail)).toBe(0);
      expect(await outboxCount(contactEmail)).toBe(0);

      const seen = await api(supplier).get(`/contracts/${res.body.id}`).expect(200);
      expect(seen.body.role).toBe('supplier');
    });

    it('names a supplier of one of its contracts by supplierId (existing); the id of a supplier it has no contract with is a 400 naming supplierId', async () => {
      await createContract(t, buyer, supplier);
      const ok = await api(buyer).post('/contracts', await bodyFor(supplier, { supplier: undefined, supplierId: supplier.organisation.id })).expect(201);
      expect(ok.body).toMatchObject({ supplierOnboarding: 'existing', supplier: { id: supplier.organisation.id } });

      const before = await contractCount();
      const stranger = await api(buyer).post('/contracts', await bodyFor(supplier, { supplier: undefined, supplierId: otherSupplier.organisation.id })).expect(400);
      expectProblem(stranger, 400, 'validation_failed', ['supplierId']);
      const missing = await api(buyer).post('/contracts', await bodyFor(supplier, { supplier: undefined, supplierId: randomUUID() })).expect(400);
      expectProblem(missing, 400, 'validation_failed', ['supplierId']);
      // Another authority's supplier, not its own: answered like a missing one (no detection).
      expect(comparableProblem(stranger)).toBe(comparableProblem(missing));
      expect(await contractCount()).toBe(before);
    });

    it('refuses a registration number of an organisation that is not a supplier (400 supplier.registrationNumber), storing nothing', async () => {
      const registration = await ensureRegistration(t, otherBuyer);
      const contactEmail = `contact.${unique()}@supplier.test`;
      const [contractsBefore, organisationsBefore] = [await contractCount(), await organisationCount()];

      const res = await api(buyer).post('/contracts', await bodyFor(supplier, { supplier: { name: 'Not a supplier', country: 'BE', registrationNumber: registration, contactEmail } })).expect(400);

      expectProblem(res, 400, 'validation_failed', ['supplier.registrationNumber']);
      expect(await contractCount()).toBe(contractsBefore);
      expect(await organisationCount()).toBe(organisationsBefore);
      expect(await invitationCount(contactEmail)).toBe(0);
      expect(await outboxCount(contactEmail)).toBe(0);
    });

    it('refuses a Belgian registration number with wrong check digits (400 supplier.registrationNumber)', async () => {
      const valid = await freeRegistration();
      const wrong = `${valid.slice(0, -2)}${String((Number(valid.slice(-2)) + 1) % 100).padStart(2, '0')}`;
      const organisationsBefore = await organisationCount();
      const res = await api(buyer)
        .post('/contracts', await bodyFor(supplier, { supplier: { name: 'Typo NV', country: 'BE', registrationNumber: wrong, contactEmail: `c.${unique()}@x.test` } }))
        .expect(400);
      expectProblem(res, 400, 'validation_failed', ['supplier.registrationNumber']);
      expect(await organisationCount()).toBe(organisationsBefore);
    });

    it('refuses an array or a scalar where an object is expected (400 naming it, not a server error)', async () => {
      const organisationsBefore = await organisationCount();
      for (const [patch, fields] of [
        [{ supplier: [] }, ['supplier']],
        [{ supplier: 'Typo NV' }, ['supplier']],
        [{ lots: [[]] }, ['lots']],
        [{ lots: ['Lot 1'] }, ['lots', 'lots.0']],
      ] as const) {
        expectProblem(await api(buyer).post('/contracts', await bodyFor(supplier, patch)).expect(400), 400, 'validation_failed', [...fields]);
      }
      expect(await organisationCount()).toBe(organisationsBefore);
    });

    it('answers 409 contract_reference_taken for a reference the authority used already; another authority may use it', async () => {
      const reference = `GENT-ICT-${unique()}`;
      await api(buyer).post('/contracts', await bodyFor(supplier, { reference })).expect(201);
      const before = await contractCount();

      const again = await api(buyer).post('/contracts', await bodyFor(supplier, { reference, title: 'Another title' })).expect(409);
      expectProblem(again, 409, 'contract_reference_taken', ['reference']);
      // Surrounding blanks are trimmed: still the same reference.
      const padded = await api(buyer).post('/contracts', await bodyFor(supplier, { reference: `  ${reference} ` })).expect(409);
      expect(padded.body.code).toBe('contract_reference_taken');
      expect(await contractCount()).toBe(before);
      expect(await count('SELECT count(*) FROM contracts WHERE authority_id = $1 AND reference = $2', [buyer.organisation.id, reference])).toBe(1);

      const elsewhere = await api(otherBuyer).post('/contracts', await bodyFor(supplier, { reference })).expect(201);
      expect(elsewhere.body).toMatchObject({ reference, authority: { id: otherBuyer.organisation.id } });
    });

    describe('refuses bad input with a 400 naming the field and stores nothing', () => {
      const cases: Array<[string, Body, string[]]> = [
        ['endDate before startDate', { startDate: '2027-01-01', endDate: '2026-12-31' }, ['endDate']],
        ['a startDate that is no date (30 February)', { startDate: '2026-02-30' }, ['startDate']],
        ['an endDate in another notation', { endDate: '31/12/2030' }, ['endDate']],
        ['an endDate with a time', { endDate: '2030-12-31T00:00:00Z' }, ['endDate']],
        ['a negative valueCents', { valueCents: -1 }, ['valueCents']],
        ['a float valueCents', { valueCents: 1250.5 }, ['valueCents']],
        ['a valueCents as a string', { valueCents: '125000000' }, ['valueCents']],
        ['a currency that is not ISO 4217', { currency: 'EURO' }, ['currency']],
        ['an unknown currency code', { currency: 'XYZ' }, ['currency']],
        ['an unknown timeZone', { timeZone: 'Mars/Olympus' }, ['timeZone']],
        ['an unknown field organisationId', { organisationId: randomUUID() }, ['organisationId']],
        ['a status on create', { status: 'active' }, ['status']],
        ['both supplier and supplierId', { supplierId: randomUUID() }, ['supplier']],
        ['neither supplier nor supplierId', { supplier: undefined }, ['supplier']],
        ['a supplier without contactEmail', { supplier: { name: 'X NV', country: 'BE' } }, ['supplier.contactEmail']],
        ['a lot without a name', { lots: [{ description: 'no name' }] }, ['lots.0.name']],
      ];

      it.each(cases)('%s', async (_, overrides, fields) => {
        const contactEmail = `new.${unique()}@supplier.test`;
        const body: Body = {
          reference: `BAD-${unique()}`,
          title: 'Servers 2027',
          // A supplier new to the platform: were the input accepted, an organisation and an invitation would be made.
          supplier: { name: `New Supplier ${unique()}`, country: 'BE', contactEmail },
          startDate: '2026-01-01',
          endDate: '2030-12-31',
          valueCents: 125_000_000,
          currency: 'EUR',
          ...overrides,
        };
        const [contractsBefore, organisationsBefore] = [await contractCount(), await organisationCount()];

        const res = await api(buyer).post('/contracts', body).expect(400);

        expectProblem(res, 400, 'validation_failed', fields);
        expect(await contractCount()).toBe(contractsBefore);
        expect(await organisationCount()).toBe(organisationsBefore);
        expect(await count('SELECT count(*) FROM contracts WHERE reference = $1', [body.reference])).toBe(0);
        expect(await outboxCount(contactEmail)).toBe(0);
      });

      it('a null supplierId without supplier is "neither" (400), not a server error', async () => {
        const before = await contractCount();
        const res = await api(buyer).post('/contracts', await bodyFor(supplier, { supplier: undefined, supplierId: null }));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^supplier(Id)?$/)]));
        expect(await contractCount()).toBe(before);
      });
    });

    it('of simultaneous registrations with one reference, one is 201 and the others 409 contract_reference_taken', async () => {
      const reference = `RACE-${unique()}`;
      const body = await bodyFor(supplier, { reference });
      const answers = await Promise.all([1, 2, 3, 4].map(() => api(buyer).post('/contracts', body)));
      expect(answers.map((a) => [a.status, a.status === 201 ? 'created' : a.body.code]).sort()).toEqual([
        [201, 'created'],
        [409, 'contract_reference_taken'],
        [409, 'contract_reference_taken'],
        [409, 'contract_reference_taken'],
      ]);
      expect(await count('SELECT count(*) FROM contracts WHERE reference = $1', [reference])).toBe(1);
    });

    it('two simultaneous registrations with one reference, one naming a new supplier, one an existing one: 201 and 409, nothing half-made', async () => {
      const reference = `RACE-${unique()}`;
      const contactEmail = `new.${unique()}@supplier.test`;
      const registrationNumber = await freeRegistration();
      const existing = await bodyFor(supplier, { reference });
      const fresh = { ...existing, supplier: { name: `Racing Supplier ${unique()}`, country: 'BE', registrationNumber, contactEmail } };
      const organisationsBefore = await organisationCount();

      const answers = await Promise.all([api(buyer).post('/contracts', fresh), api(buyer).post('/contracts', existing)]);

      expect(answers.map((a) => [a.status, a.status === 201 ? 'created' : a.body.code]).sort()).toEqual([
        [201, 'created'],
        [409, 'contract_reference_taken'],
      ]);
      expect(await count('SELECT count(*) FROM contracts WHERE reference = $1', [reference])).toBe(1);
      // The new supplier exists only if its contract was the one registered.
      const freshWon = answers[0].status === 201;
      expect(await organisationCount()).toBe(organisationsBefore + (freshWon ? 1 : 0));
      expect(await invitationCount(contactEmail)).toBe(freshWon ? 1 : 0);
    });

    it('is for contracting authorities: a supplier user and a platform admin get 403, nothing stored', async () => {
      const before = await contractCount();
      const bySupplier = await api(supplier).post('/contracts', await bodyFor(otherSupplier)).expect(403);
      expectProblem(bySupplier, 403, 'forbidden');
      const byPlatform = await api(platform).post('/contracts', await bodyFor(supplier)).expect(403);
      expectProblem(byPlatform, 403, 'forbidden');
      expect(await contractCount()).toBe(before);
    });

    it('a procurement officer (authority member) registers contracts too', async () => {
      const member = await createActor(t, 'contracting_authority', 'member', buyer.organisation);
      const res = await api(member).post('/contracts', await bodyFor(supplier)).expect(201);
      expect(res.body).toMatchObject({ authority: { id: buyer.organisation.id }, role: 'authority', supplierOnboarding: 'existing' });
    });

    it('records contract.created in the audit trail of the authority and of the supplier', async () => {
      const res = await api(buyer).post('/contracts', await bodyFor(supplier)).expect(201);
      const expected = (organisationId: string) =>
        expect.objectContaining({
          action: 'contract.created',
          entityType: 'contract',
          entityId: res.body.id,
          organisationId,
          actorUserId: buyer.user.id,
          after: expect.objectContaining({ reference: res.body.reference, supplierId: supplier.organisation.id, valueCents: 125_000_000, currency: 'EUR', version: 1 }),
        });

      const authorityEvents = await api(buyer).get('/audit-events?limit=200').expect(200);
      expect(authorityEvents.body.items).toContainEqual(expected(buyer.organisation.id));
      const supplierEvents = await api(supplier).get('/audit-events?limit=200').expect(200);
      expect(supplierEvents.body.items).toContainEqual(expected(supplier.organisation.id));
      // Not in the log of an organisation with no part in it.
      const others = await api(otherBuyer).get('/audit-events?limit=200').expect(200);
      expect(others.body.items.map((e: { entityId: string }) => e.entityId)).not.toContain(res.body.id);
    });
  });

  describe('GET /contracts', () => {
    let pager: TestActor;
    let pagerSupplier: TestActor;
    let ids: string[];
    const tag = unique();

    beforeAll(async () => {
      pager = await createActor(t, 'contracting_authority', 'admin');
      pagerSupplier = await createActor(t, 'supplier', 'admin');
      ids = [];
      for (const [i, title] of ['Servers', 'Laptops 100% recycled', 'Phones'].entries()) {
        ids.push((await createContract(t, pager, pagerSupplier, { reference: `PAGE-${tag}-${i + 1}`, title: `${title} ${tag}` })).id);
      }
    });

    it('lists the contracts of each party with its role', async () => {
      const byAuthority = await api(pager).get('/contracts').expect(200);
      expect(byAuthority.body.items.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
      expect(byAuthority.body.nextCursor).toBeNull();
      for (const item of byAuthority.body.items) {
        expect(Object.keys(item).sort()).toEqual(CONTRACT_KEYS);
        expect(item).toMatchObject({ role: 'authority', authority: { id: pager.organisation.id }, supplier: { id: pagerSupplier.organisation.id } });
      }

      const bySupplier = await api(pagerSupplier).get('/contracts').expect(200);
      expect(bySupplier.body.items.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
      for (const item of bySupplier.body.items) expect(item.role).toBe('supplier');

      // Others see none of them.
      const byOther = await api(otherSupplier).get('/contracts?limit=200').expect(200);
      expect(byOther.body.items.filter((c: { id: string }) => ids.includes(c.id))).toEqual([]);
    });

    it('pages with limit and after, newest first, without duplicates or gaps', async () => {
      const first = await api(pager).get('/contracts?limit=2').expect(200);
      expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await api(pager).get(`/contracts?limit=2&after=${encodeURIComponent(first.body.nextCursor)}`).expect(200);
      expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([ids[0]]);
      expect(second.body.nextCursor).toBeNull();

      const all = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
      expect(new Set(all).size).toBe(3);
      const created = [...first.body.items, ...second.body.items].map((c: { createdAt: string }) => Date.parse(c.createdAt));
      expect(created).toEqual([...created].sort((a, b) => b - a));
    });

    it('filters by q on reference and title (wildcards are literal) and by status', async () => {
      const byReference = await api(pager).get(`/contracts?q=${encodeURIComponent(`page-${tag}-2`)}`).expect(200);
      expect(byReference.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
      const byTitle = await api(pager).get(`/contracts?q=${encodeURIComponent(`phones ${tag}`)}`).expect(200);
      expect(byTitle.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
      const percent = await api(pager).get(`/contracts?q=${encodeURIComponent('%')}`).expect(200);
      expect(percent.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
      const underscore = await api(pager).get(`/contracts?q=${encodeURIComponent('_')}`).expect(200);
      expect(underscore.body.items).toEqual([]);
      const none = await api(pager).get(`/contracts?q=${encodeURIComponent(`nothing-${unique()}`)}`).expect(200);
      expect(none.body).toEqual({ items: [], nextCursor: null });

      const active = await api(pager).get('/contracts?status=active').expect(200);
      expect(active.body.items).toHaveLength(3);
      const ended = await api(pager).get('/contracts?status=ended').expect(200);
      expect(ended.body.items).toEqual([]);
      expectProblem(await api(pager).get('/contracts?status=closed').expect(400), 400, 'validation_failed', ['status']);
    });

    it('answers a tampered or foreign cursor with a 400 naming after', async () => {
      const cursor = (key: unknown) => encodeURIComponent(Buffer.from(JSON.stringify(key)).toString('base64url'));
      for (const after of ['not-a-cursor', cursor(['2026-01-01T00:00:00.000Z', 'not-a-uuid']), cursor([42, randomUUID()]), cursor(['2026-01-01T00:00:00.000Z'])]) {
        const res = await api(pager).get(`/contracts?limit=2&after=${after}`);
        expectProblem(res, 400, 'validation_failed', ['after']);
      }
    });

    it('answers a well-formed cursor whose time is no timestamp with a 400 naming after (not a database error)', async () => {
      const after = Buffer.from(JSON.stringify(['yesterday at noon', randomUUID()])).toString('base64url');
      const res = await api(pager).get(`/contracts?after=${encodeURIComponent(after)}`);
      expectProblem(res, 400, 'validation_failed', ['after']);
    });

    it('refuses a limit out of 1..200', async () => {
      expectProblem(await api(pager).get('/contracts?limit=0'), 400, 'validation_failed', ['limit']);
      expectProblem(await api(pager).get('/contracts?limit=201'), 400, 'validation_failed', ['limit']);
      expectProblem(await api(pager).get('/contracts?limit=two'), 400, 'validation_failed', ['limit']);
    });
  });

  describe('GET /contracts/:id', () => {
    let contractId: string;
    beforeAll(async () => {
      contractId = (await createContract(t, buyer, supplier)).id;
    });

    it('shows the contract to its authority and supplier with an ETag', async () => {
      const byAuthority = await api(buyer).get(`/contracts/${contractId}`).expect(200);
      expect(Object.keys(byAuthority.body).sort()).toEqual(DETAIL_KEYS);
      expect(byAuthority.body).toMatchObject({ id: contractId, role: 'authority', version: 1 });
      expect(byAuthority.headers.etag).toBe('"1"');
      const bySupplier = await api(supplier).get(`/contracts/${contractId.toUpperCase()}`).expect(200);
      expect(bySupplier.body).toMatchObject({ id: contractId, role: 'supplier' });
    });

    it('answers 404 to another authority, another supplier and an unassigned audit body, exactly as for a missing id', async () => {
      const auditor = await createActor(t, 'audit_body', 'admin');
      const missing = await api(buyer).get(`/contracts/${randomUUID()}`).expect(404);
      expectProblem(missing, 404, 'not_found');

      for (const stranger of [otherBuyer, otherSupplier, auditor]) {
        const res = await api(stranger).get(`/contracts/${contractId}`).expect(404);
        expect(res.headers['content-type']).toBe(missing.headers['content-type']);
        expect(comparableProblem(res)).toBe(comparableProblem(missing));
        expect(Object.keys(res.body).sort()).toEqual(Object.keys(missing.body).sort());
        const sites = await api(stranger).get(`/contracts/${contractId}/sites`).expect(404);
        expect(comparableProblem(sites)).toBe(comparableProblem(missing));
        const labels = await api(stranger).get(`/contracts/${contractId}/labels`).expect(404);
        expect(comparableProblem(labels)).toBe(comparableProblem(missing));
      }
    });

    it('answers 400 invalid_id for an id that is not a UUID', async () => {
      const res = await api(buyer).get('/contracts/not-a-uuid').expect(400);
      expectProblem(res, 400, 'invalid_id', ['id']);
    });
  });

  describe('PATCH /contracts/:id', () => {
    it('changes the contract with If-Match; the ETag and version go up; a stale If-Match is 412 and changes nothing', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const read = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(read.headers.etag).toBe('"1"');

      const changed = await api(buyer).patch(`/contracts/${id}`, { title: 'Laptops 2027-2031', endDate: '2031-12-31', valueCents: 150_000_000 }).set('if-match', read.headers.etag).expect(200);
      expect(changed.body).toMatchObject({ id, title: 'Laptops 2027-2031', endDate: '2031-12-31', valueCents: 150_000_000, version: 2, role: 'authority' });
      expect(changed.headers.etag).toBe('"2"');

      const stale = await api(buyer).patch(`/contracts/${id}`, { title: 'Lost update' }).set('if-match', read.headers.etag).expect(412);
      expectProblem(stale, 412, 'precondition_failed');
      const after = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(after.body).toMatchObject({ title: 'Laptops 2027-2031', version: 2 });
      expect(after.headers.etag).toBe('"2"');

      // The supplier sees the change.
      const seen = await api(supplier).get(`/contracts/${id}`).expect(200);
      expect(seen.body).toMatchObject({ title: 'Laptops 2027-2031', endDate: '2031-12-31', version: 2 });

      const audit = await api(buyer).get('/audit-events?limit=200').expect(200);
      expect(audit.body.items).toContainEqual(
        expect.objectContaining({
          action: 'contract.updated',
          entityId: id,
          before: expect.objectContaining({ title: 'Laptops 2027-2030', version: 1 }),
          after: expect.objectContaining({ title: 'Laptops 2027-2031', version: 2 }),
        }),
      );
    });

    it('suspends a contract; the status filter follows', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const res = await api(buyer).patch(`/contracts/${id}`, { status: 'suspended' }, 1).expect(200);
      expect(res.body).toMatchObject({ status: 'suspended', version: 2 });
      expect(res.headers.etag).toBe('"2"');
      const suspended = await api(buyer).get('/contracts?status=suspended&limit=200').expect(200);
      expect(suspended.body.items.map((c: { id: string }) => c.id)).toContain(id);
      const active = await api(buyer).get('/contracts?status=active&limit=200').expect(200);
      expect(active.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
      expectProblem(await api(buyer).patch(`/contracts/${id}`, { status: 'paused' }, 2).expect(400), 400, 'validation_failed', ['status']);
    });

    it('of two simultaneous changes based on one version, one wins and the other is 412', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const answers = await Promise.all([
        api(buyer).patch(`/contracts/${id}`, { title: 'First' }, 1),
        api(buyer).patch(`/contracts/${id}`, { title: 'Second' }, 1),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
      const winner = answers.find((a) => a.status === 200)!;
      const after = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(after.body).toMatchObject({ title: winner.body.title, version: 2 });
    });

    it('is the authority’s: the supplier gets 403, another authority 404, and nothing changes', async () => {
      const { id } = await createContract(t, buyer, supplier);
      expectProblem(await api(supplier).patch(`/contracts/${id}`, { title: 'By the supplier' }, 1).expect(403), 403, 'forbidden');
      expectProblem(await api(otherBuyer).patch(`/contracts/${id}`, { title: 'By a stranger' }, 1).expect(404), 404, 'not_found');
      const after = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(after.body).toMatchObject({ title: 'Laptops 2027-2030', version: 1 });
    });

    it('refuses bad changes with a 400 naming the field and keeps the contract as it was', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const cases: Array<[Body, string[]]> = [
        [{ endDate: '2025-12-31' }, ['endDate']],
        [{ startDate: '2031-01-01' }, ['endDate']],
        [{ startDate: '2026-02-30' }, ['startDate']],
        [{ timeZone: 'Mars/Olympus' }, ['timeZone']],
        [{ valueCents: -5 }, ['valueCents']],
        [{ currency: 'EURO' }, ['currency']],
        [{ reference: 'RENAMED' }, ['reference']],
        [{ supplierId: otherSupplier.organisation.id }, ['supplierId']],
      ];
      for (const [body, fields] of cases) {
        const res = await api(buyer).patch(`/contracts/${id}`, body, 1);
        expectProblem(res, 400, 'validation_failed', fields);
      }
      const after = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(after.body).toMatchObject({ version: 1, startDate: '2026-01-01', endDate: '2030-12-31', timeZone: 'Europe/Brussels', valueCents: 125_000_000, currency: 'EUR' });
    });

    it('refuses null for a required field with a 400, not a server error', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const answers: Record<string, [number, string]> = {};
      for (const field of ['title', 'currency', 'valueCents', 'status', 'startDate']) {
        const res = await api(buyer).patch(`/contracts/${id}`, { [field]: null }, 1);
        answers[field] = [res.status, res.body.code];
      }
      expect(answers).toEqual({
        title: [400, 'validation_failed'],
        currency: [400, 'validation_failed'],
        valueCents: [400, 'validation_failed'],
        status: [400, 'validation_failed'],
        startDate: [400, 'validation_failed'],
      });
      const after = await api(buyer).get(`/contracts/${id}`).expect(200);
      expect(after.body).toMatchObject({ version: 1, title: 'Laptops 2027-2030', currency: 'EUR', status: 'active' });
    });
  });

  describe('framework agreements', () => {
    it('a non-framework contract has no participants (409 invalid_state)', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const participant = await createActor(t, 'contracting_authority', 'admin');
      const registrationNumber = await ensureRegistration(t, participant);
      const res = await api(buyer).post(`/contracts/${id}/participants`, { country: 'BE', registrationNumber }).expect(409);
      expectProblem(res, 409, 'invalid_state');
      expect(await count('SELECT count(*) FROM contract_participants WHERE contract_id = $1', [id])).toBe(0);
      await api(participant).get(`/contracts/${id}`).expect(404);
    });

    it('another authority joins a framework, sees it, issues its own assessment under it, which the awarding authority reads', async () => {
      const { id } = await createContract(t, buyer, supplier, { isFramework: true });
      const participant = await createActor(t, 'contracting_authority', 'admin');
      const registrationNumber = await ensureRegistration(t, participant);
      await api(participant).get(`/contracts/${id}`).expect(404);

      const joined = await api(buyer).post(`/contracts/${id}/participants`, { country: 'BE', registrationNumber }).expect(200);
      expect(joined.body).toMatchObject({ id, isFramework: true, role: 'authority' });
      expect(joined.body.participants).toEqual([{ id: participant.organisation.id, name: participant.organisation.name, joinedAt: expect.any(String) }]);

      // Joining twice keeps one participation.
      const twice = await api(buyer).post(`/contracts/${id}/participants`, { country: 'be', registrationNumber: registrationNumber.replace(/\./g, '') }).expect(200);
      expect(twice.body.participants).toHaveLength(1);

      const list = await api(participant).get('/contracts').expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id, role: 'participant', authority: { id: buyer.organisation.id, name: buyer.organisation.name } })]);
      const detail = await api(participant).get(`/contracts/${id}`).expect(200);
      expect(detail.body).toMatchObject({ id, role: 'participant', participants: [{ id: participant.organisation.id }] });

      // It buys under the agreement but does not run it.
      expectProblem(await api(participant).patch(`/contracts/${id}`, { title: 'Mine now' }).expect(403), 403, 'forbidden');
      const third = await createActor(t, 'contracting_authority', 'admin');
      const thirdRegistration = await ensureRegistration(t, third);
      expectProblem(await api(participant).post(`/contracts/${id}/participants`, { country: 'BE', registrationNumber: thirdRegistration }).expect(403), 403, 'forbidden');

      const template = await publishedTemplate(t, participant);
      const issued = await api(participant).post('/assessments', { contractId: id, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
      expect(issued.body).toMatchObject({ status: 'issued', access: 'authority' });

      const byAwarding = await api(buyer).get(`/assessments/${issued.body.id}`).expect(200);
      expect(byAwarding.body.id).toBe(issued.body.id);
      const bySupplier = await api(supplier).get(`/assessments/${issued.body.id}`).expect(200);
      expect(bySupplier.body.access).toBe('supplier');
      const awardingList = await api(buyer).get(`/assessments?contractId=${id}`).expect(200);
      expect(awardingList.body.items.map((a: { id: string }) => a.id)).toContain(issued.body.id);
    });

    it('lists its own contracts and the frameworks it joined as one newest-first list, paged without duplicates or gaps', async () => {
      const awarding = await createActor(t, 'contracting_authority', 'admin');
      const joiner = await createActor(t, 'contracting_authority', 'admin');
      const registrationNumber = await ensureRegistration(t, joiner);
      const expected: Array<{ id: string; role: string }> = [];
      for (let i = 0; i < 6; i++) {
        if (i % 2 === 0) {
          expected.push({ id: (await createContract(t, joiner, supplier)).id, role: 'authority' });
        } else {
          const { id } = await createContract(t, awarding, supplier, { isFramework: true });
          await api(awarding).post(`/contracts/${id}/participants`, { country: 'BE', registrationNumber }).expect(200);
          expected.push({ id, role: 'participant' });
        }
      }
      // A participation in its own contract (the api refuses it, older data may hold it) lists the contract once, as its authority's.
      await t.sql.query('INSERT INTO contract_participants (contract_id, organisation_id) VALUES ($1, $2)', [expected[0].id, joiner.organisation.id]);
      expected.reverse();

      const seen: Array<{ id: string; role: string }> = [];
      let after: string | null = null;
      do {
        const res: request.Response = await api(joiner).get(`/contracts?limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((c: { id: string; role: string }) => ({ id: c.id, role: c.role })));
        after = res.body.nextCursor;
      } while (after);
      expect(seen).toEqual(expected);

      const joined = await api(joiner).get('/contracts?q=REF-&status=active&limit=200').expect(200);
      expect(joined.body.items.map((c: { id: string }) => c.id)).toEqual(expected.map((c) => c.id));
    });

    it('refuses the awarding authority itself, a supplier, or an unknown registration as participant (400 registrationNumber)', async () => {
      const { id } = await createContract(t, buyer, supplier, { isFramework: true });
      const own = await ensureRegistration(t, buyer);
      const supplierRegistration = await ensureRegistration(t, supplier);
      for (const registrationNumber of [own, supplierRegistration, await freeRegistration()]) {
        const res = await api(buyer).post(`/contracts/${id}/participants`, { country: 'BE', registrationNumber });
        expectProblem(res, 400, 'validation_failed', ['registrationNumber']);
      }
      expect(await count('SELECT count(*) FROM contract_participants WHERE contract_id = $1', [id])).toBe(0);
    });
  });

  describe('auditors', () => {
    let contractId: string;
    let assessmentId: string;
    let auditor: TestActor;
    let auditorMember: TestActor;

    beforeAll(async () => {
      contractId = (await createContract(t, buyer, supplier)).id;
      const template = await publishedTemplate(t, buyer);
      assessmentId = (await api(buyer).post('/assessments', { contractId, templateId: template.id, dueDate: '2099-01-31' }).expect(201)).body.id;
      auditor = await createActor(t, 'audit_body', 'admin');
      auditorMember = await createActor(t, 'audit_body', 'member', auditor.organisation);
    });

    it('an assigned audit body reads the contract and its assessments and findings, records findings, and writes nothing else; revoked, it sees nothing', async () => {
      await api(auditor).get(`/contracts/${contractId}`).expect(404);
      await api(auditor).get(`/assessments/${assessmentId}`).expect(404);

      const registrationNumber = await ensureRegistration(t, auditor);
      const assigned = await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber }).expect(200);
      expect(assigned.body.auditors).toEqual([{ id: auditor.organisation.id, name: auditor.organisation.name, assignedAt: expect.any(String) }]);

      for (const user of [auditor, auditorMember]) {
        const detail = await api(user).get(`/contracts/${contractId}`).expect(200);
        expect(detail.body).toMatchObject({ id: contractId, role: 'auditor' });
        const list = await api(user).get('/contracts').expect(200);
        expect(list.body.items).toEqual([expect.objectContaining({ id: contractId, role: 'auditor' })]);
        const assessments = await api(user).get(`/assessments?contractId=${contractId}`).expect(200);
        expect(assessments.body.items.map((a: { id: string }) => a.id)).toEqual([assessmentId]);
        await api(user).get(`/assessments/${assessmentId}`).expect(200);
        await api(user).get(`/findings?contractId=${contractId}`).expect(200);
      }

      // Read-only on the contract: no changes, no sites, no labels.
      expectProblem(await api(auditor).patch(`/contracts/${contractId}`, { title: 'Audited' }, 1).expect(403), 403, 'forbidden');
      const site = { name: 'Plant', address: 'Somewhere 1', country: 'CN', tier: 1 };
      expectProblem(await api(auditor).post(`/contracts/${contractId}/sites`, site).expect(403), 403, 'forbidden');
      const label = { label: 'tco_certified', product: 'ProBook', certificateNumber: 'NB-1', validUntil: '2031-01-01' };
      expectProblem(await api(auditor).post(`/contracts/${contractId}/labels`, label).expect(403), 403, 'forbidden');
      expect(await count('SELECT count(*) FROM production_sites WHERE contract_id = $1', [contractId])).toBe(0);
      expect(await count('SELECT count(*) FROM product_labels WHERE contract_id = $1', [contractId])).toBe(0);
      expect((await api(buyer).get(`/contracts/${contractId}`).expect(200)).body.title).toBe('Laptops 2027-2030');

      // But it records what it found on site.
      const finding = await api(auditorMember)
        .post('/findings', { contractId, severity: 'high', theme: 'health_safety', title: 'Blocked emergency exits at the assembly plant' })
        .expect(201);
      expect(finding.body).toMatchObject({ contractId, source: 'manual', severity: 'high', theme: 'health_safety', createdByOrganisation: { id: auditor.organisation.id } });
      const buyerFindings = await api(buyer).get(`/findings?contractId=${contractId}`).expect(200);
      expect(buyerFindings.body.items.map((f: { id: string }) => f.id)).toContain(finding.body.id);

      const revoked = await api(buyer).delete(`/contracts/${contractId}/auditors?organisationId=${auditor.organisation.id}`).expect(200);
      expect(revoked.body.auditors).toEqual([]);
      const missing = await api(auditor).get(`/contracts/${randomUUID()}`).expect(404);
      for (const user of [auditor, auditorMember]) {
        const res = await api(user).get(`/contracts/${contractId}`).expect(404);
        expect(comparableProblem(res)).toBe(comparableProblem(missing));
        await api(user).get(`/assessments/${assessmentId}`).expect(404);
        await api(user).get(`/findings/${finding.body.id}`).expect(404);
        const list = await api(user).get('/contracts').expect(200);
        expect(list.body.items).toEqual([]);
      }

      // Revoking again: nothing to revoke.
      expectProblem(await api(buyer).delete(`/contracts/${contractId}/auditors?organisationId=${auditor.organisation.id}`).expect(404), 404, 'not_found');
      const audit = await api(buyer).get('/audit-events?limit=200').expect(200);
      const actions = audit.body.items.filter((e: { entityId: string }) => e.entityId === contractId).map((e: { action: string }) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['contract.auditor_assigned', 'contract.auditor_revoked']));
    });

    it('refuses the registration of an organisation that is not an audit body (400 registrationNumber)', async () => {
      const before = await count('SELECT count(*) FROM contract_auditors WHERE contract_id = $1', [contractId]);
      for (const actor of [otherSupplier, otherBuyer]) {
        const registrationNumber = await ensureRegistration(t, actor);
        const res = await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber });
        expectProblem(res, 400, 'validation_failed', ['registrationNumber']);
      }
      expect(await count('SELECT count(*) FROM contract_auditors WHERE contract_id = $1', [contractId])).toBe(before);
      await api(otherSupplier).get(`/contracts/${contractId}`).expect(404);
    });

    it('only the authority assigns auditors (the supplier gets 403) and revoking needs a UUID', async () => {
      const body = await createActor(t, 'audit_body', 'admin');
      const registrationNumber = await ensureRegistration(t, body);
      expectProblem(await api(supplier).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber }).expect(403), 403, 'forbidden');
      expect(await count('SELECT count(*) FROM contract_auditors WHERE audit_body_id = $1', [body.organisation.id])).toBe(0);
      expectProblem(await api(buyer).delete(`/contracts/${contractId}/auditors?organisationId=nope`).expect(400), 400, 'validation_failed', ['organisationId']);
    });
  });

  describe('production sites', () => {
    let contractId: string;
    const site = { name: 'Assembly plant Chongqing', address: '18 Xiyong Road, Shapingba District, Chongqing', country: 'cn', tier: 1, products: ['laptops', 'docking stations'], workforce: 4200 };
    const siteCount = () => count('SELECT count(*) FROM production_sites WHERE contract_id = $1', [contractId]);

    beforeAll(async () => {
      contractId = (await createContract(t, buyer, supplier)).id;
    });

    it('the supplier discloses a site, which its buyer sees', async () => {
      const created = await api(supplier).post(`/contracts/${contractId}/sites`, site).expect(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        contractId,
        name: site.name,
        address: site.address,
        country: 'CN',
        tier: 1,
        products: ['laptops', 'docking stations'],
        workforce: 4200,
        createdAt: expect.any(String),
      });
      const tier2 = await api(supplier).post(`/contracts/${contractId}/sites`, { name: 'Battery cells', address: 'Industrial Zone 5, Ningde', country: 'CN', tier: 2 }).expect(201);
      expect(tier2.body).toMatchObject({ tier: 2, products: [], workforce: null });

      const detail = await api(buyer).get(`/contracts/${contractId}`).expect(200);
      expect(detail.body.sites).toEqual([created.body, tier2.body]);
      const listed = await api(buyer).get(`/contracts/${contractId}/sites`).expect(200);
      expect(listed.body).toEqual([created.body, tier2.body]);
    });

    it('the authority may not disclose sites (403)', async () => {
      const before = await siteCount();
      expectProblem(await api(buyer).post(`/contracts/${contractId}/sites`, site).expect(403), 403, 'forbidden');
      expect(await siteCount()).toBe(before);
    });

    it('refuses a tier out of 1..20 (400 tier)', async () => {
      const before = await siteCount();
      for (const tier of [0, 21, 1.5, '1']) {
        expectProblem(await api(supplier).post(`/contracts/${contractId}/sites`, { ...site, tier }), 400, 'validation_failed', ['tier']);
      }
      expectProblem(await api(supplier).post(`/contracts/${contractId}/sites`, { ...site, tier: 20, workforce: -1 }), 400, 'validation_failed', ['workforce']);
      expect(await siteCount()).toBe(before);
    });

    it('another supplier gets 404', async () => {
      const before = await siteCount();
      const res = await api(otherSupplier).post(`/contracts/${contractId}/sites`, site).expect(404);
      expectProblem(res, 404, 'not_found');
      const missing = await api(otherSupplier).post(`/contracts/${randomUUID()}/sites`, site).expect(404);
      expect(comparableProblem(res)).toBe(comparableProblem(missing));
      expect(await siteCount()).toBe(before);
    });
  });

  describe('product labels', () => {
    let contractId: string;
    const label = (overrides: Body = {}) => ({ label: 'tco_certified', product: 'ProBook 450 G11', certificateNumber: `NB-${unique()}`, validUntil: '2028-06-30', ...overrides });
    const labelCount = () => count('SELECT count(*) FROM product_labels WHERE contract_id = $1', [contractId]);

    beforeAll(async () => {
      // Ends on 2030-12-31.
      contractId = (await createContract(t, buyer, supplier)).id;
    });

    it('flags a certificate that lapses before the contract ends', async () => {
      const early = await api(supplier).post(`/contracts/${contractId}/labels`, label({ validUntil: '2028-06-30' })).expect(201);
      expect(early.body).toEqual({
        id: expect.any(String),
        contractId,
        label: 'tco_certified',
        otherLabel: null,
        product: 'ProBook 450 G11',
        certificateNumber: expect.stringMatching(/^NB-/),
        validUntil: '2028-06-30',
        expiresBeforeContractEnd: true,
        createdAt: expect.any(String),
      });
      const late = await api(supplier).post(`/contracts/${contractId}/labels`, label({ validUntil: '2031-06-30' })).expect(201);
      expect(late.body.expiresBeforeContractEnd).toBe(false);
      // Valid through the last day of the contract is enough.
      const lastDay = await api(buyer).post(`/contracts/${contractId}/labels`, label({ label: 'energy_star', validUntil: '2030-12-31' })).expect(201);
      expect(lastDay.body.expiresBeforeContractEnd).toBe(false);
      const dayBefore = await api(buyer).post(`/contracts/${contractId}/labels`, label({ label: 'epeat', validUntil: '2030-12-30' })).expect(201);
      expect(dayBefore.body.expiresBeforeContractEnd).toBe(true);
      const other = await api(supplier).post(`/contracts/${contractId}/labels`, label({ label: 'other', otherLabel: 'Blue Angel', validUntil: '2029-01-01' })).expect(201);
      expect(other.body).toMatchObject({ label: 'other', otherLabel: 'Blue Angel', expiresBeforeContractEnd: true });

      const listed = await api(buyer).get(`/contracts/${contractId}/labels`).expect(200);
      expect(listed.body.map((l: { validUntil: string }) => l.validUntil)).toEqual(['2028-06-30', '2029-01-01', '2030-12-30', '2030-12-31', '2031-06-30']);
      const detail = await api(supplier).get(`/contracts/${contractId}`).expect(200);
      expect(detail.body.labels).toEqual(listed.body);
    });

    it('a label recorded by either party is in the audit trail of both', async () => {
      const bySupplier = await api(supplier).post(`/contracts/${contractId}/labels`, label({ validUntil: '2031-01-31' })).expect(201);
      const byBuyer = await api(buyer).post(`/contracts/${contractId}/labels`, label({ validUntil: '2031-02-28' })).expect(201);
      const entries = async (actor: TestActor) =>
        (await api(actor).get('/audit-events?limit=200').expect(200)).body.items
          .filter((e: { action: string }) => e.action === 'contract.label_added')
          .map((e: { entityId: string; actorUserId: string }) => [e.entityId, e.actorUserId]);
      const expected = [
        [bySupplier.body.id, supplier.user.id],
        [byBuyer.body.id, buyer.user.id],
      ];
      expect({ authority: await entries(buyer), supplier: await entries(supplier) }).toEqual({
        authority: expect.arrayContaining(expected),
        supplier: expect.arrayContaining(expected),
      });
    });

    it('recomputes the flag when the contract end date changes', async () => {
      const { id } = await createContract(t, buyer, supplier);
      const created = await api(supplier).post(`/contracts/${id}/labels`, label({ validUntil: '2028-06-30' })).expect(201);
      expect(created.body.expiresBeforeContractEnd).toBe(true);
      await api(buyer).patch(`/contracts/${id}`, { endDate: '2028-01-31' }, 1).expect(200);
      const listed = await api(buyer).get(`/contracts/${id}/labels`).expect(200);
      expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, expiresBeforeContractEnd: false })]);
    });

    it('refuses other without otherLabel, otherLabel with another label, and a bad validUntil (400 naming the field)', async () => {
      const before = await labelCount();
      const cases: Array<[Body, string]> = [
        [{ label: 'other' }, 'otherLabel'],
        [{ label: 'tco_certified', otherLabel: 'Blue Angel' }, 'otherLabel'],
        [{ validUntil: '2028-02-30' }, 'validUntil'],
        [{ validUntil: '30/06/2028' }, 'validUntil'],
        [{ validUntil: 20280630 }, 'validUntil'],
        [{ label: 'fair_trade' }, 'label'],
      ];
      for (const [overrides, field] of cases) {
        expectProblem(await api(supplier).post(`/contracts/${contractId}/labels`, label(overrides)), 400, 'validation_failed', [field]);
      }
      expect(await labelCount()).toBe(before);
    });

    it('another supplier gets 404, and adds nothing', async () => {
      const before = await labelCount();
      expectProblem(await api(otherSupplier).post(`/contracts/${contractId}/labels`, label()).expect(404), 404, 'not_found');
      expect(await labelCount()).toBe(before);
    });
  });
});
