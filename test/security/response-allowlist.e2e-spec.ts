import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { apiAs, createTestApp, fullTerms, publishedTemplate, TestApp } from '@ddp/testing';
import { ActorRole, authOf, buildScenario, insertMineralsReport, listRoutes, makers, PDF, READS, Role, ROLES, Scenario, ScenarioIds } from './scenario';

/**
 * What responses may contain. For every read and the main writes, and every role that gets an
 * answer, the set of key paths of the JSON body (`items[].supplier.name`) must stay within the
 * reviewed allowlist in response-allowlist.json: a new key fails until someone reviews it and
 * regenerates the file (`UPDATE_ALLOWLIST=1`). And over every response of the suite: no key that
 * names a secret, no storage path, and buyer A's side never learns of buyer B, the supplier's
 * other customer.
 */

const ALLOWLIST_FILE = join(__dirname, 'response-allowlist.json');

/** Keys that name a secret or a storage detail… */
const SENSITIVE_KEY = /password|hash|secret|token(?!Type)|storage|key$/i;
/** …except these, where the caller is meant to get the value. */
const DOCUMENTED_KEYS: Record<string, string> = {
  'POST /api/v1/auth/login accessToken': 'the token pair is what logging in is for',
  'POST /api/v1/auth/login refreshToken': 'the token pair is what logging in is for',
  'GET /api/v1/smelters items[].key': 'the roll-up group of a smelter (e.g. id:CID001070), for paging and links',
  'GET /api/v1/questionnaire-templates items[].referenceKey': 'the stable name of a platform reference template (e.g. ict-quick-scan)',
  'GET /api/v1/questionnaire-templates/:id referenceKey': 'the stable name of a platform reference template (e.g. ict-quick-scan)',
};

/** The main writes whose answers are checked too (the caller, the call). */
interface Write {
  as: ActorRole | 'anonymous';
  method: 'post' | 'put';
  path: (ids: ScenarioIds) => string;
  body?: (s: Scenario) => object;
  upload?: Record<string, string>;
}
const WRITES: Record<string, Write> = {
  'POST /api/v1/auth/login': { as: 'anonymous', method: 'post', path: () => '/api/v1/auth/login', body: (s) => ({ email: s.actors.authorityMember.user.email, password: s.actors.authorityMember.password }) },
  'POST /api/v1/organisations/:id/invitations': { as: 'authorityAdmin', method: 'post', path: (i) => `/api/v1/organisations/${i.authorityOrg}/invitations`, body: () => ({ email: 'new.colleague@example.test', role: 'member' }) },
  'POST /api/v1/contracts': {
    as: 'authorityAdmin',
    method: 'post',
    path: () => '/api/v1/contracts',
    body: (s) => ({ reference: 'AL-1', title: 'Docks', supplierId: s.ids.supplierOrg, startDate: '2027-01-01', endDate: '2028-12-31', valueCents: 100, currency: 'EUR' }),
  },
  'POST /api/v1/assessments': { as: 'authorityAdmin', method: 'post', path: () => '/api/v1/assessments', body: (s) => ({ contractId: s.ids.contract, templateId: s.ids.template, dueDate: '2099-03-31' }) },
  'PUT /api/v1/assessments/:id/answers': { as: 'supplierAdmin', method: 'put', path: (i) => `/api/v1/assessments/${i.draftAssessment}/answers`, body: () => ({ answers: [{ questionCode: 'FL-02', value: 'no' }] }) },
  'POST /api/v1/assessments/:id/evidence': { as: 'supplierAdmin', method: 'post', path: (i) => `/api/v1/assessments/${i.draftAssessment}/evidence`, upload: { questionCode: 'MS-01', documentDate: '2026-03-01' } },
  'POST /api/v1/findings': { as: 'auditorAssigned', method: 'post', path: () => '/api/v1/findings', body: (s) => ({ contractId: s.ids.contract, severity: 'low', theme: 'environment', title: 'Packaging' }) },
  'POST /api/v1/defaults': { as: 'authorityAdmin', method: 'post', path: () => '/api/v1/defaults', body: (s) => ({ contractId: s.ids.contract, failing: 'Late report.' }) },
  'POST /api/v1/reports': { as: 'supplierAdmin', method: 'post', path: () => '/api/v1/reports', body: (s) => ({ obligationId: s.ids.freeObligations[0] }) },
  'POST /api/v1/exports': { as: 'auditorAssigned', method: 'post', path: () => '/api/v1/exports', body: (s) => ({ scope: { contractIds: [s.ids.contract] } }) },
};

