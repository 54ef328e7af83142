import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches, ValidationOptions } from 'class-validator';

/** C0/C1 control characters (NUL breaks PostgreSQL text) and unpaired surrogates (not valid UTF-8). */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const PRINTABLE = new RegExp(`^(?:(?!${UNPRINTABLE.source}).)*$`, 's');

/** True when the text has no control character and no unpaired surrogate. */
export function isPrintable(text: string): boolean {
  return !UNPRINTABLE.test(text);
}

/**
 * Human text: trimmed first, then `min`..`max` characters, without control characters. A name of
 * spaces is empty, and a NUL byte is a 400 rather than a database error.
 */
export function CleanText(min: number, max: number, options: ValidationOptions = {}): PropertyDecorator {
  const trim = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (options.each && Array.isArray(value) ? value.map(trim) : trim(value))),
    IsString(options),
    Length(min, max, options),
    Matches(PRINTABLE, { ...options, message: ({ property }) => `${property} must not contain control characters` }),
  );
}
