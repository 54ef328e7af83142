import { EntityManager } from 'typeorm';
import { Actor } from '../auth/roles';

/**
 * What every service method takes first: who acts, for which request, and the transaction
 * (if one is open) that every query of the use case must run in.
 */
export class RequestContext {
  constructor(
    readonly requestId: string | undefined,
    readonly actor: Actor | undefined,
    readonly em?: EntityManager,
  ) {}

  /** No actor: the worker, the CLI, or a request before anyone is authenticated (login). */
  static system(requestId?: string): RequestContext {
    return new RequestContext(requestId, undefined);
  }

  withTransaction(em: EntityManager): RequestContext {
    return new RequestContext(this.requestId, this.actor, em);
  }

  withActor(actor: Actor): RequestContext {
    return new RequestContext(this.requestId, actor, this.em);
  }

  /** The actor, for routes that require authentication. */
  get requiredActor(): Actor {
    if (!this.actor) throw new Error('RequestContext has no actor: the route must not be public');
    return this.actor;
  }
}
