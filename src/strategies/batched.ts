import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLResolveInfo } from 'graphql';
import { ormCall } from '../db/orm-logger';
import { Order, OrderItem, Product, User } from '../db/entities';
import { scheduleInOpenersField } from '../stats/field-scope';
import { TracedDataLoader } from '../telemetry/traced-dataloader';
import { type ColumnSpec, ColumnSet, columnsFor } from './columns';
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

// Each type's columns as GraphQL shows them, and its foreign keys (needed when the relation is selected).
const USER: ColumnSpec = { required: ['id'], scalars: ['username', 'email', 'createdAt'], foreignKeys: [] };
const ORDER: ColumnSpec = { required: ['id'], scalars: ['status', 'totalCents', 'createdAt'], foreignKeys: ['user'] };
const ITEM: ColumnSpec = { required: ['id'], scalars: ['quantity', 'unitPriceCents'], foreignKeys: ['order', 'product'] };
const PRODUCT: ColumnSpec = { required: ['id'], scalars: ['name', 'priceCents'], foreignKeys: [] };
// Children are grouped by their parent's key, so it is always selected.
const ORDERS_OF_USER: ColumnSpec = { ...ORDER, required: ['id', 'user'] };
const ITEMS_OF_ORDER: ColumnSpec = { ...ITEM, required: ['id', 'order'] };

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
  // Every loader is named (its batch spans' name) and tells onBatch how many keys each batch it sends holds.
  const loader = <K, V>(field: keyof typeof DATALOADER_FOR_FIELD, batch: (keys: readonly K[]) => Promise<Array<V | Error>>) => {
    const name = DATALOADER_FOR_FIELD[field];
    const options = { maxBatchSize: batchMaxSize, name, batchScheduleFn: scheduleInOpenersField };
    return new TracedDataLoader<K, V>((keys) => (onBatch?.(name, keys.length), batch(keys)), options);
  };

  // A loader over rows that selects only what its loads' selections ask for (see columns.ts).
  const rowLoader = <V>(field: keyof typeof DATALOADER_FOR_FIELD, batch: (keys: readonly number[], columns: string[]) => Promise<Array<V | Error>>) => {
    const columns = new ColumnSet();
    const dataLoader = loader<number, V>(field, (keys) => batch(keys, columns.take()));
    return (key: number, wanted: string[]) => {
      if (columns.ask(wanted)) dataLoader.clearAll();
      return dataLoader.load(key);
    };
  };
  const children = <T>(field: keyof typeof DATALOADER_FOR_FIELD, entity: new () => object, parentKey: string) =>
    rowLoader<T[]>(field, async (parentIds, columns) =>
      groupBy(parentIds, await rowsWhereIn<T>(em, entity, columns, parentKey, parentIds), (child) => (child as Record<string, number>)[parentKey]!),
    );
  const byId = <T extends { id: number }>(field: keyof typeof DATALOADER_FOR_FIELD, entity: new () => object) =>
    rowLoader<T>(field, async (ids, columns) => {
      const rows = new Map((await rowsWhereIn<T>(em, entity, columns, 'id', ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? new Error(`${entity.name} ${id} does not exist`));
    });
  const ordersByUserId = children<BatchedOrder>('User.orders', Order, 'user');
  const itemsByOrderId = children<BatchedItem>('Order.items', OrderItem, 'order');
  const orderCountByUserId = loader<number, number>('User.orderCount', async (userIds) => {
    const qb = em.createQueryBuilder(Order).select(['user', raw('count(*) as order_count')]).where({ user: { $in: [...userIds] } });
    const rows = await ormCall(em, (): Promise<Array<{ user_id: number; order_count: number | string }>> => qb.groupBy('user').execute('all', false));
    const counts = new Map(rows.map((row) => [Number(row.user_id), Number(row.order_count)]));
    return userIds.map((id) => counts.get(id) ?? 0);
  });
  const userById = byId<UserRow>('Order.user', User);
  const orderById = byId<BatchedOrder>('OrderItem.order', Order);
  const productById = byId<ProductRow>('OrderItem.product', Product);
  // Without a selection (a caller outside GraphQL): every column.
  const columns = (info: GraphQLResolveInfo | undefined, spec: ColumnSpec) =>
    info ? columnsFor(info, spec) : [...spec.required, ...spec.scalars, ...spec.foreignKeys];

  return {
    users: (page, info) => pageOfRows(em, User, columns(info, USER), page),
    user: async (id, info) => (await rowsWhereIn<UserRow>(em, User, columns(info, USER), 'id', [id]))[0] ?? null,
    orders: (page, info) => pageOfRows(em, Order, columns(info, ORDER), page),
    products: (page, info) => pageOfRows(em, Product, columns(info, PRODUCT), page),

    ordersOfUser: (user, info) => ordersByUserId(user.id, columns(info, ORDERS_OF_USER)),
    orderCountOfUser: (user) => orderCountByUserId.load(user.id),
    userOfOrder: (order, info) => userById(order.user, columns(info, USER)),
    itemsOfOrder: (order, info) => itemsByOrderId(order.id, columns(info, ITEMS_OF_ORDER)),
    orderOfItem: (item, info) => orderById(item.order, columns(info, ORDER)),
    productOfItem: (item, info) => productById(item.product, columns(info, PRODUCT)),
  };
}

/** Children grouped by parent id, in the order of `parentIds`, as DataLoader requires. */
function groupBy<T>(parentIds: readonly number[], children: T[], parentOf: (child: T) => number): T[][] {
  const groups = new Map<number, T[]>(parentIds.map((id) => [id, []]));
  for (const child of children) groups.get(parentOf(child))?.push(child);
  return parentIds.map((id) => groups.get(id) ?? []);
}
