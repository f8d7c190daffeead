import { EXAMPLE_OPERATIONS, type ExampleName } from '../../src/lab/examples';
import { STRATEGY_NAMES } from '../../src/strategies';
import { seedOracle } from './seed-oracle';

export const STRATEGIES = STRATEGY_NAMES;
export const EXAMPLES = Object.keys(EXAMPLE_OPERATIONS) as ExampleName[];

const oracle = seedOracle();

/** Expected statements per example × strategy with each example's default variables (first 5, user 3). */
export const EXPECTED_SQL_COUNTS: Record<ExampleName, Record<(typeof STRATEGIES)[number], number>> = {
  usersWithOrders: { naive: oracle.naiveUsersWithOrders(5), batched: 2, joined: 1 },
  usersOrdersItemsProducts: { naive: oracle.naiveUsersOrdersItemsProducts(5), batched: 4, joined: 1 },
  ordersWithUser: { naive: oracle.naiveOrdersWithUser(5), batched: 2, joined: 1 },
  // batched: user, orderCount GROUP BY, orders, items, products
  userByIdWithTree: { naive: oracle.naiveUserByIdWithTree(3), batched: 5, joined: 1 },
  usersWithOrderCount: { naive: oracle.naiveUsersWithOrderCount(5), batched: 2, joined: 1 },
};

/** `{ users { orders { user { orders … { id } } } } }`: `depth` levels of fields, the innermost `id` included. */
export function usersOrdersUser(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) selection = `${level % 2 === 0 ? 'orders' : 'user'} { ${selection} }`;
  return `{ users { ${selection} } }`;
}
