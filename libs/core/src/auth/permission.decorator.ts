import { SetMetadata } from '@nestjs/common';
import { Permission } from './permissions';

export const PERMISSION_KEY = 'ddp:permission';
export const PUBLIC_KEY = 'ddp:public';

/** The route needs this permission; the access policy then checks the records it touches. */
export const RequirePermission = (permission: Permission): MethodDecorator & ClassDecorator =>
  SetMetadata(PERMISSION_KEY, permission);

/** The route is open to anyone (login, health, invitation acceptance). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);
