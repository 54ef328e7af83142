import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Actor, DomainException, ErrorCode, hasPermission, isDatabaseUnavailable, Permission, PERMISSION_KEY, PUBLIC_KEY } from '@ddp/core';

/**
 * The global guard. A route is `@Public()`, or declares the one permission it needs with
 * `@RequirePermission()`; anything else is denied, so a forgotten declaration fails closed.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (!permission) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares no permission: denied`);
      throw new DomainException(ErrorCode.Forbidden, 'This route declares no permission');
    }
    await super.canActivate(context);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (!hasPermission(actor, permission)) throw new DomainException(ErrorCode.Forbidden, `This needs the permission ${permission}`);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (isDatabaseUnavailable(error)) throw error; // 503, not "log in again"
    if (error || !user) throw new DomainException(ErrorCode.Unauthorized, 'A valid access token is required');
    return user;
  }
}
