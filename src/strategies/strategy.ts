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
 * How one request loads data. Resolvers call these and never ask which strategy is active; each strategy
 * (naive.ts, batched.ts, joined.ts) implements all of them. Root methods receive the resolver's `info` so a
 * strategy can plan the whole tree; nested methods receive the parent entity.
 */
export interface Strategy {
  users(page: Page, info: GraphQLResolveInfo): Promise<User[]>;
  user(id: number, info: GraphQLResolveInfo): Promise<User | null>;
  orders(page: Page, info: GraphQLResolveInfo): Promise<Order[]>;
  products(page: Page, info: GraphQLResolveInfo): Promise<Product[]>;

  ordersOfUser(user: User): Promise<Order[]>;
  orderCountOfUser(user: User): Promise<number>;
  userOfOrder(order: Order): Promise<User>;
  itemsOfOrder(order: Order): Promise<OrderItem[]>;
  orderOfItem(item: OrderItem): Promise<Order>;
  productOfItem(item: OrderItem): Promise<Product>;
}

export interface StrategyOptions {
  /** Most keys in one DataLoader batch (one `IN (…)` list); larger levels split into several statements. */
  batchMaxSize: number;
  joined: JoinedLimits;
}

/** How large the joined strategy lets one statement grow; a larger selection is refused before any SQL. */
export interface JoinedLimits {
  /** Populate paths in one statement: each is a JOIN (or, for `orderCount`, a subquery). */
  maxRelations: number;
  /** List relations among them: each multiplies the rows the statement returns. */
  maxToMany: number;
}