/** Buyer A's side: they must never learn of buyer B (the supplier's other customer). The platform operator sees every organisation by design. */
const BUYER_A_SIDE: Caller[] = ['authorityAdmin', 'authorityMember', 'auditorAssigned', 'auditorOther'];

/** Buyer B (`Scenario.otherBuyer`): no column of the matrix, but a reader here. */
const BUYER_B = 'buyerB';
type Caller = Role | typeof BUYER_B;
const CALLERS: Caller[] = [...ROLES, BUYER_B];

interface Collected {
  route: string;
  role: Caller;
  status: number;
  text: string;
  json: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Documents the users wrote themselves (a template's definition, a clause's terms) and the audit
 * trail's snapshots of records: the allowlist stops at them (their keys are the users' or the
 * records'); the secret-key check below still reads every key inside.
 */
const FREE_FORM = new Set(['definition', 'inForce.terms', 'versions[].terms', 'items[].before', 'items[].after']);

/** Every key path of a JSON value; keys that are data (ids, dates) are generalised. `stopAt`: paths not to descend into. */
function keyPaths(value: unknown, prefix = '', into = new Set<string>(), stopAt = new Set<string>()): Set<string> {
  if (stopAt.has(prefix)) return into;
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, into, stopAt);
  } else if (value !== null && typeof value === 'object') {
    for (const [raw, child] of Object.entries(value)) {
      const key = UUID.test(raw) ? '<uuid>' : DATE.test(raw) ? '<date>' : raw;
      const path = prefix ? `${prefix}.${key}` : key;
      into.add(path);
      keyPaths(child, path, into, stopAt);
    }
  }
  return into;
}

/** Route → roles (comma-separated) → packed key paths. */
type Allowlist = Record<string, Record<string, string[]>>;

/** Key paths as one line per parent, for reading: `items[]: id name status` (`.` is the top level). */
function pack(paths: Set<string>): string[] {
  const byParent = new Map<string, string[]>();
  for (const path of paths) {
    const cut = path.lastIndexOf('.');
    const parent = cut < 0 ? '.' : path.slice(0, cut);
    byParent.set(parent, [...(byParent.get(parent) ?? []), path.slice(cut + 1)]);
  }
  return [...byParent].sort(([a], [b]) => a.localeCompare(b)).map(([parent, keys]) => `${parent}: ${keys.sort().join(' ')}`);
}

function unpack(lines: string[]): Set<string> {
  return new Set(lines.flatMap((line) => {
    const [parent, keys] = line.split(': ');
    return keys.split(' ').filter(Boolean).map((key) => (parent === '.' ? key : `${parent}.${key}`));
  }));
}

/** Groups the roles with the same key paths, so the file stays short to review. */
function compact(byRole: Map<string, Map<Caller, Set<string>>>): Allowlist {
  const out: Allowlist = {};
  for (const [route, roles] of [...byRole].sort(([a], [b]) => a.localeCompare(b))) {
    const groups = new Map<string, Caller[]>();
    for (const role of CALLERS) {
      const paths = roles.get(role);
      if (!paths) continue;
      const packed = pack(paths);
      if (unpack(packed).size !== paths.size) throw new Error(`${route}: a key with a space or a dot cannot be packed: ${[...paths].join(', ')}`);
      const key = JSON.stringify(packed);
      groups.set(key, [...(groups.get(key) ?? []), role]);
    }
    out[route] = Object.fromEntries([...groups].map(([packed, members]) => [members.join(','), JSON.parse(packed) as string[]]));
  }
  return out;
}

