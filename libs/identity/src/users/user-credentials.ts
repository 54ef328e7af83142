import { Database, RequestContext } from '@ddp/core';
import { User } from './user.entity';

/**
 * A user with the password hash (never selected otherwise) and the organisation, by id or by
 * email; `lock` takes the user row FOR UPDATE (the first lock of the session lock order).
 */
export function findUserWithCredentials(db: Database, ctx: RequestContext, by: { id: string } | { email: string }, lock = false): Promise<User | null> {
  const qb = db.repo(ctx, User).createQueryBuilder('u').addSelect('u.passwordHash').innerJoinAndSelect('u.organisation', 'o');
  if ('id' in by) qb.where('u.id = :id', { id: by.id });
  else qb.where('u.email = :email', { email: by.email.trim().toLowerCase() });
  if (lock) qb.setLock('pessimistic_write', undefined, ['u']);
  return qb.getOne();
}
