import type { EntityManager } from '@mikro-orm/sql';
import { type Collection, wrap } from '@mikro-orm/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Strategy, StrategyOptions } from './strategy';
import { findOrders, findProducts, findUser, findUsers } from './root-queries';
import { type RelationFields, populatePaths } from './selection';

/** The GraphQL fields that load relations, per type, and the entity property each populates. */
export const RELATION_FIELDS: RelationFields = {
  User: { orders: 'orders', orderCount: 'orderCount' },
  Order: { user: 'user', items: 'items' },
  OrderItem: { order: 'order', product: 'product' },
};

/**
 * joined: the root resolver reads the GraphQL selection, turns it into MikroORM populate paths and loads the
 * whole tree in one SQL statement (JOINs, with the page applied in a subquery, and `orderCount` as a
 * correlated subquery). A plan larger than `joined` allows is refused before any SQL runs. Nested resolvers
 * then only read what that statement loaded; finding something unloaded is a bug in the planning, reported
 * as such rather than quietly querying.
 */
export function createJoinedStrategy(em: EntityManager, { joined }: StrategyOptions): Strategy {
  const plan = (info: GraphQLResolveInfo) => populatePaths(info, RELATION_FIELDS, joined);
  return {
    users: (page, info) => findUsers(em, page, plan(info)),
    user: (id, info) => findUser(em, id, plan(info)),
    orders: (page, info) => findOrders(em, page, plan(info)),
    products: (page) => findProducts(em, page),

    ordersOfUser: async (user) => loadedItems(user.orders, 'User.orders'),
    orderCountOfUser: async (user) => loadedValue(user.orderCount, 'User.orderCount'),
    userOfOrder: async (order) => loadedEntity(order.user, 'Order.user'),
    itemsOfOrder: async (order) => loadedItems(order.items, 'Order.items'),
    orderOfItem: async (item) => loadedEntity(item.order, 'OrderItem.order'),
    productOfItem: async (item) => loadedEntity(item.product, 'OrderItem.product'),
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

function loadedValue<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw notLoaded(field);
  return value;
}

function notLoaded(field: string): Error {
  return new Error(`joined strategy: ${field} was not loaded by the root query; its populate paths missed it`);
}
