import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where `vite build` writes the web portal (dist/web at the repository root, from sources or from dist/). */
export function webUiDir(): string {
  return resolve(__dirname, __filename.endsWith('.ts') ? '../../../../dist/web' : '../../../../web');
}

/** Paths the portal never owns: the API, its documentation and the probes. */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url.startsWith('/health/');
}

/**
 * Serves the built web portal at `/`: hashed files under /assets/ cached for a year (immutable),
 * other files revalidated, and every other GET that is not the API answered with index.html (the
 * portal's router takes the path), never cached so that a new release is picked up at once.
 * Without a build (e.g. API-only tests), `/` leads to the API documentation.
 */
export async function registerWebUi(fastify: FastifyInstance, dir = webUiDir()): Promise<boolean> {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    fastify.get('/', (_request: FastifyRequest, reply: FastifyReply) => reply.redirect('/api/docs', 302));
    return false;
  }
  const index = readFileSync(indexFile);
  await fastify.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      void reply.header('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (isApiPath(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index);
  };
  fastify.get('/', page);
  fastify.get('/*', page);
  return true;
}
