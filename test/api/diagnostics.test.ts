import { EXAMPLE_OPERATIONS } from '../../lab/examples';
import { QueryExpectationError, queryExpectations } from '../../lab/testing';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { TEST_DB, type TestApp, createTestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

const statsOf = async (query: string, strategy: string) => {
  const response = await lab.gql(query, { strategy });
  expect(response.body.errors).toBeUndefined();
  return { stats: response.body.extensions!.queryStats!, headers: response.headers };
};

describe(`per-field attribution [${TEST_DB}]`, () => {
  describe.each(EXAMPLES)('%s', (example) => {
    test.each(STRATEGIES)('%s: counts per path add up to sqlCount; each path within the request’s DB time', async (strategy) => {
      const { stats } = await statsOf(EXAMPLE_OPERATIONS[example], strategy);
      expect(stats.byPath.reduce((sum, entry) => sum + entry.sqlCount, 0)).toBe(stats.sqlCount);
      for (const entry of stats.byPath) {
        expect(entry.path).not.toMatch(/\.\d+(\.|$)/); // list indices folded
        expect(entry.dbTimeMs).toBeLessThanOrEqual(stats.dbTimeMs);
      }
    });
  });

  test('naive: each level is charged to the field that fanned out', async () => {
    const { stats } = await statsOf(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
    expect(stats.byPath.map(({ path, sqlCount }) => [path, sqlCount])).toEqual([
      ['users', 1],
      ['users.orders', 5],
      ['users.orders.items', 15],
      ['users.orders.items.product', 30],
    ]);
  });

  test('batched: a DataLoader batch is charged to the level that asked for it', async () => {
    const { stats } = await statsOf(EXAMPLE_OPERATIONS.userByIdWithTree, 'batched');
    expect(stats.byPath.map(({ path, sqlCount }) => [path, sqlCount])).toEqual(
      expect.arrayContaining([
        ['user', 1],
        ['user.orderCount', 1],
        ['user.orders', 1],
        ['user.orders.items', 1],
        ['user.orders.items.product', 1],
      ]),
    );
  });
});

describe(`N+1 detector [${TEST_DB}]`, () => {
  describe.each(EXAMPLES)('%s', (example) => {
    test.each(STRATEGIES)('%s: exact findings', async (strategy) => {
      const { stats } = await statsOf(EXAMPLE_OPERATIONS[example], strategy);
      if (strategy !== 'naive') {
        expect(stats.nPlusOne).toEqual([]);
        expect(stats.duplicates).toEqual([]);
      }
      const ordered = <T extends { path: string }>(findings: T[]) => [...findings].sort((a, b) => a.path.localeCompare(b.path));
      expect({ nPlusOne: ordered(stats.nPlusOne), duplicates: ordered(stats.duplicates) }).toMatchSnapshot();
    });
  });

  test('naive users → orders → items → product: one finding per fanned-out level, each with its fix', async () => {
    const { stats } = await statsOf(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
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
    const { stats } = await statsOf(EXAMPLE_OPERATIONS.ordersWithUser, 'naive');
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
    await statsOf(EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
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

describe(`Server-Timing [${TEST_DB}]`, () => {
  test.each(STRATEGIES)('%s: db, orm, graphql, serialize, other and total, matching queryStats', async (strategy) => {
    const { stats, headers } = await statsOf(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, strategy);
    const header = headers.get('server-timing')!;
    const metrics = Object.fromEntries(
      header.split(/,\s*/).map((metric) => {
        const [name, ...params] = metric.split(';');
        return [name, Object.fromEntries(params.map((param) => param.split('=') as [string, string]))];
      }),
    );
    expect(Object.keys(metrics)).toEqual(['db', 'orm', 'graphql', 'serialize', 'other', 'total']);
    expect(metrics.db.desc).toBe(`"${stats.sqlCount} quer${stats.sqlCount === 1 ? 'y' : 'ies'}"`);
    const ms = (name: string) => Number(metrics[name].dur);
    expect([ms('db'), ms('orm'), ms('graphql')]).toEqual([stats.dbTimeMs, stats.ormTimeMs, stats.graphqlTimeMs]);
    const parts = ms('db') + ms('orm') + ms('graphql') + ms('serialize') + ms('other');
    expect(Math.abs(parts - ms('total'))).toBeLessThanOrEqual(0.05); // two-decimal rounding of five parts
  });

  test('not sent when query stats are off', async () => {
    const quiet = await createTestApp({ queryStats: false });
    try {
      const { headers } = await quiet.gql(EXAMPLE_OPERATIONS.usersWithOrders);
      expect(headers.get('server-timing')).toBeNull();
    } finally {
      await quiet.close();
    }
  });
});

describe(`test helpers [${TEST_DB}]`, () => {
  let expectQueries: ReturnType<typeof queryExpectations>['expectQueries'];
  let expectNoNPlusOne: ReturnType<typeof queryExpectations>['expectNoNPlusOne'];
  beforeAll(() => {
    ({ expectQueries, expectNoNPlusOne } = queryExpectations(lab.app));
  });
  const query = EXAMPLE_OPERATIONS.usersOrdersItemsProducts;

  test('pass when the SQL is within bounds', async () => {
    await expect(expectQueries({ query, strategy: 'batched' }, { max: 4 })).resolves.toMatchObject({ sqlCount: 4 });
    await expect(expectQueries({ query, strategy: 'joined' }, { exactly: 1 })).resolves.toMatchObject({ sqlCount: 1 });
    await expect(expectNoNPlusOne({ query, strategy: 'batched' })).resolves.toMatchObject({ nPlusOne: [] });
  });

  test('expectQueries fails with the statements by field', async () => {
    const failure = expectQueries({ query, strategy: 'naive' }, { max: 4 });
    await expect(failure).rejects.toThrow(QueryExpectationError);
    await expect(failure).rejects.toThrow(
      /^expected at most 4 SQL statements, got 51 \(x-strategy: naive\)\nstatements by field:\n +users +1\n +users\.orders +5 +N\+1\n/,
    );
  });

  test('expectNoNPlusOne fails naming the path, the statement and the fix', async () => {
    const failure = expectNoNPlusOne({ query: EXAMPLE_OPERATIONS.usersWithOrders, strategy: 'naive' });
    await expect(failure).rejects.toThrow(
      /found 1 \(x-strategy: naive\)[\s\S]*N\+1 at users\.orders: 5 × select .*user_id.? = \?[\s\S]*fix: User\.orders queries once per parent/,
    );
  });

  test('an operation with errors fails with the error', async () => {
    await expect(expectQueries('{ users(first: 0) { id } }', { max: 1 })).rejects.toThrow(
      'the operation failed: Argument "first" must be from 1 to 1000; got 0',
    );
  });
});
