import type { GraphQLResolveInfo } from 'graphql';
import type { CacheObserver } from '../cache/cached-lookup';
import type { ProductCache } from '../cache/product-cache';
import type { JoinedLimits } from '../config';
import type { Order, OrderItem, Product, User } from '../db/entities';
import type { Row } from '../db/entities/row';
import type { Page } from '../loading/page';
import type { Written } from '../writing/written';

/** The request header that picks a strategy: `x-strategy: batched`. */
export const STRATEGY_HEADER = 'x-strategy';

/**
 * What GraphQL resolves over. A strategy may hand out MikroORM entities (naive, select-in, balanced) or plain
 * rows the ORM mapped without building entities (batched, joined); both fit.
 */
export type UserRow = Row<User>;
export type OrderRow = Row<Order>;
export type OrderItemRow = Row<OrderItem>;
export type ProductRow = Row<Product>;

/**
 * How one request loads data. Resolvers call these and never ask which strategy is active; each strategy
 * implements all of them, typed with the rows it produces (a nested method only ever receives parents its own
 * root or nested methods returned). Root methods receive the resolver's `info` so a strategy can plan the
 * whole tree; nested methods receive the parent and their own field's `info`.
 */
export interface Strategy<
  U extends UserRow = UserRow,
  O extends OrderRow = OrderRow,
  I extends OrderItemRow = OrderItemRow,
  P extends ProductRow = ProductRow,
> {
  users(page: Page, info: GraphQLResolveInfo): Promise<U[]>;
  user(id: number, info: GraphQLResolveInfo): Promise<U | null>;
  orders(page: Page, info: GraphQLResolveInfo): Promise<O[]>;
  products(page: Page, info: GraphQLResolveInfo): Promise<P[]>;
  order(id: number, info: GraphQLResolveInfo): Promise<O | null>;
  product(id: number, info: GraphQLResolveInfo): Promise<P | null>;

  /**
   * A write of this request changed these rows: whatever the strategy keeps for the rest of the request (batched's
   * DataLoaders, the identity map of the entity strategies) must not serve them as they were.
   */
  forget(written: readonly Written[]): void;

  // A value, not a promise, when the root already loaded it: graphql-js then completes the field at once
  // instead of scheduling a promise per object.
  // `info`: the field's own selection, for a strategy that loads only the columns it asks for (batched).
  ordersOfUser(user: U, info: GraphQLResolveInfo): O[] | Promise<O[]>;
  orderCountOfUser(user: U, info: GraphQLResolveInfo): number | Promise<number>;
  userOfOrder(order: O, info: GraphQLResolveInfo): U | Promise<U>;
  itemsOfOrder(order: O, info: GraphQLResolveInfo): I[] | Promise<I[]>;
  orderOfItem(item: I, info: GraphQLResolveInfo): O | Promise<O>;
  productOfItem(item: I, info: GraphQLResolveInfo): P | Promise<P>;
}

/** The GraphQL field each nested method resolves: the one list of the schema's relation fields. */
export const NESTED_FIELDS = {
  ordersOfUser: 'User.orders',
  orderCountOfUser: 'User.orderCount',
  userOfOrder: 'Order.user',
  itemsOfOrder: 'Order.items',
  orderOfItem: 'OrderItem.order',
  productOfItem: 'OrderItem.product',
} as const satisfies Record<
  Exclude<keyof Strategy, 'users' | 'user' | 'orders' | 'products' | 'order' | 'product' | 'forget'>,
  `${string}.${string}`
>;

/** Watches a request's DataLoaders: who asked each loader for keys, and each batch it sends. */
export interface BatchObserver {
  asked(loader: string): void;
  sendBatch<T>(loader: string, keys: number, send: () => Promise<T>): Promise<T>;
}

/** A strategy over MikroORM entities. */
export type EntityStrategy = Strategy<User, Order, OrderItem, Product>;

export interface StrategyOptions {
  /** Most keys in one DataLoader batch (one `IN (…)` list); larger levels split into several statements. */
  batchMaxSize: number;
  /** Told of every DataLoader load and batch, for the request's record (the request's RequestRecorder). */
  batches?: BatchObserver;
  /** When DataLoader sends a batch: in the scope of the field that opened it, so its SQL is attributed there. */
  batchScheduleFn?: (dispatch: () => void) => void;
  joined: JoinedLimits;
  /** `x-cache: on`: products across requests, where the strategy looks them up by id (batched). */
  cache?: { store: ProductCache; observer?: CacheObserver };
}
