import fc from 'fast-check';
import request, { Response } from 'supertest';
import { createActor, createTestApp, createUser, routerRoutes, TestActor, TestApp } from '@ddp/testing';
import { buildTenant, databaseChecksum, SCENARIO_NOW, Tenant } from './tenants';

/** The parts of an OpenAPI schema the generators read. */
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}
interface Operation {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const json = (value: unknown): string => JSON.stringify(value);

/** Every UTF-8 byte percent-encoded (a lone surrogate, which encodeURIComponent refuses, travels as U+FFFD). */
const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Strings that have broken parsers, validators, SQL and headers elsewhere. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\u202e\u0644\u0627', '🦄'.repeat(50), 'é'.normalize('NFD'), '%00', '%s%n', '${7*7}', '{{7*7}}', "'; DROP TABLE users; --", '\\', '"',
  '<script>alert(1)</script>', '../../etc/passwd', 'null', 'undefined', 'NaN', 'true', '0x10', '1e999', '-0', '2027-02-30', '2027-13-01', '0000-00-00', '9999-12-31T25:61:61Z',
  '2027-07-10T10:00:00+99:00', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', 'not-a-uuid', 'admin', 'platform', '__proto__', 'x'.repeat(100_000),
];
/** Numbers at the edges of int32, int64, doubles and JSON (raw literals: some do not survive JSON.stringify). */
const EDGE_NUMBERS = ['0', '-0', '1', '-1', '2147483647', '2147483648', '-2147483648', '-2147483649', '4294967296', '9007199254740991', '9007199254740993', '-9007199254740993',
  '9223372036854775807', '9223372036854775808', '1e308', '1e309', '-1e309', '5e-324', '0.1', '1.5', '123456789012345678901234567890', '1E2'];

