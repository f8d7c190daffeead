import type { EntityManager } from '@mikro-orm/sql';
import { createPopulatedStrategy } from './populated';
import type { EntityStrategy } from './strategy';

/**
 * select-in: MikroORM populate hints from the selection, loaded one statement per level (`where user_id in
 * (…)` for the orders of all users, then the items of all orders, …) into entities. As few statements as
 * batched, no duplicated rows as with joined, and the ORM's full entity hydration.
 */
export function createSelectInStrategy(em: EntityManager): EntityStrategy {
  return createPopulatedStrategy(em, 'select-in');
}
