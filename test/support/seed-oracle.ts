import { seedRows } from '../../src/db/seed';

/**
 * Statement counts worked out from the seed's arithmetic alone, never from running the API, so the tests
 * check the strategies against an independent answer.
 */
export function seedOracle(userCount = 20) {
  const rows = seedRows(userCount);
  const ordersOf = (userIds: number[]) => rows.orders.filter((order) => userIds.includes(order.user));
  const itemsOf = (orderIds: number[]) => rows.items.filter((item) => orderIds.includes(item.order));
  const firstUsers = (first: number) => rows.users.slice(0, first).map((user) => user.id);

  return {
    rows,
    /** users(first) { orders }: the page, then one query per user. */
    naiveUsersWithOrders: (first: number) => 1 + firstUsers(first).length,
    /** users(first) { orders { items { product } } }: one query per user, per order and per item. */
    naiveUsersOrdersItemsProducts(first: number) {
      const orders = ordersOf(firstUsers(first));
      const items = itemsOf(orders.map((order) => order.id));
      return 1 + firstUsers(first).length + orders.length + items.length;
    },
    /** orders(first) { user }: the page, then one query per order. */
    naiveOrdersWithUser: (first: number) => 1 + Math.min(first, rows.orders.length),
    /** user(id) { orderCount orders { items { product } } }. */
    naiveUserByIdWithTree(id: number) {
      const orders = ordersOf([id]);
      const items = itemsOf(orders.map((order) => order.id));
      return 1 + 1 + 1 + orders.length + items.length;
    },
    naiveUsersWithOrderCount: (first: number) => 1 + firstUsers(first).length,
  };
}
