import { Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainException, ErrorCode } from '@ddp/core';

/** Path ids must be UUIDs: anything else is a 400 naming the parameter, never a 500 from SQL. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: { data?: string }): string {
    if (!isUUID(value)) {
      const field = metadata.data ?? 'id';
      throw new DomainException(ErrorCode.InvalidId, `${field} must be a UUID`, [{ field, message: 'must be a UUID' }]);
    }
    return value.toLowerCase();
  }
}
