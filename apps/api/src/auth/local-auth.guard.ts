import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException, ErrorCode } from '@ddp/core';
import { LoginDto } from '../identity/auth.dto';

/**
 * Guards run before pipes, so the login body is validated here first: a malformed body is a
 * 400 naming the field, not passport's "missing credentials".
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    const dto = plainToInstance(LoginDto, body ?? {});
    const errors = typeof body === 'object' && body !== null ? await validate(dto, { whitelist: true, forbidNonWhitelisted: true }) : [];
    if (typeof body !== 'object' || body === null) throw DomainException.validation([{ field: 'body', message: 'must be a JSON object with email and password' }]);
    if (errors.length > 0) {
      throw DomainException.validation(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))));
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof DomainException) throw error;
    if (error || !user) throw new DomainException(ErrorCode.InvalidCredentials);
    return user;
  }
}
