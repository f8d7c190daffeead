import type { EntityManager } from '@mikro-orm/sql';
import { QueryOrder, raw } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import { Order, OrderItem, Product, User } from '../db/entities';
import type { Strategy, StrategyOptions } from './strategy';
import { findOrders, findProducts, findUser, findUsers } from './root-queries';

/** The DataLoader behind each nested field: the names in traces, and the fix the N+1 detector suggests. */
export const DATALOADER_FOR_FIELD = {
  'User.orders': 'ordersByUserId',
  'User.orderCount': 'orderCountByUserId',
  'Order.user': 'userById',
  'Order.items': 'itemsByOrderId',
  'OrderItem.order': 'orderById',
  'OrderItem.product': 'productById',
} as const;

/**
 * batched: per-request DataLoaders. Every resolver of one level calls `load(id)` in the same tick of the
 * event loop (graphql-js calls the resolvers of a list one after another without awaiting them), and
 * DataLoader sends the collected ids as one `IN (…)` query when that tick ends. So each level costs one
 * statement per `batchMaxSize` keys, whatever the page size.
 *
 * Each nested method must call `load` synchronously: an `await` before it would move the call to a later
 * tick and split the batch.
 */
export function createBatchedStrategy(em: EntityManager, { batchMaxSize }: Pick<StrategyOptions, 'batchMaxSize'>): Strategy {
  const options = { maxBatchSize: batchMaxSize };

  const ordersByUserId = new DataLoader<number, Order[]>(
    async (userIds) => {
      const orders = await em.find(Order, { user: { $in: [...userIds] } }, { orderBy: { id: QueryOrder.ASC } });
      return groupBy(userIds, orders, (order) => order.user.id);
    },
    { ...options, name: DATALOADER_FOR_FIELD['User.orders'] },
  );

  const orderCountByUserId = new DataLoader<number, number>(
    async (userIds) => {
      const rows: Array<{ user_id: number; order_count: number | string }> = await em
        .createQueryBuilder(Order)
        .select(['user', raw('count(*) as order_count')])
        .where({ user: { $in: [...userIds] } })
        .groupBy('user')
        .execute('all', false);
      const counts = new Map(rows.map((row) => [Number(row.user_id), Number(row.order_count)]));
      return userIds.map((id) => counts.get(id) ?? 0);
    },
    { ...options, name: DATALOADER_FOR_FIELD['User.orderCount'] },
  );

  const itemsByOrderId = new DataLoader<number, OrderItem[]>(
    async (orderIds) => {
      const items = await em.find(OrderItem, { order: { $in: [...orderIds] } }, { orderBy: { id: QueryOrder.ASC } });
      return groupBy(orderIds, items, (item) => item.order.id);
    },
    { ...options, name: DATALOADER_FOR_FIELD['Order.items'] },
  );

  const userById = byIdLoader(em, User, DATALOADER_FOR_FIELD['Order.user'], options);
  const orderById = byIdLoader(em, Order, DATALOADER_FOR_FIELD['OrderItem.order'], options);
  const productById = byIdLoader(em, Product, DATALOADER_FOR_FIELD['OrderItem.product'], options);

  return {
    users: (page) => findUsers(em, page),
    user: (id) => findUser(em, id),
    orders: (page) => findOrders(em, page),
    products: (page) => findProducts(em, page),

    ordersOfUser: (user) => ordersByUserId.load(user.id),
    orderCountOfUser: (user) => orderCountByUserId.load(user.id),
    userOfOrder: (order) => userById.load(order.user.id),
    itemsOfOrder: (order) => itemsByOrderId.load(order.id),
    orderOfItem: (item) => orderById.load(item.order.id),
    productOfItem: (item) => productById.load(item.product.id),
  };
}

function byIdLoader<T extends { id: number }>(
  em: EntityManager,
  entity: new () => T,
  name: string,
  options: { maxBatchSize: number },
): DataLoader<number, T> {
  return new DataLoader<number, T>(
    async (ids) => {
      const rows = await em.find(entity, { id: { $in: [...ids] } } as never);
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? new Error(`${entity.name} ${id} does not exist`));
    },
    { ...options, name },
  );
}

/** Children grouped by parent id, in the order of `parentIds`, as DataLoader requires. */
function groupBy<T>(parentIds: readonly number[], children: T[], parentOf: (child: T) => number): T[][] {
  const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
  for (const child of children) groups.get(parentOf(child))?.push(child);
  return parentIds.map((id) => groups.get(id) ?? []);
}
