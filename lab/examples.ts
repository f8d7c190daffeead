/** The operations the README, GraphiQL, the tests and the benchmarks share. */
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
