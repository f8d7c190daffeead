/** The operations the README, GraphiQL, the lab's page, the tests and the benchmarks share. */
export const EXAMPLE_OPERATIONS = {
  usersWithOrders: /* GraphQL */ `
    query UsersWithOrders($first: Int = 5) {
      users(first: $first) { id username orders { id status totalCents } }
    }`,
  usersOrdersItemsProducts: /* GraphQL */ `
    query UsersOrdersItemsProducts($first: Int = 5) {
      users(first: $first) {
        id
        username
        orders { id status items { id quantity unitPriceCents product { id name priceCents } } }
      }
    }`,
  ordersWithUser: /* GraphQL */ `
    query OrdersWithUser($first: Int = 5) {
      orders(first: $first) { id totalCents user { id username } }
    }`,
  userByIdWithTree: /* GraphQL */ `
    query UserByIdWithTree($id: ID! = 3) {
      user(id: $id) { id username orderCount orders { id items { id quantity product { id name } } } }
    }`,
  usersWithOrderCount: /* GraphQL */ `
    query UsersWithOrderCount($first: Int = 5) {
      users(first: $first) { id username orderCount }
    }`,
} as const;

export type ExampleName = keyof typeof EXAMPLE_OPERATIONS;

/**
 * The lesson after N+1: independent parts awaited in series (`x-await: sequential`) or together (`parallel`).
 * Its statements are the same under every x-strategy, so it is kept apart from the strategies' examples.
 */
export const DASHBOARD_OPERATION = /* GraphQL */ `
    query Dashboard($top: Int = 5) {
      dashboard(top: $top) {
        userCount
        orderCount
        revenueCents
        ordersByStatus { status orders }
        topProducts { productId name unitsSold revenueCents }
      }
    }`;

/**
 * A write and the graph it reads back (for the seed's last user: the README query reads the first five, and keeps
 * its counts): `x-write` picks how its items are inserted (one INSERT each, or one for
 * all), `x-strategy` how the payload's tree is read.
 */
export const PLACE_ORDER_OPERATION = /* GraphQL */ `
    mutation PlaceOrder($userId: ID! = 20) {
      placeOrder(userId: $userId, items: [{ productId: 1, quantity: 2 }, { productId: 2, quantity: 1 }, { productId: 3, quantity: 1 }]) {
        order { id totalCents user { orderCount } items { quantity unitPriceCents product { name } } }
      }
    }`;

/** What GraphiQL opens with: the nested example, ready to run under each x-strategy. */
export function graphiqlDefaultQuery({ lab }: { lab: boolean }): string {
  const intro = [
    '# Run, then set x-strategy (Headers, below) to',
    '# naive, batched or joined and run again: compare',
    '# extensions.queryStats.sqlCount in the response.',
  ];
  if (lab) intro.push('# Each response links to its waterfall (extensions.lab.url); every request: /lab');
  return `${intro.join('\n')}
query UsersOrdersItemsProducts {
  users(first: 5) {
    id
    username
    orders {
      id
      status
      items {
        id
        quantity
        product { id name priceCents }
      }
    }
  }
}
`;
}
