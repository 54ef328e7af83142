import request from 'supertest';
import { createTestApp, TestApp } from '@ddp/testing';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('is live without authentication', async () => {
    const res = await request(t.http).get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers', async () => {
    const res = await request(t.http).get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('echoes a sane X-Request-Id and invents one otherwise', async () => {
    const given = await request(t.http).get('/health/live').set('x-request-id', 'trace-abc-12345').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-abc-12345');
    const invented = await request(t.http).get('/health/live').set('x-request-id', 'bad id with spaces').expect(200);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
