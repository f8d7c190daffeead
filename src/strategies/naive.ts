import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Order, OrderItem, Product, User } from '../db/entities';
import { ormCall } from '../db/query-listener';
import { entityRoots } from '../loading/root-queries';
import type { EntityStrategy } from './strategy';

/**
 * naive: every nested resolver runs its own query for its own parent, the way resolvers are usually first
 * written. A page of N users with their orders costs 1 + N statements, and each level below multiplies.
 *
 * Lookups by id pass `refresh: true`: MikroORM's identity map would otherwise answer repeats (the same
 * product in many orders) from memory and hide part of the fan-out this strategy exists to show.
 */
export function createNaiveStrategy(em: EntityManager): EntityStrategy {
  return {
    ...entityRoots(em),

    ordersOfUser: (user) => ormCall(em, () => em.find(Order, { user: user.id }, { orderBy: { id: QueryOrder.ASC } })),
    orderCountOfUser: (user) => ormCall(em, () => em.count(Order, { user: user.id })),
    userOfOrder: (order) => ormCall(em, () => em.findOneOrFail(User, order.user.id, { refresh: true })),
    itemsOfOrder: (order) => ormCall(em, () => em.find(OrderItem, { order: order.id }, { orderBy: { id: QueryOrder.ASC } })),
    orderOfItem: (item) => ormCall(em, () => em.findOneOrFail(Order, item.order.id, { refresh: true })),
    productOfItem: (item) => ormCall(em, () => em.findOneOrFail(Product, item.product.id, { refresh: true })),
  };
}
