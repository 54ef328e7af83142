import { Injectable } from '@nestjs/common';
import { RequestContext } from '../context/request-context';
import { DomainException } from '../errors/domain.exception';

/**
 * Returns the subset of `ids` the actor may use, computed in SQL. Each domain registers one
 * checker per resource type; a type without a checker is denied.
 */
export type AccessChecker = (ctx: RequestContext, ids: string[]) => Promise<Set<string>>;

/**
 * The one deny-by-default access policy (Immich's `requireAccess`). "Missing" and "not yours"
 * both answer 404 with the same body, so a response never reveals that a record exists.
 */
@Injectable()
export class AccessPolicy {
  private readonly checkers = new Map<string, AccessChecker>();

  register(resource: string, checker: AccessChecker): void {
    if (this.checkers.has(resource)) throw new Error(`An access checker for '${resource}' is registered already`);
    this.checkers.set(resource, checker);
  }

  /** Throws 404 unless the actor may use every one of `ids`. */
  async require(ctx: RequestContext, resource: string, ids: string | string[]): Promise<void> {
    const wanted = [...new Set(Array.isArray(ids) ? ids : [ids])];
    const allowed = await this.filter(ctx, resource, wanted);
    if (allowed.size !== wanted.length) throw DomainException.notFound();
  }

  async filter(ctx: RequestContext, resource: string, ids: string[]): Promise<Set<string>> {
    const checker = this.checkers.get(resource);
    if (!checker || !ctx.actor || ids.length === 0) return new Set();
    return checker(ctx, ids);
  }
}
