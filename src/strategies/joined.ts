import type { EntityManager } from '@mikro-orm/sql';
import type { GraphQLResolveInfo } from 'graphql';
import { Order, Product, User } from '../db/entities';
import { ormCall } from '../db/query-listener';
import { allColumns, columnSpec } from '../loading/columns';
import { joinedQuery } from '../loading/joined-query';
import { loadedValue } from '../loading/loaded';
import { pageOfRows, rowsWhereIn } from '../loading/rows';
import { factsOf, schemaFacts } from '../loading/schema-facts';
import { selectionPlan } from '../loading/selection';
import type { OrderItemRow, OrderRow, ProductRow, Strategy, StrategyOptions, UserRow } from './strategy';

/** The tree as the one statement returns it; a relation is present when (and only when) it was selected. */
type JoinedUser = UserRow & { orders?: JoinedOrder[]; orderCount?: number };
type JoinedOrder = OrderRow & { user?: JoinedUser; items?: JoinedItem[] };
type JoinedItem = OrderItemRow & { order?: JoinedOrder; product?: ProductRow };

/**
 * joined: the root resolver reads the GraphQL selection, turns it into MikroORM populate paths and the columns
 * selected at each, and loads the whole tree in one SQL statement (LEFT JOINs, the page applied in a subquery,
 * `orderCount` as a correlated subquery), its rows nested into plain objects rather than entities. A plan
 * larger than `joined` allows is refused before any SQL runs.
 * Nested resolvers then only read what that statement loaded; finding something unloaded is a bug in the
 * planning, reported as such rather than quietly querying.
 */
export function createJoinedStrategy(
  em: EntityManager,
  { joined }: Pick<StrategyOptions, 'joined'>,
): Strategy<JoinedUser, JoinedOrder, JoinedItem, ProductRow> {
  const facts = schemaFacts(em);
  const plan = (info: GraphQLResolveInfo) => selectionPlan(info, facts, joined);
  const tree = async <T>({ qb, nest }: ReturnType<typeof joinedQuery>): Promise<T[]> =>
    ormCall(em, async () => nest<T>(await qb.execute('all', false)));
  const one = async <T>(query: ReturnType<typeof joinedQuery>, id: number): Promise<T | null> => {
    query.qb.where({ id } as never);
    return (await tree<T>(query))[0] ?? null;
  };
  const PRODUCT_COLUMNS = allColumns(columnSpec(factsOf(em, 'Product')));
  return {
    users: (page, info) => tree(joinedQuery(em, User, plan(info), page)),
    user: (id, info) => one<JoinedUser>(joinedQuery(em, User, plan(info)), id),
    orders: (page, info) => tree(joinedQuery(em, Order, plan(info), page)),
    products: (page) => pageOfRows(em, Product, PRODUCT_COLUMNS, page),
    order: (id, info) => one<JoinedOrder>(joinedQuery(em, Order, plan(info)), id),
    product: async (id) => (await rowsWhereIn<ProductRow>(em, Product, PRODUCT_COLUMNS, 'id', [id]))[0] ?? null,
    // Nothing outlives the statement that loaded it: every read after a write reads the database.
    forget: () => {},

    ordersOfUser: (user) => loadedValue(user.orders, 'User.orders'),
    orderCountOfUser: (user) => loadedValue(user.orderCount, 'User.orderCount'),
    userOfOrder: (order) => loadedValue(order.user, 'Order.user'),
    itemsOfOrder: (order) => loadedValue(order.items, 'Order.items'),
    orderOfItem: (item) => loadedValue(item.order, 'OrderItem.order'),
    productOfItem: (item) => loadedValue(item.product, 'OrderItem.product'),
  };
}
