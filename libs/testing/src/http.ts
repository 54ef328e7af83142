import request, { Response } from 'supertest';
import { TestActor } from './factories';
import { TestApp } from './test-app';

/** Collects a binary body (downloads) as a Buffer. */
export function binaryParser(res: NodeJS.ReadableStream, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}

/**
 * Requests under /api/v1 as `actor`; `version` sets If-Match. For the common case of the
 * due-diligence suites: `const api = apiAs(() => t); await api(buyer).post('/assessments', body).expect(201)`.
 */
export function apiAs(app: TestApp | (() => TestApp)) {
  return (actor: TestActor) => {
    const t = typeof app === 'function' ? app() : app;
    const withVersion = (r: request.Test, version?: number) => (version === undefined ? r : r.set('if-match', `"${version}"`));
    const as = (r: request.Test) => r.set('authorization', actor.auth);
    return {
      get: (path: string) => as(request(t.http).get(`/api/v1${path}`)),
      post: (path: string, body?: object, version?: number) => {
        const r = withVersion(as(request(t.http).post(`/api/v1${path}`)), version);
        return body ? r.send(body) : r;
      },
      put: (path: string, body: object, version?: number) => withVersion(as(request(t.http).put(`/api/v1${path}`)), version).send(body),
      patch: (path: string, body: object, version?: number) => withVersion(as(request(t.http).patch(`/api/v1${path}`)), version).send(body),
      delete: (path: string) => as(request(t.http).delete(`/api/v1${path}`)),
      download: (evidenceId: string) => as(request(t.http).get(`/api/v1/evidence/${evidenceId}`)).buffer(true).parse(binaryParser as never),
    };
  };
}

/** A problem body without what differs between any two requests (requestId, instance): compare 404s byte for byte. */
export function comparableProblem(response: Response): string {
  const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;
  const { requestId: _requestId, instance: _instance, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return JSON.stringify(rest);
}
