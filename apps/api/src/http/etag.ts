import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainException } from '@ddp/core';

/** The ETag of a versioned record: its version number, quoted (a strong validator). */
export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(reply: FastifyReply, version: number): void {
  void reply.header('etag', etagOf(version));
}

/**
 * The version a write is based on, from `If-Match` ("3", W/"3" or 3); undefined when absent.
 * Anything else is a 400 naming the header.
 */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(header));
  if (!match) throw DomainException.validation([{ field: 'If-Match', message: 'If-Match must be the ETag you read, e.g. "3"' }]);
  return Number(match[1]);
});

/** The Idempotency-Key header, if any. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  return header === undefined ? undefined : String(header);
});