describe('response allowlists', () => {
  let t: TestApp;
  let s: Scenario;
  /** What identifies buyer B and its records; and buyer A. */
  let buyerB: Record<string, string>;
  let buyerA: Record<string, string>;
  const collected: Collected[] = [];

  /** Keeps a JSON answer. A problem's `instance` is left out of the text: it echoes the path the caller sent. */
  function keep(route: string, role: Caller, res: Response): void {
    const json = /json/.test(res.headers['content-type'] ?? '') ? (res.body as Record<string, unknown>) : undefined;
    const { instance: _instance, ...rest } = json ?? {};
    const text = json === undefined ? '' : /problem/.test(res.headers['content-type'] ?? '') ? JSON.stringify(rest) : res.text;
    collected.push({ route, role, status: res.status, text, json });
  }

  /** Buyer B's own dealings with the same supplier: a shared and adopted assessment, its own template, assessment, default and CMRT. */
  async function buyerBDealings(): Promise<Record<string, string>> {
    const api = apiAs(t);
    const b = s.otherBuyer;
    await api(s.actors.supplierAdmin).post(`/assessments/${s.ids.assessment}/shares`, { authorityId: s.ids.otherBuyerOrg }).expect(200);
    const adopted = (await api(b).post(`/assessments/${s.ids.assessment}/adopt`, { contractId: s.ids.otherBuyerContract }).expect(201)).body.id as string;
    const template = await publishedTemplate(t, b);
    const assessment = (await api(b).post('/assessments', { contractId: s.ids.otherBuyerContract, templateId: template.id, dueDate: '2099-01-31' }).expect(201)).body.id as string;
    await api(b).put(`/contracts/${s.ids.otherBuyerContract}/clause`, { terms: fullTerms() }).expect(200);
    const defaultId = (await api(b).post('/defaults', { contractId: s.ids.otherBuyerContract, failing: 'Buyer B: late report.' }).expect(201)).body.id as string;
    const minerals = await insertMineralsReport(t, s.ids.otherBuyerContract, b, s.actors.supplierAdmin);
    const contract = (await api(b).get(`/contracts/${s.ids.otherBuyerContract}`).expect(200)).body;
    return {
      organisationId: s.ids.otherBuyerOrg,
      organisationName: b.organisation.name,
      adminEmail: b.user.email,
      contractId: s.ids.otherBuyerContract,
      contractReference: contract.reference,
      templateId: template.id,
      assessmentId: assessment,
      defaultId,
      mineralsReportId: minerals,
      adoptedId: adopted,
    };
  }

  /** Buyer A's identifiers, and an assessment A sent back with a comment before accepting it, then shared with B by the supplier. */
  async function buyerAIdentity(): Promise<Record<string, string>> {
    const api = apiAs(t);
    const a = s.actors.authorityAdmin;
    const contract = (await api(a).get(`/contracts/${s.ids.contract}`).expect(200)).body;
    const reviewComment = 'Buyer A only: the overtime records look doctored.';
    const id = await makers(s).submittedAssessment();
    const version = async () => (await api(a).get(`/assessments/${id}`).expect(200)).body.version as number;
    await api(a).post(`/assessments/${id}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'HW-01', text: reviewComment }] }, await version()).expect(200);
    await api(s.actors.supplierAdmin).post(`/assessments/${id}/submit`, undefined, await version()).expect(200);
    await api(a).post(`/assessments/${id}/review`, { decision: 'accept' }, await version()).expect(200);
    await api(s.actors.supplierAdmin).post(`/assessments/${id}/shares`, { authorityId: s.ids.otherBuyerOrg }).expect(200);
    return {
      organisationId: s.ids.authorityOrg,
      organisationName: a.organisation.name,
      adminEmail: a.user.email,
      contractId: s.ids.contract,
      contractReference: contract.reference,
      reviewComment,
      commentedAssessmentId: id,
    };
  }

  /**
   * Buyer B's reads: every read of READS (the lists are B's own; the records are A's, of which B
   * may read the shared assessment and its template), and B's adopted copy.
   */
  async function readAsBuyerB(): Promise<void> {
    const read = async (route: string, path: string) => keep(route, BUYER_B, await request(t.http).get(path).set('authorization', s.otherBuyer.auth));
    for (const route of Object.keys(READS)) await read(route, READS[route](s.ids));
    await read('GET /api/v1/assessments/:id (adopted by B)', `/api/v1/assessments/${buyerB.adoptedId}`);
    await read('GET /api/v1/assessments/:id (reviewed with comments, shared with B)', `/api/v1/assessments/${buyerA.commentedAssessmentId}`);
    await read('GET /api/v1/assessments/:id/revisions/:number (reviewed with comments, shared with B)', `/api/v1/assessments/${buyerA.commentedAssessmentId}/revisions/1`);
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await buildScenario(t);
    buyerB = await buyerBDealings();
    const reads = Object.keys(READS).flatMap((route) => ROLES.map((role) => ({ route, role })));
    for (let i = 0; i < reads.length; i += 8) {
      await Promise.all(
        reads.slice(i, i + 8).map(async ({ route, role }) => {
          const auth = authOf(s, role);
          const req = request(t.http).get(READS[route](s.ids));
          keep(route, role, await (auth ? req.set('authorization', auth) : req));
        }),
      );
    }
    for (const [route, write] of Object.entries(WRITES)) {
      let req = request(t.http)[write.method](write.path(s.ids));
      const auth = authOf(s, write.as);
      if (auth) req = req.set('authorization', auth);
      if (write.method === 'put') req = req.set('if-match', (await request(t.http).get(write.path(s.ids).replace(/\/answers$/, '')).set('authorization', auth!)).headers.etag);
      if (write.upload) {
        for (const [name, value] of Object.entries(write.upload)) req = req.field(name, value);
        req = req.attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' });
      } else if (write.body) req = req.send(write.body(s));
      const res = await req;
      if (res.status >= 300) throw new Error(`${route} as ${write.as}: ${res.status} ${res.text}`);
      keep(route, write.as, res);
    }
    buyerA = await buyerAIdentity();
    await readAsBuyerB();
  }, 90_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  it('has a path for every read of the router', () => {
    const reads = listRoutes(t).filter((r) => r.method === 'GET').map((r) => r.route);
    expect(reads.filter((r) => !(r in READS))).toEqual([]);
  });

  it('answers with no key outside the reviewed allowlist (UPDATE_ALLOWLIST=1 regenerates it: review the diff)', () => {
    const byRoute = new Map<string, Map<Caller, Set<string>>>();
    for (const c of collected) {
      if (c.status >= 300 || c.json === undefined) continue;
      const roles = byRoute.get(c.route) ?? new Map<Caller, Set<string>>();
      roles.set(c.role, keyPaths(c.json, '', roles.get(c.role), FREE_FORM));
      byRoute.set(c.route, roles);
    }
    const actual = compact(byRoute);
    if (process.env.UPDATE_ALLOWLIST === '1') writeFileSync(ALLOWLIST_FILE, `${JSON.stringify(actual, null, 2)}\n`);
    const allowed = (existsSync(ALLOWLIST_FILE) ? JSON.parse(readFileSync(ALLOWLIST_FILE, 'utf8')) : {}) as Allowlist;
    const unreviewed: string[] = [];
    for (const [route, roles] of byRoute) {
      for (const [role, paths] of roles) {
        const group = Object.entries(allowed[route] ?? {}).find(([members]) => members.split(',').includes(role));
        const permitted = unpack(group?.[1] ?? []);
        for (const path of paths) if (!permitted.has(path)) unreviewed.push(`${route} as ${role}: ${path}`);
      }
    }
    expect(unreviewed).toEqual([]);
  });

  it('never has a key that names a secret or a storage detail, except the documented ones', () => {
    const found = new Set<string>();
    for (const c of collected) {
      for (const path of keyPaths(c.json)) {
        const key = path.split(/[.[\]]+/).filter(Boolean).at(-1)!;
        if (SENSITIVE_KEY.test(key) && !DOCUMENTED_KEYS[`${c.route} ${path}`]) found.add(`${c.route} as ${c.role}: ${path}`);
      }
    }
    expect([...found]).toEqual([]);
  });

  it('never shows where a file is stored', () => {
    const places = [t.config.filesDir, t.config.DATA_DIR, '/incoming/', 'storage_key'];
    const leaks = collected.filter((c) => places.some((place) => c.text.includes(place)));
    expect(leaks.map((c) => `${c.route} as ${c.role}`)).toEqual([]);
  });

  it("never shows buyer A's side anything of buyer B, the supplier's other customer", () => {
    expect(collected.filter((c) => BUYER_A_SIDE.includes(c.role) && c.status < 300).length).toBeGreaterThan(100);
    const leaks = collected.flatMap((c) =>
      BUYER_A_SIDE.includes(c.role)
        ? Object.entries(buyerB)
            .filter(([, value]) => c.text.toLowerCase().includes(value.toLowerCase()))
            .map(([what]) => `${c.route} as ${c.role} (${c.status}): ${what}`)
        : [],
    );
    expect(leaks).toEqual([]);
  });

  it('never shows buyer B anything of buyer A: a shared assessment names neither its issuer nor its contract, nor A\'s review comments', () => {
    const reads = collected.filter((c) => c.role === BUYER_B);
    expect(reads.find((c) => c.route.includes('reviewed with comments') && c.route.includes('revisions'))?.status).toBe(200);
    expect(reads.filter((c) => c.status < 300).length).toBeGreaterThan(10);
    const leaks = reads.flatMap((c) =>
      Object.entries(buyerA)
        .filter(([what]) => what !== 'commentedAssessmentId')
        .filter(([, value]) => c.text.toLowerCase().includes(value.toLowerCase()))
        .map(([what]) => `${c.route} (${c.status}): ${what}`),
    );
    expect(leaks).toEqual([]);
  });

  it('shows the supplier its buyers (the check above would see B)', () => {
    const ownContracts = collected.find((c) => c.route === 'GET /api/v1/contracts' && c.role === 'supplierAdmin');
    expect(ownContracts?.text).toContain(buyerB.contractId);
    expect(ownContracts?.text).toContain(buyerB.organisationName);
  });
});
