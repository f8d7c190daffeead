import { QUERY_LISTENER, type TimedStatement } from '../../src/db/query-listener';
import { createBatchedStrategy } from '../../src/strategies/batched';
import { sqlSpanName } from '../../src/telemetry/sql-span-name';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp({ batchMaxSize: 2 });
});
afterAll(() => lab.close());

/**
 * The batched strategy on its own EntityManager fork, with every statement's table and bound values
 * recorded: a DataLoader batch's keys are exactly the values of its `IN (…)` list.
 */
function batchedWithCalls(batchMaxSize: number) {
  const calls: Array<[table: string | undefined, keys: unknown[]]> = [];
  const listener = {
    onStatement: (statement: TimedStatement) => calls.push([sqlSpanName(statement.sql).table, keysOf(statement.params ?? [])]),
    onOrmCall: () => {},
    attribute: <T>(work: () => T) => work(),
  };
  const em = lab.orm.em.fork({ loggerContext: { [QUERY_LISTENER]: listener } });
  return { strategy: createBatchedStrategy(em, { batchMaxSize }), calls };
}

/** The bound values, with PostgreSQL's one array parameter (`{1,2}`, for `= any(?::int[])`) unpacked. */
const keysOf = (params: readonly unknown[]) =>
  params.length === 1 && typeof params[0] === 'string' && /^\{[\d,]*\}$/.test(params[0])
    ? params[0].slice(1, -1).split(',').map(Number)
    : [...params];

const FIRST_5 = { first: 5, offset: 0 };

/** Batches sent together finish in any order on PostgreSQL's pool: compare them by their first key. */
const byFirstKey = (calls: Array<[string | undefined, unknown[]]>) => [...calls].sort((a, b) => Number(a[1][0]) - Number(b[1][0]));

describe(`batched strategy [${TEST_DB}]`, () => {
  test('ordersByUserId: the keys of every batch, split at batchMaxSize', async () => {
    const { strategy, calls } = batchedWithCalls(2);
    const users = await strategy.users(FIRST_5, undefined as never);
    calls.length = 0;
    // As graphql-js does: every resolver of the level calls load() in the same tick.
    await Promise.all(users.map((user) => strategy.ordersOfUser(user, undefined as never)));
    expect(byFirstKey(calls)).toEqual([
      ['orders', [1, 2]],
      ['orders', [3, 4]],
      ['orders', [5]],
    ]);
  });

  test('userById and productById: each key once per request, however many parents share it', async () => {
    const { strategy, calls } = batchedWithCalls(1000);
    const orders = await strategy.orders({ first: 6, offset: 0 }, undefined as never);
    calls.length = 0;
    await Promise.all(orders.map((order) => strategy.userOfOrder(order, undefined as never)));
    // Orders 1–6 belong to users 1, 1, 2, 2, 2, 3 (user u has 1 + u % 5 orders).
    expect(calls).toEqual([['users', [1, 2, 3]]]);
    const items = (await Promise.all(orders.map((order) => strategy.itemsOfOrder(order, undefined as never)))).flat();
    calls.length = 0;
    await Promise.all(items.map((item) => strategy.productOfItem(item, undefined as never)));
    expect(calls).toEqual([['products', [...new Set(items.map((item) => item.product))]]]);
  });

  test('orderCountByUserId: one GROUP BY per batch, and a user without orders counts 0', async () => {
    const { strategy, calls } = batchedWithCalls(2);
    const users = await strategy.users({ first: 3, offset: 0 }, undefined as never);
    calls.length = 0;
    const counts = await Promise.all(users.map((user) => strategy.orderCountOfUser(user, undefined as never)));
    expect(counts).toEqual([2, 3, 4]);
    expect(byFirstKey(calls)).toEqual([
      ['orders', [1, 2]],
      ['orders', [3]],
    ]);
  });

  test('each batch selects only the columns its fields ask for, and a later field asking for more gets them', async () => {
    // orderById serves `order { id }` two levels down and `order { id status }` three levels down. On SQLite the
    // shallower loads go first: its cached rows lack status, so the loader forgets them and fetches again. On
    // PostgreSQL's pool the two levels' loads may also meet in one tick and share one batch (the union).
    const query = '{ orders(first: 2) { items { order { id } } } users(first: 2) { orders { items { order { id status } } } } }';
    const [batched, naive] = await Promise.all([lab.gql(query, { strategy: 'batched' }), lab.gql(query, { strategy: 'naive' })]);
    expect(batched.body.errors).toBeUndefined();
    expect(batched.body.data).toEqual(naive.body.data);
    // The orders looked up by id (orderById), as the columns each statement selected.
    const byId = batched.body.extensions!.queryStats!.statements.flatMap(({ sql }) => {
      const match = sql.match(/^select (.+) from [`"]orders[`"] as [`"]o0[`"] where \(?[`"]o0[`"]\.[`"]id[`"]/);
      return match ? [match[1]!.replace(/[`"]o0[`"]\.|[`"]/g, '')] : [];
    });
    expect([...new Set(byId)]).toEqual(TEST_DB === 'sqlite' ? ['id', 'id, status'] : expect.arrayContaining(['id, status']));
    expect(byId.every((columns) => columns === 'id' || columns === 'id, status')).toBe(true);
  });

  test('over HTTP: one IN (…) statement per batch of two, and the data', async () => {
    const { body } = await lab.gql<{ users: unknown[] }>('{ users(first: 2) { id orderCount } }', { strategy: 'batched' });
    expect(body.data!.users).toEqual([
      { id: '1', orderCount: 2 },
      { id: '2', orderCount: 3 },
    ]);
    const statements = body.extensions!.queryStats!.statements;
    expect(statements.map((statement) => [statement.sql.match(/in \(([?, ]*)\)/)?.[1] ?? null, statement.count])).toEqual([
      [null, 1],
      ['?, ?', 1],
    ]);
  });
});
