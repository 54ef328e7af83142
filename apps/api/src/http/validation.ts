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

/** A UTF-16 surrogate without its pair: JSON can carry one (`"\ud800"`), UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The path of the first string (value or key) in `value` holding a lone surrogate, measured without
 * recursion. validator.js throws on one (isEmail's `encodeURI`: a 500 found by fuzzing), and no
 * field of ours can store it: such input is refused as a whole before any validator sees it.
 */
export function malformedStringAt(value: unknown, root: string): string | undefined {
  const pending: Array<[unknown, string]> = [[value, root]];
  while (pending.length > 0) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = path === root ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return undefined;
}

/** What makes input unsafe to hand to class-transformer and class-validator at all, as a field error. */
export function unsafeInput(value: unknown, root: string): FieldError | undefined {
  if (nestsDeeperThan(value)) return { field: root, message: `${root} is nested more than ${MAX_DEPTH} levels deep` };
  const field = malformedStringAt(value, root);
  return field === undefined ? undefined : { field, message: `${field} is not well-formed Unicode (a lone surrogate)` };
}

class DepthBoundedValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const unsafe = unsafeInput(value, metadata.type);
    if (unsafe) throw DomainException.validation([unsafe]);
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
