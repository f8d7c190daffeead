import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLResolveInfo } from 'graphql';
import { forgetEntities } from '../loading/forget';
import { loadedEntity, loadedItems, loadedValue } from '../loading/loaded';
import { findOrder, findOrders, findProduct, findProducts, findUser, findUsers, type LoadStrategy } from '../loading/root-queries';
import { schemaFacts } from '../loading/schema-facts';
import { populatePaths } from '../loading/selection';
import type { EntityStrategy } from './strategy';

/**
 * The shared body of select-in and balanced: the root resolver turns the GraphQL selection into MikroORM
 * populate hints and `em.find` loads the tree into entities with MikroORM's own loading strategy; nested
 * resolvers only read what was loaded, and finding something unloaded is a bug in the planning.
 */
export function createPopulatedStrategy(em: EntityManager, strategy: Exclude<LoadStrategy, 'joined'>): EntityStrategy {
  const facts = schemaFacts(em);
  const populate = (info: GraphQLResolveInfo) => ({ paths: populatePaths(info, facts), strategy });
  return {
    users: (page, info) => findUsers(em, page, populate(info)),
    user: (id, info) => findUser(em, id, populate(info)),
    orders: (page, info) => findOrders(em, page, populate(info)),
    products: (page) => findProducts(em, page),
    order: (id, info) => findOrder(em, id, populate(info)),
    product: (id) => findProduct(em, id),
    forget: () => forgetEntities(em),

    ordersOfUser: (user) => loadedItems(user.orders, 'User.orders'),
    orderCountOfUser: (user) => loadedValue(user.orderCount, 'User.orderCount'),
    userOfOrder: (order) => loadedEntity(order.user, 'Order.user'),
    itemsOfOrder: (order) => loadedItems(order.items, 'Order.items'),
    orderOfItem: (item) => loadedEntity(item.order, 'OrderItem.order'),
    productOfItem: (item) => loadedEntity(item.product, 'OrderItem.product'),
  };
}
