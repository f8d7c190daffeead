import type { EntityManager } from '@mikro-orm/sql';

/**
 * After a write, the entity strategies drop the request's identity map: an entity loaded before the write would
 * otherwise be served as it was (an order's old status, a user's orders without the new one). MikroORM can only
 * unlink one entity from every other (unsetIdentity, made for deletes), so the whole map goes; later reads run
 * their own SQL.
 */
export function forgetEntities(em: EntityManager): void {
  em.clear();
}
