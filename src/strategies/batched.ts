import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import DataLoader from 'dataloader';
import { ormCall } from '../db/orm-logger';
import { Order, OrderItem, Product, User } from '../db/entities';
import { pageOfRows, rowsWhereIn } from './rows';
import type { OrderItemRow, OrderRow, ProductRow, Strategy, StrategyOptions, UserRow } from './strategy';

/** The DataLoader behind each nested field: the names in traces, and the fix the N+1 detector suggests. */
export const DATALOADER_FOR_FIELD = {
  'User.orders': 'ordersByUserId',
  'User.orderCount': 'orderCountByUserId',
  'Order.user': 'userById',
  'Order.items': 'itemsByOrderId',
  'OrderItem.order': 'orderById',
  'OrderItem.product': 'productById',
} as const;

/** Rows as batched loads them: each type's columns, and the foreign keys the level below needs. */
type BatchedOrder = OrderRow & { user: number };
type BatchedItem = OrderItemRow & { order: number; product: number };

const USER_FIELDS = ['id', 'username', 'email', 'createdAt'];
const ORDER_FIELDS = ['id', 'user', 'status', 'totalCents', 'createdAt'];
const ITEM_FIELDS = ['id', 'order', 'product', 'quantity', 'unitPriceCents'];
const PRODUCT_FIELDS = ['id', 'name', 'priceCents'];

/**
 * batched: per-request DataLoaders. Every resolver of one level calls `load(id)` in the same tick of the
 * event loop (graphql-js calls the resolvers of a list one after another without awaiting them), and
 * DataLoader sends the collected ids as one `IN (…)` query when that tick ends. So each level costs one
 * statement per `batchMaxSize` keys, whatever the page size.
 *
 * Each nested method must call `load` synchronously: an `await` before it would move the call to a later
 * tick and split the batch.
 */
export function createBatchedStrategy(
  em: EntityManager,
  { batchMaxSize, onBatch }: Pick<StrategyOptions, 'batchMaxSize' | 'onBatch'>,
): Strategy<UserRow, BatchedOrder, BatchedItem, ProductRow> {
  // Every loader is named (its span's name) and tells onBatch how many keys each batch it sends holds.
  const loader = <K, V>(field: keyof typeof DATALOADER_FOR_FIELD, batch: (keys: readonly K[]) => Promise<Array<V | Error>>) => {
    const name = DATALOADER_FOR_FIELD[field];
    return new DataLoader<K, V>((keys) => (onBatch?.(name, keys.length), batch(keys)), { maxBatchSize: batchMaxSize, name });
  };

  const ordersByUserId = loader<number, BatchedOrder[]>('User.orders', async (userIds) =>
    groupBy(userIds, await rowsWhereIn<BatchedOrder>(em, Order, ORDER_FIELDS, 'user', userIds), (order) => order.user),
  );
  const itemsByOrderId = loader<number, BatchedItem[]>('Order.items', async (orderIds) =>
    groupBy(orderIds, await rowsWhereIn<BatchedItem>(em, OrderItem, ITEM_FIELDS, 'order', orderIds), (item) => item.order),
  );
  const orderCountByUserId = loader<number, number>('User.orderCount', async (userIds) => {
    const qb = em.createQueryBuilder(Order).select(['user', raw('count(*) as order_count')]).where({ user: { $in: [...userIds] } });
    const rows = await ormCall(em, (): Promise<Array<{ user_id: number; order_count: number | string }>> => qb.groupBy('user').execute('all', false));
    const counts = new Map(rows.map((row) => [Number(row.user_id), Number(row.order_count)]));
    return userIds.map((id) => counts.get(id) ?? 0);
  });
  const byId = <T extends { id: number }>(field: keyof typeof DATALOADER_FOR_FIELD, entity: new () => object, fields: string[]) =>
    loader<number, T>(field, async (ids) => {
      const rows = new Map((await rowsWhereIn<T>(em, entity, fields, 'id', ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? new Error(`${entity.name} ${id} does not exist`));
    });
  const userById = byId<UserRow>('Order.user', User, USER_FIELDS);
  const orderById = byId<BatchedOrder>('OrderItem.order', Order, ORDER_FIELDS);
  const productById = byId<ProductRow>('OrderItem.product', Product, PRODUCT_FIELDS);

  return {
    users: (page) => pageOfRows(em, User, USER_FIELDS, page),
    user: async (id) => (await rowsWhereIn<UserRow>(em, User, USER_FIELDS, 'id', [id]))[0] ?? null,
    orders: (page) => pageOfRows(em, Order, ORDER_FIELDS, page),
    products: (page) => pageOfRows(em, Product, PRODUCT_FIELDS, page),

    ordersOfUser: (user) => ordersByUserId.load(user.id),
    orderCountOfUser: (user) => orderCountByUserId.load(user.id),
    userOfOrder: (order) => userById.load(order.user),
    itemsOfOrder: (order) => itemsByOrderId.load(order.id),
    orderOfItem: (item) => orderById.load(item.order),
    productOfItem: (item) => productById.load(item.product),
  };
}

/** Children grouped by parent id, in the order of `parentIds`, as DataLoader requires. */
function groupBy<T>(parentIds: readonly number[], children: T[], parentOf: (child: T) => number): T[][] {
  const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
  for (const child of children) groups.get(parentOf(child))?.push(child);
  return parentIds.map((id) => groups.get(id) ?? []);
}
