import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** The one place where errors become HTTP: RFC 9457 problem+json, never a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(exception, request, reply, this.logger);
  }
}

export function sendProblem(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Logger): void {
  const requestId = (request.raw as { id?: string }).id ?? String(request.id);
  const path = request.url.split('?')[0];
  const { problem, unexpected } = toProblem(exception, path, requestId);
  if (unexpected) logger.error({ err: loggableError(exception), requestId, path }, `${problem.code} on ${request.method} ${path}`);
  if (reply.sent) return;
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/**
 * What of an error may go to the logs. A QueryFailedError carries the query, its parameters and
 * the failing row ("Failing row contains …"): password hashes, emails, tokens. Only its shape stays.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { name?: unknown; message?: unknown; stack?: unknown; code?: unknown; driverError?: unknown; constraint?: unknown; table?: unknown };
  const driver = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : e) as { code?: unknown; constraint?: unknown; table?: unknown; routine?: unknown };
  const isDatabase = e.driverError !== undefined || (typeof driver.code === 'string' && /^[0-9A-Z]{5}$/.test(driver.code));
  return {
    type: e.name ?? error.constructor?.name,
    message: isDatabase ? undefined : e.message,
    code: driver.code ?? e.code,
    ...(isDatabase ? { constraint: driver.constraint, table: driver.table, routine: driver.routine } : {}),
    stack: typeof e.stack === 'string' ? e.stack.split('\n').slice(1, 12).join('\n') : undefined,
  };
}
