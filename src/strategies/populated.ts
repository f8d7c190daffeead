import type { EntityManager } from '@mikro-orm/sql';
import { type Collection, wrap } from '@mikro-orm/core';
import { type LoadStrategy, findOrders, findProducts, findUser, findUsers } from './root-queries';
import { RELATION_FIELDS, populatePaths } from './selection';
import type { EntityStrategy } from './strategy';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * The shared body of select-in and balanced: the root resolver turns the GraphQL selection into MikroORM
 * populate hints and `em.find` loads the tree into entities with MikroORM's own loading strategy; nested
 * resolvers only read what was loaded, and finding something unloaded is a bug in the planning.
 */
export function createPopulatedStrategy(em: EntityManager, strategy: Exclude<LoadStrategy, 'joined'>): EntityStrategy {
  const populate = (info: GraphQLResolveInfo) => ({ paths: populatePaths(info, RELATION_FIELDS), strategy });
  return {
    users: (page, info) => findUsers(em, page, populate(info)),
    user: (id, info) => findUser(em, id, populate(info)),
    orders: (page, info) => findOrders(em, page, populate(info)),
    products: (page) => findProducts(em, page),

    ordersOfUser: (user) => loadedItems(user.orders, 'User.orders'),
    orderCountOfUser: (user) => loadedValue(user.orderCount, 'User.orderCount'),
    userOfOrder: (order) => loadedEntity(order.user, 'Order.user'),
    itemsOfOrder: (order) => loadedItems(order.items, 'Order.items'),
    orderOfItem: (item) => loadedEntity(item.order, 'OrderItem.order'),
    productOfItem: (item) => loadedEntity(item.product, 'OrderItem.product'),
  };
}

function loadedItems<T extends object>(collection: Collection<T>, field: string): T[] {
  if (!collection.isInitialized()) throw notLoaded(field);
  return collection.getItems();
}

function loadedEntity<T extends object>(entity: T, field: string): T {
  if (!wrap(entity).isInitialized()) throw notLoaded(field);
  return entity;
}

/** A value the root query loaded (`undefined`: it did not). */
export function loadedValue<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw notLoaded(field);
  return value;
}

function notLoaded(field: string): Error {
  return new Error(`${field} was not loaded by the root query: its populate paths missed it`);
}
