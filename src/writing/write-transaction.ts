import type { EntityManager } from '@mikro-orm/sql';
import { ormCall } from '../db/query-listener';

/**
 * Runs one write in a transaction of its own, timed as an ORM call of the request. The transaction runs in a fork
 * of the request's EntityManager: its statements reach the request's recorder (the fork keeps the logger context),
 * but the entities it loads and creates stay in the fork, so a read after the write runs its own SQL instead of
 * being answered from what the write left in memory.
 */
export function inWriteTransaction<T>(em: EntityManager, write: (tx: EntityManager) => Promise<T>): Promise<T> {
  return ormCall(em, () => em.fork({ clear: true }).transactional(write));
}
