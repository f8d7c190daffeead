import type { EntityManager } from '@mikro-orm/sql';

/**
 * A fork of the request's EntityManager for one write's transaction: its statements reach the request's recorder
 * (the fork keeps the logger context), but the entities it loads and creates stay in the fork, so a read after
 * the write runs its own SQL instead of being answered from what the write left in memory.
 */
export function writeFork(em: EntityManager): EntityManager {
  return em.fork({ clear: true });
}
