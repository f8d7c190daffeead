import { Reference } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { ormCall } from '../db/query-listener';
import { entityRoots } from '../loading/root-queries';
import type { EntityStrategy } from './strategy';

/**
 * orm-dataloader: naive's resolvers, one load per parent, but each through MikroORM 7's own dataloader
 * (`dataloader: true` on `Collection.load`, `Collection.loadCount` and `Reference.load`). The ORM collects the
 * loads of one tick and sends one grouped statement per relation, as batched does by hand, and hands back
 * entities. A reference the request already loaded (a user who is also a root) is answered from the identity
 * map without SQL: that is what the ORM gives for free, so it is left as it is.
 */
export function createOrmDataloaderStrategy(em: EntityManager): EntityStrategy {
  const loadOptions = { dataloader: true } as const;
  return {
    ...entityRoots(em),

    ordersOfUser: (user) => ormCall(em, async () => (await user.orders.load(loadOptions)).getItems()),
    orderCountOfUser: (user) => ormCall(em, () => user.orders.loadCount(loadOptions)),
    userOfOrder: (order) => ormCall(em, () => Reference.create(order.user).loadOrFail(loadOptions)),
    itemsOfOrder: (order) => ormCall(em, async () => (await order.items.load(loadOptions)).getItems()),
    orderOfItem: (item) => ormCall(em, () => Reference.create(item.order).loadOrFail(loadOptions)),
    productOfItem: (item) => ormCall(em, () => Reference.create(item.product).loadOrFail(loadOptions)),
  };
}
