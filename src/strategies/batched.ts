import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLResolveInfo } from 'graphql';
import { productsThroughCache } from '../cache/cached-lookup';
import { ormCall } from '../db/query-listener';
import { allColumns, ColumnSet, type ColumnSpec, columnSpec, columnsFor } from '../loading/columns';
import { pageOfRows, rowsWhereIn } from '../loading/rows';
import { factsOf, schemaFacts, type TypeFacts } from '../loading/schema-facts';
import { TracedDataLoader } from '../telemetry/traced-dataloader';
import { NESTED_FIELDS, type OrderItemRow, type OrderRow, type ProductRow, type Strategy, type StrategyOptions, type UserRow } from './strategy';

/** Rows as batched loads them: each type's columns, and the foreign keys the level below needs. */
type BatchedOrder = OrderRow & { user: number };
type BatchedItem = OrderItemRow & { order: number; product: number };
type Field = (typeof NESTED_FIELDS)[keyof typeof NESTED_FIELDS];

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
  { batchMaxSize, batches, batchScheduleFn, cache }: Pick<StrategyOptions, 'batchMaxSize' | 'batches' | 'batchScheduleFn' | 'cache'>,
): Strategy<UserRow, BatchedOrder, BatchedItem, ProductRow> {
  const facts = schemaFacts(em);
  const [user, order, item, product] = ['User', 'Order', 'OrderItem', 'Product'].map((type) => factsOf(em, type)) as [
    TypeFacts,
    TypeFacts,
    TypeFacts,
    TypeFacts,
  ];
  const relation = (field: Field) => {
    const [type, name] = field.split('.') as [string, string];
    const parent = factsOf(em, type);
    return { ...parent.relations.get(name)!, prop: parent.meta.properties[name as never]! };
  };

  // Every loader is named (its batch spans' name), and the request's record sees every load and batch.
  const loader = <K, V>(name: string, batch: (keys: readonly K[]) => Promise<Array<V | Error>>) => {
    const send = batches ? (keys: readonly K[]) => batches.sendBatch(name, keys.length, () => batch(keys)) : batch;
    const dataLoader = new TracedDataLoader<K, V>(send, { maxBatchSize: batchMaxSize, name, batchScheduleFn });
    return { dataLoader, load: (key: K) => (batches?.asked(name), dataLoader.load(key)) };
  };

  // A loader over rows that selects only what its loads' selections ask for (see columns.ts).
  const rowLoader = <V>(name: string, batch: (keys: readonly number[], columns: string[]) => Promise<Array<V | Error>>) => {
    const columns = new ColumnSet();
    const { dataLoader, load } = loader<number, V>(name, (keys) => batch(keys, columns.take()));
    const rowLoad = (key: number, wanted: string[]) => {
      if (columns.ask(wanted)) dataLoader.clearAll();
      return load(key);
    };
    return Object.assign(rowLoad, { dataLoader });
  };
  // A to-many relation: the children of each parent, grouped by the key that points back to it.
  const children = <T>(field: Field) => {
    const { loader: name, prop } = relation(field);
    const parentKey = prop.mappedBy;
    return rowLoader<T[]>(name, async (parentIds, columns) =>
      groupBy(
        parentIds,
        await rowsWhereIn<T>(em, prop.targetMeta!.class, columns, parentKey, parentIds),
        (child) => (child as Record<string, number>)[parentKey]!,
      ),
    );
  };
  // A to-one relation: the row its foreign key names.
  const byId = <T extends { id: number }>(field: Field) => {
    const { loader: name, prop } = relation(field);
    const target = prop.targetMeta!;
    return rowLoader<T>(name, async (ids, columns) => {
      const rows = new Map((await rowsWhereIn<T>(em, target.class, columns, 'id', ids)).map((row) => [row.id, row]));
      return ids.map((id) => rows.get(id) ?? new Error(`${target.className} ${id} does not exist`));
    });
  };
  const ordersByUserId = children<BatchedOrder>(NESTED_FIELDS.ordersOfUser);
  const itemsByOrderId = children<BatchedItem>(NESTED_FIELDS.itemsOfOrder);
  // The `orderCount` formula, batched: the orders of every asked-for user counted in one statement.
  const orderCountByUserId = loader<number, number>(relation(NESTED_FIELDS.orderCountOfUser).loader, async (userIds) => {
    const qb = em
      .createQueryBuilder(order.meta.class)
      .select(['user', raw('count(*) as order_count')])
      .where({ user: { $in: [...userIds] } });
    const rows = await ormCall(em, (): Promise<Array<{ user_id: number; order_count: number | string }>> => qb.groupBy('user').execute('all', false));
    const counts = new Map(rows.map((row) => [Number(row.user_id), Number(row.order_count)]));
    return userIds.map((id) => counts.get(id) ?? 0);
  });
  const userById = byId<UserRow>(NESTED_FIELDS.userOfOrder);
  const orderById = byId<BatchedOrder>(NESTED_FIELDS.orderOfItem);
  // With `x-cache: on`, products come from the cache first; the misses are loaded whole, to be cached whole.
  const productById = cache
    ? rowLoader<ProductRow>(relation(NESTED_FIELDS.productOfItem).loader, async (ids) => {
        const load = (missing: number[]) => rowsWhereIn<ProductRow>(em, product.meta.class, allColumns(columnSpec(product)), 'id', missing);
        const rows = await productsThroughCache(cache.store, ids, load, cache.observer);
        return ids.map((id) => rows.get(id) ?? new Error(`Product ${id} does not exist`));
      })
    : byId<ProductRow>(NESTED_FIELDS.productOfItem);

  // The loaders whose keys are each entity's id: what a write of that row makes stale.
  const cachedBy = {
    User: [ordersByUserId.dataLoader, orderCountByUserId.dataLoader, userById.dataLoader],
    Order: [itemsByOrderId.dataLoader, orderById.dataLoader],
    Product: [productById.dataLoader],
  };

  const [USER, ORDER, , PRODUCT] = [user, order, item, product].map((type) => columnSpec(type)) as [ColumnSpec, ColumnSpec, ColumnSpec, ColumnSpec];
  // Children are grouped by their parent's key, so it is always selected.
  const ORDERS_OF_USER = columnSpec(order, relation(NESTED_FIELDS.ordersOfUser).prop.mappedBy);
  const ITEMS_OF_ORDER = columnSpec(item, relation(NESTED_FIELDS.itemsOfOrder).prop.mappedBy);
  // Without a selection (a caller outside GraphQL): every column.
  const columns = (info: GraphQLResolveInfo | undefined, spec: ColumnSpec) => (info ? columnsFor(info, spec, facts) : allColumns(spec));

  return {
    users: (page, info) => pageOfRows(em, user.meta.class, columns(info, USER), page),
    user: async (id, info) => (await rowsWhereIn<UserRow>(em, user.meta.class, columns(info, USER), 'id', [id]))[0] ?? null,
    orders: (page, info) => pageOfRows(em, order.meta.class, columns(info, ORDER), page),
    products: (page, info) => pageOfRows(em, product.meta.class, columns(info, PRODUCT), page),
    order: async (id, info) => (await rowsWhereIn<BatchedOrder>(em, order.meta.class, columns(info, ORDER), 'id', [id]))[0] ?? null,
    product: async (id, info) => (await rowsWhereIn<ProductRow>(em, product.meta.class, columns(info, PRODUCT), 'id', [id]))[0] ?? null,
    // DataLoader caches every key it loaded for the rest of the request: a written row must be loaded again.
    forget: (written) => {
      for (const { entity, id } of written) for (const cached of cachedBy[entity]) cached.clear(id);
    },

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
