import type { GraphQLResolveInfo } from 'graphql';
import type { Order, OrderItem, Product, User } from '../db/entities';

/** The request header that picks a strategy: `x-strategy: batched`. */
export const STRATEGY_HEADER = 'x-strategy';

/** A validated page of a root list: `first` rows after skipping `offset`, ordered by id. */
export interface Page {
  first: number;
  offset: number;
}

/**
 * What GraphQL resolves over: the columns each type shows. A strategy may hand out MikroORM entities (naive,
 * select-in, balanced) or plain rows the ORM mapped without building entities (batched, joined); both fit.
 */
export type UserRow = Pick<User, 'id' | 'username' | 'email' | 'createdAt'>;
export type OrderRow = Pick<Order, 'id' | 'status' | 'totalCents' | 'createdAt'>;
export type OrderItemRow = Pick<OrderItem, 'id' | 'quantity' | 'unitPriceCents'>;
export type ProductRow = Pick<Product, 'id' | 'name' | 'priceCents'>;

/**
 * How one request loads data. Resolvers call these and never ask which strategy is active; each strategy
 * implements all of them, typed with the rows it produces (a nested method only ever receives parents its own
 * root or nested methods returned). Root methods receive the resolver's `info` so a strategy can plan the
 * whole tree; nested methods receive the parent and their own field's `info`.
 */
export interface Strategy<U extends UserRow = UserRow, O extends OrderRow = OrderRow, I extends OrderItemRow = OrderItemRow, P extends ProductRow = ProductRow> {
  users(page: Page, info: GraphQLResolveInfo): Promise<U[]>;
  user(id: number, info: GraphQLResolveInfo): Promise<U | null>;
  orders(page: Page, info: GraphQLResolveInfo): Promise<O[]>;
  products(page: Page, info: GraphQLResolveInfo): Promise<P[]>;

  // A value, not a promise, when the root already loaded it: graphql-js then completes the field at once
  // instead of scheduling a promise per object (at 10,000 objects that is most of the execution time).
  // `info`: the field's own selection, for a strategy that loads only the columns it asks for (batched).
  ordersOfUser(user: U, info: GraphQLResolveInfo): O[] | Promise<O[]>;
  orderCountOfUser(user: U, info: GraphQLResolveInfo): number | Promise<number>;
  userOfOrder(order: O, info: GraphQLResolveInfo): U | Promise<U>;
  itemsOfOrder(order: O, info: GraphQLResolveInfo): I[] | Promise<I[]>;
  orderOfItem(item: I, info: GraphQLResolveInfo): O | Promise<O>;
  productOfItem(item: I, info: GraphQLResolveInfo): P | Promise<P>;
}

/** A strategy over MikroORM entities. */
export type EntityStrategy = Strategy<User, Order, OrderItem, Product>;

export interface StrategyOptions {
  /** Most keys in one DataLoader batch (one `IN (…)` list); larger levels split into several statements. */
  batchMaxSize: number;
  /** Told each DataLoader batch's loader name and number of keys as the batch is sent (for metrics). */
  onBatch?: (loader: string, keys: number) => void;
  joined: JoinedLimits;
}

/** How large the joined strategy lets one statement grow; a larger selection is refused before any SQL. */
export interface JoinedLimits {
  /** Populate paths in one statement: each is a JOIN (or, for `orderCount`, a subquery). */
  maxRelations: number;
  /** List relations among them: each multiplies the rows the statement returns. */
  maxToMany: number;
}
