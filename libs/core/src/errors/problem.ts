import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { DomainException, FieldError } from './domain.exception';
import { ERROR_STATUS, ERROR_TITLE, ErrorCode } from './error-code';

/** RFC 9457 problem details, with our stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Connection-level failures: the database is down or restarting, not the request's fault. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);
/**
 * TypeORM releases a transaction's query runner when its connection emits `error` (the server went
 * away mid-transaction); the transaction's next query then fails with "… already released".
 */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /not queryable/i,
  /Connection is not established/i,
  /query runner (was )?already released/i,
];

/** Data exceptions caused by a value: bad syntax, out of range, bad encoding, too long, a CHECK. */
const INPUT_SQLSTATES = new Set(['22P02', '22003', '22021', '22001', '22007', '22008', '23514', '22P05']);

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.ValidationFailed,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.RateLimited,
  503: ErrorCode.DatabaseUnavailable,
};

export interface ClassifiedError {
  problem: Problem;
  /** True when the error is ours (a bug or an outage) rather than the client's. */
  unexpected: boolean;
}

/** Turns anything thrown while serving a request into a problem the client may see. */
export function toProblem(error: unknown, instance?: string, requestId?: string): ClassifiedError {
  const base = (code: ErrorCode, detail?: string, errors?: FieldError[]): Problem => ({
    type: `urn:ddp:problem:${code}`,
    title: ERROR_TITLE[code],
    status: ERROR_STATUS[code],
    ...(detail ? { detail } : {}),
    code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  });

  if (error instanceof DomainException) return { problem: base(error.code, error.detail, error.errors), unexpected: false };
  if (error instanceof ThrottlerException) return { problem: base(ErrorCode.RateLimited, 'Too many attempts; retry after the time given in Retry-After'), unexpected: false };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : response;
    // Nest turns Fastify's body-parser errors (FST_ERR_CTP_*) into plain HttpExceptions: recognise bad JSON.
    const badJson = status === 400 && typeof message === 'string' && /JSON|application\/json/.test(message);
    const code = badJson ? ErrorCode.InvalidJson : (HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.InternalError : ErrorCode.ValidationFailed));
    const detail = status >= 500 ? undefined : Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
    return { problem: { ...base(code, detail), status }, unexpected: status >= 500 };
  }
  if (isDatabaseUnavailable(error)) return { problem: base(ErrorCode.DatabaseUnavailable, 'The database is unreachable; retry shortly'), unexpected: true };
  if (error instanceof QueryFailedError) {
    const sqlState = (error.driverError as { code?: string } | undefined)?.code ?? '';
    // Two requests collided (both were rolled back cleanly): the client may simply retry.
    if (sqlState === '40P01' || sqlState === '40001') return { problem: base(ErrorCode.Conflict, 'The request collided with a concurrent one; retry it'), unexpected: true };
    if (sqlState === '23505') return { problem: base(ErrorCode.Conflict, 'A record with the same unique values already exists'), unexpected: false };
    if (sqlState === '23503') return { problem: base(ErrorCode.Conflict, 'A record it refers to does not exist (any more)'), unexpected: true };
    // Backstop for input the DTOs let through: a bad value is the client's 400, never a 500 (logged to fix the DTO).
    if (INPUT_SQLSTATES.has(sqlState)) return { problem: base(ErrorCode.ValidationFailed, 'A value is not acceptable'), unexpected: true };
  }
  const fastify = fastifyError(error);
  if (fastify) return { problem: fastify.status === 413 ? base(ErrorCode.PayloadTooLarge, fastify.message) : { ...base(fastify.code, fastify.message), status: fastify.status }, unexpected: false };
  return { problem: base(ErrorCode.InternalError, 'An unexpected error occurred; it has been logged with the request id'), unexpected: true };
}

type ErrorLike = { message?: unknown; code?: unknown; statusCode?: unknown; driverError?: unknown };

/** Duck-typed: errors from Node's own modules may come from another realm (e.g. under Jest). */
function asErrorLike(error: unknown): ErrorLike | undefined {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const outer = asErrorLike(error);
  if (!outer) return false;
  const candidates = [outer, asErrorLike(outer.driverError)].filter((e): e is ErrorLike => e !== undefined);
  return candidates.some((e) => {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    return UNAVAILABLE_MESSAGES.some((re) => re.test(message));
  });
}

/** Errors raised by Fastify itself before a handler runs (body parsing, limits, media types). */
function fastifyError(error: unknown): { status: number; code: ErrorCode; message: string } | undefined {
  const e = asErrorLike(error) as { statusCode?: number; code?: string; message?: string } | undefined;
  if (!e) return undefined;
  if (typeof e.statusCode !== 'number' || e.statusCode < 400 || e.statusCode >= 500) return undefined;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: ErrorCode.PayloadTooLarge, message: 'The request body exceeds 1 MB' };
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: ErrorCode.UnsupportedMediaType, message: 'Send application/json' };
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return { status: 400, code: ErrorCode.InvalidJson, message: 'The body could not be parsed as JSON' };
  }
  return { status: e.statusCode, code: HTTP_CODES[e.statusCode] ?? ErrorCode.ValidationFailed, message: String(e.message ?? '') };
}
