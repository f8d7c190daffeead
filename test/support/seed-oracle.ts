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
    /** dashboard(top) with every part selected, as GraphQL answers it (IDs as strings). */
    dashboard(top: number) {
      const ordersByStatus = new Map<string, number>();
      for (const order of rows.orders) ordersByStatus.set(order.status, (ordersByStatus.get(order.status) ?? 0) + 1);
      const sales = new Map<number, { unitsSold: number; revenueCents: number }>();
      for (const item of rows.items) {
        const sold = sales.get(item.product) ?? { unitsSold: 0, revenueCents: 0 };
        sold.unitsSold += item.quantity;
        sold.revenueCents += item.quantity * item.unitPriceCents;
        sales.set(item.product, sold);
      }
      return {
        userCount: rows.users.length,
        orderCount: rows.orders.length,
        revenueCents: rows.orders.filter((order) => order.status !== 'CANCELLED').reduce((sum, order) => sum + order.totalCents, 0),
        ordersByStatus: [...ordersByStatus].sort(([a], [b]) => a.localeCompare(b)).map(([status, orders]) => ({ status, orders })),
        topProducts: [...sales]
          .sort(([idA, a], [idB, b]) => b.unitsSold - a.unitsSold || idA - idB)
          .slice(0, top)
          .map(([id, sold]) => ({ productId: String(id), name: rows.products[id - 1]!.name, ...sold })),
      };
    },
  };
}
