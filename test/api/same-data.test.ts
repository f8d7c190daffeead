import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

describe(`all strategies return identical data [${TEST_DB}]`, () => {
  test.each(EXAMPLES)('%s', async (example) => {
    const [naive, ...others] = await Promise.all(
      STRATEGIES.map((strategy) => lab.gql(EXAMPLE_OPERATIONS[example], { strategy, variables: { first: 20 } })),
    );
    expect(naive!.body.errors).toBeUndefined();
    // With first: 20: twenty users or orders from the root lists, one user (id 3) from `user`.
    const root = Object.values(naive!.body.data!)[0];
    expect(Array.isArray(root) ? root.length : [root].length).toBe(example === 'userByIdWithTree' ? 1 : 20);
    for (const other of others) expect(other.body.data).toEqual(naive!.body.data);
  });

  test.each(STRATEGIES)('%s: the tree matches the seed row for row, ordered by id', async (strategy) => {
    const { rows } = seedOracle();
    const { body } = await lab.gql<{
      users: Array<{
        id: string;
        email: string;
        orderCount: number;
        orders: Array<{ id: string; totalCents: number; items: Array<{ id: string; product: { id: string } }> }>;
      }>;
    }>(`{ users(first: 20) { id email orderCount orders { id totalCents items { id product { id } } } } }`, { strategy });
    const expected = rows.users.map((user) => ({
      id: String(user.id),
      email: user.email,
      orderCount: rows.orders.filter((order) => order.user === user.id).length,
      orders: rows.orders
        .filter((order) => order.user === user.id)
        .map((order) => ({
          id: String(order.id),
          totalCents: order.totalCents,
          items: rows.items.filter((item) => item.order === order.id).map((item) => ({ id: String(item.id), product: { id: String(item.product) } })),
        })),
    }));
    expect(body.data!.users).toEqual(expected);
  });

  test.each(STRATEGIES)('%s: offset pages through users in id order', async (strategy) => {
    const { body } = await lab.gql<{ users: Array<{ username: string }> }>(`{ users(first: 3, offset: 18) { username } }`, { strategy });
    expect(body.data!.users.map((user) => user.username)).toEqual(['user_0019', 'user_0020']);
  });
});
