import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainException } from './domain.exception';
import { ErrorCode } from './error-code';
import { isDatabaseUnavailable, toProblem } from './problem';

describe('toProblem', () => {
  it('maps a domain exception to its status and code', () => {
    const { problem, unexpected } = toProblem(new DomainException(ErrorCode.EmailTaken, 'taken'), '/x', 'r1');
    expect(problem).toEqual({ type: 'urn:ddp:problem:email_taken', title: expect.any(String), status: 409, detail: 'taken', code: 'email_taken', instance: '/x', requestId: 'r1' });
    expect(unexpected).toBe(false);
  });

  it('recognises Fastify’s bad JSON after Nest wrapped it', () => {
    expect(toProblem(new HttpException("Body is not valid JSON but content-type is set to 'application/json'", 400)).problem.code).toBe(ErrorCode.InvalidJson);
    expect(toProblem(new BadRequestException('other')).problem.code).toBe(ErrorCode.ValidationFailed);
    expect(toProblem(new NotFoundException()).problem.code).toBe(ErrorCode.NotFound);
  });

  it('hides the detail of anything unexpected', () => {
    const { problem, unexpected } = toProblem(new Error('secret internal detail at /srv/app.js:1'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret internal detail');
    expect(unexpected).toBe(true);
  });

  it('answers 503 for a database outage and 409 for a unique violation', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblem(refused).problem.status).toBe(503);
    const shutdown = new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }));
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(toProblem(shutdown).problem.code).toBe(ErrorCode.DatabaseUnavailable);
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(toProblem(unique).problem.status).toBe(409);
    expect(toProblem(new Error('Connection terminated unexpectedly')).problem.status).toBe(503);
    // TypeORM's transaction whose connection died mid-way (seen under load while the database restarted)
    expect(toProblem(new Error('Query runner already released. Cannot run queries anymore.')).problem.status).toBe(503);
  });
});

describe('loggableError', () => {
  it('keeps the shape of a database error, never its query, parameters or failing row', () => {
    const { loggableError } = jest.requireActual<typeof import('./problem-details.filter')>('./problem-details.filter');
    const driverError = Object.assign(new Error('new row for relation "users" violates check constraint "users_name_check"'), {
      code: '23514',
      constraint: 'users_name_check',
      table: 'users',
      detail: 'Failing row contains (…, jan@gent.example, $argon2id$v=19$m=19456…)',
    });
    const error = new QueryFailedError('INSERT INTO users … VALUES ($1, $2)', ['jan@gent.example', '$argon2id$v=19$secret'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('23514');
    expect(logged).toContain('users_name_check');
    expect(logged).not.toMatch(/argon2|jan@gent|Failing row|INSERT INTO/);
  });
});