const hostileScalar: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }).map(json),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(json),
  fc.string({ unit: 'binary', maxLength: 20 }).map(json),
  fc.constantFrom(...HOSTILE_STRINGS).map(json),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer().map(json),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(json),
  fc.boolean().map(json),
  fc.constant('null'),
);
/** Structures: prototype-pollution keys, deep nesting, long arrays, arbitrary JSON. */
const hostileStructure: fc.Arbitrary<string> = fc.oneof(
  fc.constant('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  fc.constant('{"prototype":{"polluted":"yes"},"__defineGetter__":1,"hasOwnProperty":"x","toString":1,"valueOf":{}}'),
  fc.constant(`${'['.repeat(2000)}${']'.repeat(2000)}`),
  fc.constant(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`),
  fc.constant(`[${Array.from({ length: 5000 }, () => '1').join(',')}]`),
  fc.jsonValue({ maxDepth: 3 }).map(json),
  fc.array(hostileScalar, { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
);
const hostile: fc.Arbitrary<string> = fc.oneof({ weight: 3, arbitrary: hostileScalar }, { weight: 1, arbitrary: hostileStructure });
/** Keys a client might slip in besides the declared ones. */
const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'organisationId', 'role', 'isAdmin', 'version', 'createdAt', 'status', '', 'x'.repeat(300)];

/**
 * Generators built from the OpenAPI schemas of the DTOs: each declared property gets a plausible
 * value (its example, an enum member, a value of its type and range) or a hostile one, is left out
 * at times, and extra keys are slipped in. Values are JSON text, so that `__proto__` travels as a key.
 */
class BodyGenerators {
  constructor(private readonly schemas: Record<string, Schema>) {}

  body(schema: Schema): fc.Arbitrary<string> {
    return fc.oneof({ weight: 8, arbitrary: this.object(this.resolve(schema), 0) }, { weight: 1, arbitrary: hostile });
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref) {
      const found = this.schemas[schema.$ref.split('/').pop()!];
      if (!found) throw new Error(`no schema ${schema.$ref}`);
      return this.resolve(found);
    }
    if (schema.allOf) return this.resolve(schema.allOf[0]);
    return schema;
  }

  private value(schema: Schema, depth: number): fc.Arbitrary<string> {
    return fc.oneof({ weight: 3, arbitrary: this.plausible(schema, depth) }, { weight: 2, arbitrary: hostile });
  }

  private plausible(raw: Schema, depth: number): fc.Arbitrary<string> {
    if (raw.oneOf) return fc.oneof(...raw.oneOf.map((s) => this.plausible(s, depth)));
    const schema = this.resolve(raw);
    const example = raw.example ?? schema.example;
    const typed = this.ofType(schema, depth);
    if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum).map(json), typed);
    return example === undefined ? typed : fc.oneof(fc.constant(json(example)), typed);
  }

  private ofType(schema: Schema, depth: number): fc.Arbitrary<string> {
    switch (schema.type) {
      case 'string':
        if (schema.format === 'uuid') return fc.uuid().map(json);
        return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('2027-08-01', '2027-12-31', 'BE', 'EUR', 'en')).map(json);
      case 'integer':
      case 'number':
        return fc.integer({ min: Math.max(schema.minimum ?? -1_000_000, -2_147_483_648), max: Math.min(schema.maximum ?? 1_000_000, 2_147_483_647) }).map(json);
      case 'boolean':
        return fc.boolean().map(json);
      case 'array':
        return depth > 3 ? fc.constant('[]') : fc.array(this.value(schema.items ?? {}, depth + 1), { maxLength: 3 }).map((items) => `[${items.join(',')}]`);
      case 'object':
      case undefined:
        if (schema.properties) return depth > 3 ? fc.constant('{}') : this.object(schema, depth + 1);
        if (schema.additionalProperties || schema.type === 'object') return fc.jsonValue({ maxDepth: 3 }).map(json);
        throw new Error(`no generator for the schema ${json(schema)}`);
      default:
        throw new Error(`no generator for the type ${schema.type}`);
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<string> {
    const properties = Object.entries(schema.properties ?? {});
    if (properties.length === 0 && !schema.additionalProperties) throw new Error(`no generator for the schema ${json(schema)}`);
    const declared = properties.map(([key, property]) => fc.option(this.value(property, depth).map((v) => `${json(key)}:${v}`), { nil: undefined, freq: 4 }));
    const extra = fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostile).map(([key, v]) => `${json(key)}:${v}`), { maxLength: 2 });
    return fc.tuple(fc.tuple(...declared), fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: extra })).map(([own, more]) => `{${[...own.filter((p): p is string => p !== undefined), ...more].join(',')}}`);
  }
}

/**
 * Properties of every route that takes a JSON body or a query: whatever arrives (wrong types, huge
 * or odd strings, numbers at int32/int64 edges, invalid dates, nested garbage, prototype-pollution
 * keys), the answer is never a 5xx; every error is problem+json without a stack trace, a 400
 * names its fields; the server's Object.prototype stays clean; and bodies with an undeclared field
 * change nothing in the database.
 */
describe('security: fuzzing every input DTO', () => {
  let t: TestApp;
  let x: Tenant;
  let doc: OpenApi;
  let generators: BodyGenerators;
  /** A member of x's authority the user-administration route may rewrite (not a caller of these tests). */
  let victimId: string;
  let platform: TestActor;
  const anonymous = { auth: '' } as TestActor;
  let callers: Array<[string, TestActor]>;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '10000' });
    t.clock.freeze(SCENARIO_NOW);
    x = await buildTenant(t);
    platform = await createActor(t, 'platform', 'admin');
    victimId = (await createUser(t, x.buyer.organisation, 'member')).id;
    callers = [['anonymous', anonymous], ['buyer', x.buyer], ['supplier', x.supplier], ['auditor', x.auditor], ['platform', platform]];
    doc = (await request(t.http).get('/api/docs-json').expect(200)).body as OpenApi;
    generators = new BodyGenerators(doc.components.schemas);
  }, 180_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  /** A real record for each path parameter, so that a body reaches its service. */
  function fill(route: string): string {
    const ids: Record<string, string> = {
      'action-plans:id': x.planId,
      'action-plans:actionId': x.actionId,
      'assessments:id': x.draftAssessmentId,
      'contracts:id': x.contractId,
      'questionnaire-templates:id': x.draftTemplateId,
      'findings:id': x.freeFindingId,
      'reports:id': x.reportId,
      'defaults:id': x.defaultId,
      'penalties:id': x.penaltyId,
      'bonus-malus:id': x.settlementId,
      'organisations:id': x.buyer.organisation.id,
      'organisations:userId': victimId,
      'organisations:invitationId': x.invitationId,
      'exports:id': x.exportId,
      'evidence:id': x.evidenceId,
    };
    const resource = route.split(' ')[1].split('/')[3];
    return route.split(' ')[1].replace(/:(\w+)/g, (_m, param: string) => {
      const id = ids[`${resource}:${param}`];
      if (!id) throw new Error(`no record for :${param} of ${route}: add one`);
      return id;
    });
  }

  function call(route: string, actor: TestActor, body?: string): request.Test {
    const method = route.split(' ')[0].toLowerCase();
    const req = (request(t.http) as unknown as Record<string, (url: string) => request.Test>)[method](fill(route));
    if (actor.auth) req.set('authorization', actor.auth);
    return body === undefined ? req : req.set('content-type', 'application/json').send(body);
  }

  function expectSane(res: Response, route: string, body: string): void {
    const said = `${route} with ${body.slice(0, 300)}`;
    if (res.status >= 500) throw new Error(`${said} answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status < 400) return;
    if (!/^application\/problem\+json/.test(res.headers['content-type'] ?? '')) throw new Error(`${said} answered ${res.status} as ${res.headers['content-type']}`);
    if (/\n\s+at |node_modules|QueryFailedError|TypeError|ReferenceError/.test(JSON.stringify(res.body))) throw new Error(`${said} leaked internals: ${JSON.stringify(res.body)}`);
    if (res.body.code === 'validation_failed' && !(Array.isArray(res.body.errors) && res.body.errors.length > 0)) throw new Error(`${said} answered a 400 naming no field`);
  }

  function expectCleanPrototype(): void {
    const probe = {} as Record<string, unknown>;
    expect(['polluted', 'isAdmin', 'role', 'organisationId'].filter((key) => key in probe)).toEqual([]);
  }

  /** The JSON-body routes of the OpenAPI document, each with its body schema. */
  function jsonRoutes(): Array<[string, Schema]> {
    return Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.requestBody?.content['application/json'])
        .map(([method, operation]) => [`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, operation.requestBody!.content['application/json'].schema] as [string, Schema]),
    ).sort(([a], [b]) => a.localeCompare(b));
  }

  /** The first caller the route lets through its permission check (validation runs after it). */
  async function callerFor(route: string): Promise<TestActor> {
    for (const [, actor] of callers) {
      const res = await call(route, actor, '{"__probe__":1}');
      if (res.status !== 401 && res.status !== 403) return actor;
    }
    throw new Error(`no caller gets past the permission check of ${route}`);
  }

  it('has a generator for every body the router takes, and every body is documented', () => {
    const routes = jsonRoutes();
    const documented = routes.map(([route]) => route);
    const taken = routerRoutes(t.app).filter((r) => r.takesBody).map((r) => r.route);
    expect(taken.filter((route) => !documented.includes(route))).toEqual([]);
    // The sign-in bodies are read by the passport guard, not by a @Body() parameter.
    expect(documented.filter((route) => !taken.includes(route))).toEqual(['POST /api/v1/auth/browser/login', 'POST /api/v1/auth/login']);
    const missing: string[] = [];
    for (const [route, schema] of routes) {
      try {
        generators.body(schema);
        fill(route);
      } catch (error) {
        missing.push(`${route}: ${(error as Error).message}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never answers a 5xx or an unformatted error to any body, and never pollutes Object.prototype', async () => {
    for (const [route, schema] of jsonRoutes()) {
      const actor = await callerFor(route);
      await fc.assert(
        fc.asyncProperty(generators.body(schema), async (body) => {
          expectSane(await call(route, actor, body), route, body);
        }),
        { numRuns: 25 },
      );
      expectCleanPrototype();
    }
  }, 240_000);

  it('never answers a 5xx to a malformed JSON text or a wrong content type', async () => {
    const texts = ['{', '{"a":', 'nul', '[1,]', '{"a":1,}', "{'a':1}", '\u0000', '"', '{"a":1}{"b":2}', `{"a":"${'\\u0000'.repeat(10)}"}`, '\ufeff{}',
      // Nested deeper than the validators recurse safely (once a 500 on every route).
      `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      // Lone surrogates, which JSON can escape and validator.js's isEmail threw on (once a 500 on every email field).
      '{"email":"\\ud800","role":"member","password":"x"}', '{"name":"a\\udc00b"}', '{"\\ud800":1}'];
    for (const [route] of jsonRoutes()) {
      const actor = await callerFor(route);
      for (const text of texts) expectSane(await call(route, actor, text), route, text);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16']) {
        const req = call(route, actor).set('content-type', type).send('a=1&b=2');
        expectSane(await req, route, `(${type}) a=1&b=2`);
      }
    }
    expectCleanPrototype();
  }, 120_000);

  it('never answers a 5xx to any query string', async () => {
    const lists = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method, operation]) => method === 'get' && (operation.parameters ?? []).some((p) => p.in === 'query'))
        .map(([, operation]) => [`GET ${path.replace(/\{(\w+)\}/g, ':$1')}`, (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)] as [string, string[]]),
    );
    expect(lists.length).toBeGreaterThan(10);
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...HOSTILE_STRINGS.slice(0, -1), ...EDGE_NUMBERS), fc.uuid());
    for (const [route, names] of lists) {
      const actor = await callerFor(route);
      const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'x', '', '[]', 'a[b]') });
      await fc.assert(
        fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 5 }), async (pairs) => {
          const query = pairs.map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`).join('&');
          const url = `${fill(route)}?${query}`;
          const req = request(t.http).get(url);
          if (actor.auth) req.set('authorization', actor.auth);
          expectSane(await req, route, `?${query}`);
        }),
        { numRuns: 20 },
      );
    }
    expectCleanPrototype();
  }, 120_000);

  it('changes nothing in the database for a body with an undeclared field', async () => {
    const before = await databaseChecksum(t);
    // Sign-in, invitation acceptance and password change count every attempt in rate_limits, by design.
    const sample = jsonRoutes().filter(([route]) => !/\/auth\/|\/invitations\/accept|\/me\/password/.test(route));
    expect(sample.length).toBeGreaterThan(30);
    for (const [route, schema] of sample) {
      const actor = await callerFor(route);
      await fc.assert(
        fc.asyncProperty(generators.body(schema), async (body) => {
          const undeclared = body.startsWith('{') && body !== '{}' ? `{"zzUndeclared":true,${body.slice(1)}` : '{"zzUndeclared":true}';
          const res = await call(route, actor, undeclared);
          expectSane(res, route, undeclared);
          if (res.status < 400) throw new Error(`${route} took an undeclared field: ${res.status} for ${undeclared.slice(0, 300)}`);
        }),
        { numRuns: 5 },
      );
    }
    expect(await databaseChecksum(t)).toEqual(before);
  }, 120_000);
});
