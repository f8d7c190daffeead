import type { EntityManager } from '@mikro-orm/sql';
import { QueryOrder } from '@mikro-orm/core';
import { Order, OrderItem, Product, User } from '../db/entities';
import type { Strategy } from './strategy';
import { findOrders, findProducts, findUser, findUsers } from './root-queries';

/**
 * naive: every nested resolver runs its own query for its own parent, the way resolvers are usually first
 * written. A page of N users with their orders costs 1 + N statements, and each level below multiplies.
 *
 * Lookups by id pass `refresh: true`: MikroORM's identity map would otherwise answer repeats (the same
 * product in many orders) from memory and hide part of the fan-out this strategy exists to show.
 */
export function createNaiveStrategy(em: EntityManager): Strategy {
  return {
    users: (page) => findUsers(em, page),
    user: (id) => findUser(em, id),
    orders: (page) => findOrders(em, page),
    products: (page) => findProducts(em, page),

    ordersOfUser: (user) => em.find(Order, { user: user.id }, { orderBy: { id: QueryOrder.ASC } }),
    orderCountOfUser: (user) => em.count(Order, { user: user.id }),
    userOfOrder: (order) => em.findOneOrFail(User, order.user.id, { refresh: true }),
    itemsOfOrder: (order) => em.find(OrderItem, { order: order.id }, { orderBy: { id: QueryOrder.ASC } }),
    orderOfItem: (item) => em.findOneOrFail(Order, item.order.id, { refresh: true }),
    productOfItem: (item) => em.findOneOrFail(Product, item.product.id, { refresh: true }),
  };
}
