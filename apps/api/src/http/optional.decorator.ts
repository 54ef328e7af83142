import { ValidateIf } from 'class-validator';

/**
 * May be left out, but not sent as null: unlike `@IsOptional()`, a `null` is validated (and
 * refused by the field's other rules) rather than passed on to a column that cannot hold it.
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
