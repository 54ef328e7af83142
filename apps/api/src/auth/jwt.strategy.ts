import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Actor, APP_CONFIG, AppConfig, RequestContext } from '@ddp/core';
import { AccessClaims, UsersService } from '@ddp/identity';

/** Verifies the access token (HS256 only, issuer and audience checked) and loads the active user. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to read it as a
      // public key and builds a key object on every verification (~0.5 ms of CPU per request).
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET!, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  /** A token outlives neither its user's removal, a change of role, nor the end of its session: the database decides. */
  async validate(claims: AccessClaims): Promise<Actor | false> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (typeof claims.sub !== 'string' || !uuid.test(claims.sub) || typeof claims.sid !== 'string' || !uuid.test(claims.sid)) return false;
    const found = await this.users.findActiveActor(RequestContext.system(), claims.sub, claims.sid);
    return found?.actor ?? false;
  }
}
