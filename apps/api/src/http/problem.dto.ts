import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, ERROR_TITLE, ErrorCode, PROBLEM_CONTENT_TYPE } from '@ddp/core';

class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'email must be an email' }) message!: string;
}

/** RFC 9457 problem details, as every error is answered. */
export class ProblemDto {
  @ApiProperty({ example: 'urn:ddp:problem:validation_failed' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional({ example: 'email: email must be an email' }) detail?: string;
  @ApiProperty({ enum: ErrorCode, description: 'Stable: branch on this, not on texts', example: 'validation_failed' }) code!: ErrorCode;
  @ApiPropertyOptional({ example: '/api/v1/auth/login' }) instance?: string;
  @ApiPropertyOptional({ description: 'Also in the X-Request-Id header and the logs', example: '3f2c1a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per invalid field (validation_failed)' }) errors?: FieldErrorDto[];
}

const EXAMPLE_DETAIL: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.ValidationFailed]: 'email: email must be an email',
  [ErrorCode.NotFound]: 'The resource does not exist or is not accessible to you',
  [ErrorCode.RateLimited]: 'Too many attempts; retry after the time given in Retry-After',
  [ErrorCode.DatabaseUnavailable]: 'The database is unreachable; retry shortly',
};

/** Documents the problem+json answers a route can give, with an example each. */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...[...byStatus.entries()].map(([status, list]) =>
      ApiResponse({
        status,
        description: list.map((c) => `\`${c}\`: ${ERROR_TITLE[c]}${c === ErrorCode.NotFound ? ' (a record that is not yours answers exactly the same)' : ''}`).join('; '),
        content: {
          [PROBLEM_CONTENT_TYPE]: {
            schema: { $ref: getSchemaPath(ProblemDto) },
            examples: Object.fromEntries(
              list.map((c) => [
                c,
                {
                  value: {
                    type: `urn:ddp:problem:${c}`,
                    title: ERROR_TITLE[c],
                    status,
                    ...(EXAMPLE_DETAIL[c] ? { detail: EXAMPLE_DETAIL[c] } : {}),
                    code: c,
                    requestId: '3f2c1a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f',
                    ...(c === ErrorCode.ValidationFailed ? { errors: [{ field: 'email', message: 'email must be an email' }] } : {}),
                  },
                },
              ]),
            ),
          },
        },
      }),
    ),
  );
}

/** What any authenticated route can answer. */
export const ApiAuthenticatedProblems = (...more: ErrorCode[]): MethodDecorator & ClassDecorator =>
  ApiProblems(ErrorCode.ValidationFailed, ErrorCode.Unauthorized, ErrorCode.InvalidToken, ErrorCode.Forbidden, ErrorCode.DatabaseUnavailable, ...more);
