import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, RequestContext } from '@ddp/core';

/** The request's context for service calls: request id and the authenticated actor. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
  const requestId = (request.raw as { id?: string }).id ?? String(request.id);
  return new RequestContext(requestId, request.user || undefined);
});
