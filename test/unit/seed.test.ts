import { seedRows, usersForOrders } from '../../src/db/seed';

describe('seedRows', () => {
  test('matches the documented arithmetic', () => {
    const rows = seedRows(20);
    expect([rows.users.length, rows.orders.length, rows.items.length, rows.products.length]).toEqual([20, 60, 120, 50]);
    expect(rows.users[0]).toMatchObject({ id: 1, username: 'user_0001', email: 'user0001@example.com' });
    for (const user of rows.users) expect(rows.orders.filter((order) => order.user === user.id)).toHaveLength(1 + (user.id % 5));
    expect(rows.orders.map((order) => order.id)).toEqual(rows.orders.map((_, index) => index + 1));
    for (const order of rows.orders) {
      const items = rows.items.filter((item) => item.order === order.id);
      expect(items.map((item) => item.product)).toEqual([0, 1, 2].slice(0, 1 + (order.id % 3)).map((k) => 1 + ((order.id * 7 + k) % 50)));
      expect(order.totalCents).toBe(items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0));
    }
    expect(rows.products[0]!.name).toBe('Product 01');
  });

  test('is deterministic and pads names for large sets', () => {
    expect(seedRows(20)).toEqual(seedRows(20));
    expect(seedRows(12_345).users.at(-1)).toMatchObject({ username: 'user_12345', email: 'user12345@example.com' });
  });

  test('rejects a bad size', () => {
    expect(() => seedRows(-1)).toThrow('the seed needs a whole number of users (0 or more); got -1');
  });
});

describe('usersForOrders: how npm run seed -- --orders N scales the seed', () => {
  test.each([0, 1, 2, 60, 1000, 100_000])('%i orders: the fewest users whose seed holds that many', (orders) => {
    const users = usersForOrders(orders);
    expect(seedRows(users).orders.length).toBeGreaterThanOrEqual(orders);
    if (users > 0) expect(seedRows(users - 1).orders.length).toBeLessThan(orders);
  });

  test('100,000 orders: 33,334 users', () => {
    expect(usersForOrders(100_000)).toBe(33_334);
  });
});
