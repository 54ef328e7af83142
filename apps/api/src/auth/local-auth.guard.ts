import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainException, ErrorCode, isDatabaseUnavailable } from '@ddp/core';
import { LoginDto } from '../identity/auth.dto';
import { unsafeInput } from '../http/validation';

/**
 * Guards run before pipes, so the login body is validated here first: a malformed body is a
 * 400 naming the field, not passport's "missing credentials".
 */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<{ body: unknown }>().body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw DomainException.validation([{ field: 'body', message: 'must be a JSON object with email and password' }]);
    }
    const unsafe = unsafeInput(body, 'body');
    if (unsafe) throw DomainException.validation([unsafe]);
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw DomainException.validation(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))));
    }
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof DomainException || isDatabaseUnavailable(error)) throw error;
    if (error || !user) throw new DomainException(ErrorCode.InvalidCredentials);
    return user;
  }
}
