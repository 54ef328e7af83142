import { applyDecorators } from '@nestjs/common';
import { IsString, ValidateBy } from 'class-validator';
import { isCalendarDate } from '@ddp/core';

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not): a 400 naming the field otherwise. */
export function CalendarDate(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    ValidateBy({
      name: 'isCalendarDate',
      validator: { validate: (value: unknown) => isCalendarDate(value), defaultMessage: (args) => `${args?.property ?? 'date'} must be a date YYYY-MM-DD` },
    }),
  );
}
