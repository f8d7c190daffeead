import { EXAMPLE_OPERATIONS, type ExampleName } from '../../src/examples';
import { STRATEGY_NAMES } from '../../src/strategies';
import { seedOracle } from './seed-oracle';

export const STRATEGIES = STRATEGY_NAMES;
export const EXAMPLES = Object.keys(EXAMPLE_OPERATIONS) as ExampleName[];

const oracle = seedOracle();

/**
 * Expected statements per example × strategy with each example's default variables (first 5, user 3).
 * select-in: one per level. balanced: to-one relations joined into their parent's statement, one per to-many.
 * orm-dataloader: one grouped statement per relation and level, as batched (MikroORM's dataloader).
 */
export const EXPECTED_SQL_COUNTS: Record<ExampleName, Record<(typeof STRATEGIES)[number], number>> = {
  usersWithOrders: { naive: oracle.naiveUsersWithOrders(5), batched: 2, joined: 1, 'select-in': 2, balanced: 2, 'orm-dataloader': 2 },
  // balanced: users; orders; items with their product joined
  usersOrdersItemsProducts: {
    naive: oracle.naiveUsersOrdersItemsProducts(5),
    batched: 4,
    joined: 1,
    'select-in': 4,
    balanced: 3,
    'orm-dataloader': 4,
  },
  // balanced: orders with their user joined
  ordersWithUser: { naive: oracle.naiveOrdersWithUser(5), batched: 2, joined: 1, 'select-in': 2, balanced: 1, 'orm-dataloader': 2 },
  // batched: user, orderCount GROUP BY, orders, items, products; select-in: user (and its orderCount), orders,
  // items, products; balanced: user, orders, items with products; orm-dataloader: as batched
  userByIdWithTree: { naive: oracle.naiveUserByIdWithTree(3), batched: 5, joined: 1, 'select-in': 4, balanced: 3, 'orm-dataloader': 5 },
  usersWithOrderCount: { naive: oracle.naiveUsersWithOrderCount(5), batched: 2, joined: 1, 'select-in': 1, balanced: 1, 'orm-dataloader': 2 },
};

/** `{ users { orders { user { orders … { id } } } } }`: `depth` levels of fields, the innermost `id` included. */
export function usersOrdersUser(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level -= 1) selection = `${level % 2 === 0 ? 'orders' : 'user'} { ${selection} }`;
  return `{ users { ${selection} } }`;
}
