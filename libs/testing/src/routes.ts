import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { PERMISSION_KEY, PUBLIC_KEY } from '@ddp/core';

/** A route the api serves, read from the router's own metadata. */
export interface RouteInfo {
  /** `METHOD /full/path/:param`, as in test/__snapshots__/routes.e2e-spec.ts.snap. */
  route: string;
  method: string;
  path: string;
  /** `public`, the permission the route declares, or `UNDECLARED`. */
  access: string;
  /** Whether the handler takes a `@Body()`. */
  takesBody: boolean;
  /** The controller class and handler, e.g. to read the body DTO from the design metadata. */
  controller: new (...args: never[]) => unknown;
  handler: string;
}

/**
 * Every route the api serves, sorted, from the controllers' metadata (not from a list kept by
 * hand): the tests built on it (route snapshot, role matrix, cross-tenant, mass assignment,
 * fuzzing) fail when a new route is not covered.
 */
export function routerRoutes(app: INestApplication): RouteInfo[] {
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const own = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler))].filter((p) => p && p !== '/').join('/')}`;
        const path = own.startsWith('/health/') ? own : `/api/v1${own}`;
        const targets = [handler, type];
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
        const permission = reflector.getAllAndOverride<string>(PERMISSION_KEY, targets);
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, unknown>;
        routes.push({
          route: `${method} ${path}`,
          method,
          path,
          access: isPublic ? 'public' : (permission ?? 'UNDECLARED'),
          takesBody: Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY)),
          controller: type,
          handler: name,
        });
      }
    }
  }
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
