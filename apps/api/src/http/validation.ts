import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldError } from '@ddp/core';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Deeper input is refused before class-transformer and class-validator walk it: they recurse once
 * per level and overflow the stack (a 500) at about 2,000 levels. No DTO nests anywhere near this.
 */
export const MAX_DEPTH = 64;

/** Whether `value` nests objects or arrays deeper than `max`, measured without recursion. */
export function nestsDeeperThan(value: unknown, max = MAX_DEPTH): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

class DepthBoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (nestsDeeperThan(value)) throw DomainException.validation([{ field: metadata.type, message: `${metadata.type} is nested more than ${MAX_DEPTH} levels deep` }]);
    return super.transform(value, metadata);
  }
}

/** Whitelist, refuse unknown fields, transform; every failing field listed in the problem. */
export function validationPipe(): ValidationPipe {
  return new DepthBoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainException.validation(flatten(errors)),
  });
}
