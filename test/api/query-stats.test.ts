import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

/** A time: a number of milliseconds, 0 or more. */
const NUMBER = expect.any(Number);

describe(`extensions.queryStats [${TEST_DB}]`, () => {
  const { rows } = seedOracle();
  const user = rows.users[2]!;

  test.each(STRATEGIES)('%s: statements carry placeholders, never the values of the request', async (strategy) => {
    const { body } = await lab.gql(
      `query ($id: ID!, $first: Int!) { user(id: $id) { email orders { id } } users(first: $first, offset: 7) { id } }`,
      { strategy, variables: { id: String(user.id), first: 13 } },
    );
    expect(body.errors).toBeUndefined();
    const statements = body.extensions!.queryStats!.statements.map((statement) => statement.sql).join('\n');
    expect(statements).toMatch(/\?/);
    expect(statements).not.toMatch(/\b(13|7)\b/); // the limit and offset
    expect(statements).not.toMatch(/= 3\b|\(3\)/); // the user id
    expect(statements).not.toContain(user.email);
  });

  test('rowsFetched: the rows the database sent, the JOIN repeating parents on every child row', async () => {
    // users(first: 5) { orders { items { product } } }: 5 users, their 15 orders, 30 items, 22 distinct products.
    const users = rows.users.slice(0, 5).map((row) => row.id);
    const orders = rows.orders.filter((order) => users.includes(order.user));
    const items = rows.items.filter((item) => orders.some((order) => order.id === item.order));
    const products = new Set(items.map((item) => item.product)).size;
    expect([users.length, orders.length, items.length, products]).toEqual([5, 15, 30, 22]);
    const fetched: Record<string, number> = {};
    for (const strategy of STRATEGIES) {
      const { body } = await lab.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy });
      fetched[strategy] = body.extensions!.queryStats!.rowsFetched;
    }
    expect(fetched).toEqual({
      naive: 5 + 15 + 30 + 30, // a product row per item, repeats included
      batched: 5 + 15 + 30 + products,
      'select-in': 5 + 15 + 30 + products,
      'orm-dataloader': 5 + 15 + 30 + products,
      balanced: 5 + 15 + 30, // items arrive with their product joined
      joined: 30, // one row per item (every order has items), carrying its user, order and product
    });
  });

  test('dbTimeMs is wall-clock time inside SQL: never negative, never above the request', async () => {
    const started = performance.now();
    const { body } = await lab.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { variables: { first: 20 } });
    const elapsed = performance.now() - started;
    const { dbTimeMs } = body.extensions!.queryStats!;
    expect(dbTimeMs).toBeGreaterThanOrEqual(0);
    expect(dbTimeMs).toBeLessThanOrEqual(elapsed);
  });

  test('one log line per request: operation, strategy, SQL, rows, the time split, status', async () => {
    lab.logs.length = 0;
    await lab.gql(EXAMPLE_OPERATIONS.usersWithOrders, { strategy: 'batched' });
    const lines = lab.logs.filter((line) => line.msg === 'request');
    const time = { dbMs: NUMBER, ormMs: NUMBER, graphqlMs: NUMBER, serializationMs: NUMBER, otherMs: NUMBER, totalMs: NUMBER };
    // 5 users, then their 15 orders
    expect(lines).toEqual([
      expect.objectContaining({ operation: 'UsersWithOrders', strategy: 'batched', sqlCount: 2, rowsFetched: 20, status: 200, ...time }),
    ]);
    const [line] = lines as Array<Record<keyof typeof time, number>>;
    const parts = line!.dbMs + line!.ormMs + line!.graphqlMs + line!.serializationMs + line!.otherMs;
    expect(Math.abs(parts - line!.totalMs)).toBeLessThanOrEqual(0.05); // two-decimal rounding of five parts
  });

  test('logged SQL (debug level) has placeholders only', async () => {
    lab.logs.length = 0;
    await lab.gql('{ user(id: 3) { email } }');
    const sql = lab.logs.filter((line) => line.ns === 'orm:query');
    expect(sql).toHaveLength(1);
    expect(JSON.stringify(lab.logs)).not.toContain(user.email);
    expect(sql[0]!.sql).toMatch(/= \?/);
  });
});

describe(`queryStats turned off [${TEST_DB}]`, () => {
  let quiet: TestApp;
  beforeAll(async () => {
    // The lab's history off too: its `extensions.lab` is the only other extension a response carries here.
    quiet = await createTestApp({ queryStats: false, env: { LAB_HISTORY: '0' } });
  });
  afterAll(() => quiet.close());

  test.each(EXAMPLES)('%s: no extensions in the response', async (example) => {
    const { body } = await quiet.gql(EXAMPLE_OPERATIONS[example], { strategy: 'batched' });
    expect(body.errors).toBeUndefined();
    expect(body.extensions).toBeUndefined();
  });
});
