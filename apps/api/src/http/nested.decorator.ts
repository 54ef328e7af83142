import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A nested DTO (or, with `each`, an array of them) validated by its own rules. `@ValidateNested`
 * alone lets an array or a scalar through where an object is expected (found by fuzzing: the
 * service then failed with a 500); `@IsObject` refuses it with a 400 naming the field.
 */
export function Nested(type: () => new () => object, options: { each?: boolean } = {}): PropertyDecorator {
  return applyDecorators(IsObject({ each: options.each }), ValidateNested({ each: options.each }), Type(type));
}
