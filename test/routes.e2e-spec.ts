import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import request from 'supertest';
import { createActor, createTestApp, routerRoutes, TestApp } from '@ddp/testing';
import { AccessGuard } from '../apps/api/src/auth/access.guard';

/** Every route the api serves, read from the router's own metadata, with what it requires. */
const listRoutes = (t: TestApp): Array<{ route: string; access: string }> => routerRoutes(t.app).map(({ route, access }) => ({ route, access }));

describe('route permissions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('lists every route with its permission (a new route shows up in this snapshot)', () => {
    const routes = listRoutes(t);
    expect(routes.length).toBeGreaterThanOrEqual(14);
    expect(routes.map((r) => `${r.route} -> ${r.access}`)).toMatchSnapshot();
  });

  it('has no route without a declaration', () => {
    expect(listRoutes(t).filter((r) => r.access === 'UNDECLARED')).toEqual([]);
  });

  it('lists routes that the server really serves', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const { route } of listRoutes(t)) {
      const [method, path] = route.split(' ');
      expect({ route, served: fastify.hasRoute({ method: method as 'GET', url: path.replace(/:(\w+)/g, ':$1') }) }).toEqual({ route, served: true });
    }
  });

  it('serves the OpenAPI document with every route in it', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(listRoutes(t).map((r) => r.route).sort());
  });
});

describe('the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('documents each operation with a summary, a success response and its problems as problem+json with examples', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    const gaps: string[] = [];
    for (const [path, operations] of Object.entries(res.body.paths as Record<string, Record<string, { summary?: string; responses: Record<string, { content?: Record<string, { examples?: object; example?: object }> }> }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!operation.summary) gaps.push(`${name}: no summary`);
        const statuses = Object.keys(operation.responses);
        if (!statuses.some((s) => /^2/.test(s))) gaps.push(`${name}: no success response`);
        const problems = statuses.filter((s) => /^[45]/.test(s));
        if (!path.startsWith('/health') && problems.length === 0) gaps.push(`${name}: no problem responses`);
        for (const status of problems) {
          const content = operation.responses[status].content?.['application/problem+json'];
          if (!content?.examples) gaps.push(`${name} ${status}: no problem+json example`);
        }
      }
    }
    expect(gaps).toEqual([]);
  });
});

/** The document the web portal's client is generated from (`npm run api:client`). */
const WEB_CLIENT_DOCUMENT = join(__dirname, '../apps/web/src/api/openapi.json');

describe('the web portal API client', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('is generated from the document the API serves (run `npm run api:client` after changing the API)', async () => {
    const res = await request(t.http).get('/api/docs-json').expect(200);
    if (process.env.UPDATE_API_CLIENT === '1') writeFileSync(WEB_CLIENT_DOCUMENT, `${JSON.stringify(res.body, null, 2)}\n`);
    expect(JSON.parse(readFileSync(WEB_CLIENT_DOCUMENT, 'utf8'))).toEqual(res.body);
  });
});

@Controller('undeclared')
class UndeclaredController {
  @Get()
  open(): string {
    return 'should never be served';
  }
}

describe('a route without a declaration', () => {
  it('is denied by the global guard, even with a valid token', async () => {
    const t = await createTestApp();
    try {
      const actor = await createActor(t, 'platform', 'admin');
      const guard = new AccessGuard(t.app.get(Reflector));
      const context = {
        getHandler: () => UndeclaredController.prototype.open,
        getClass: () => UndeclaredController,
        switchToHttp: () => ({ getRequest: () => ({ headers: { authorization: actor.auth } }), getResponse: () => ({}) }),
      };
      await expect(guard.canActivate(context as never)).rejects.toMatchObject({ code: 'forbidden', detail: 'This route declares no permission' });
    } finally {
      await t.close();
    }
  });
});
