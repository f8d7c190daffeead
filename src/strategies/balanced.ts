import type { EntityManager } from '@mikro-orm/sql';
import { createPopulatedStrategy } from './populated';
import type { EntityStrategy } from './strategy';

/**
 * balanced: MikroORM 7's default loading strategy. To-one relations (an item's product, an order's user) are
 * JOINed into the statement of their parent; to-many relations (a user's orders) get a statement of their own,
 * so rows never multiply. Loaded into entities.
 */
export function createBalancedStrategy(em: EntityManager): EntityStrategy {
  return createPopulatedStrategy(em, 'balanced');
}
