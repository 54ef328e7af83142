import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { RequestContext } from '@ddp/core';
import { AuthService, User } from '@ddp/identity';

/** Email and password login (passport-local). */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true, session: false });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<User> {
    return this.auth.verifyCredentials(RequestContext.system((request.raw as { id?: string }).id), email, password);
  }
}
