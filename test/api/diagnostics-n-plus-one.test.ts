import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { statsOf, useTestApp } from '../support/shared-app';
import { createTestApp, TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** queryStats.nPlusOne and .duplicates: what the detector finds, the fix it names, and its threshold. */
describe(`N+1 detector [${TEST_DB}]`, () => {
  describe.each(EXAMPLES)('%s', (example) => {
    test.each(STRATEGIES)('%s: exact findings', async (strategy) => {
      const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS[example], strategy);
      if (strategy !== 'naive') {
        expect(stats.nPlusOne).toEqual([]);
        expect(stats.duplicates).toEqual([]);
      }
      const ordered = <T extends { path: string }>(findings: T[]) => [...findings].sort((a, b) => a.path.localeCompare(b.path));
      expect({ nPlusOne: ordered(stats.nPlusOne), duplicates: ordered(stats.duplicates) }).toMatchSnapshot();
    });
  });

  test('naive users → orders → items → product: one finding per fanned-out level, each with its fix', async () => {
    const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
    expect(stats.nPlusOne.map(({ path, count }) => [path, count]).sort()).toEqual([
      ['users.orders', 5],
      ['users.orders.items', 15],
      ['users.orders.items.product', 30],
    ]);
    const product = stats.nPlusOne.find((finding) => finding.path === 'users.orders.items.product')!;
    expect(product.hint).toBe(
      'OrderItem.product queries once per parent (30 runs, 22 different parameter sets): send x-strategy: batched ' +
        '(DataLoader productById: one IN (…) query for all parents) or x-strategy: joined (one statement for the whole tree)',
    );
    // 30 product lookups for 22 distinct products: the other 8 fetched a product already fetched.
    expect(stats.duplicates).toEqual([expect.objectContaining({ path: 'users.orders.items.product', count: 8 })]);
  });

  test('duplicates are told apart from N+1: 5 orders of 2 users fetch 2 users, 3 of them again', async () => {
    const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS.ordersWithUser, 'naive');
    expect(stats.nPlusOne).toEqual([]);
    expect(stats.duplicates).toEqual([
      {
        path: 'orders.user',
        sql: expect.stringMatching(/from .users./),
        count: 3,
        hint: 'Order.user fetched the same rows again 3 times: a per-request DataLoader (x-strategy: batched) loads each key once',
      },
    ]);
  });

  test('each N+1 also gives a warning log line', async () => {
    lab.logs.length = 0;
    await statsOf(lab, EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
    expect(lab.logs.filter((line) => line.msg === 'N+1 query')).toEqual([
      expect.objectContaining({ level: 40, path: 'users.orders', count: 5, operation: 'UsersWithOrders' }),
    ]);
  });
});

describe(`N+1 threshold [${TEST_DB}]`, () => {
  test.each([
    [3, ['user.orders.items', 'user.orders.items.product']],
    [5, ['user.orders.items.product']],
    [8, []],
  ])('threshold %i', async (nPlusOneThreshold, paths) => {
    // user 3: 4 orders (4 item queries), 7 items (7 product queries)
    const app = await createTestApp({ nPlusOneThreshold });
    try {
      const { body } = await app.gql(EXAMPLE_OPERATIONS.userByIdWithTree, { strategy: 'naive' });
      expect(body.extensions!.queryStats!.nPlusOne.map((finding) => finding.path).sort()).toEqual(paths);
    } finally {
      await app.close();
    }
  });
});
