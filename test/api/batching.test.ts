import { TEST_DB, type TestApp, createTestApp } from '../support/test-app';

describe(`batched strategy [${TEST_DB}]`, () => {
  let capped: TestApp;
  beforeAll(async () => {
    capped = await createTestApp({ batchMaxSize: 2 });
  });
  afterAll(() => capped.close());

  test('one IN (…) query per level, split at the batch-size cap', async () => {
    const { body } = await capped.gql('{ users(first: 5) { id orders { id } } }', { strategy: 'batched' });
    const stats = body.extensions!.queryStats!;
    // 5 user ids in batches of at most 2: [1, 2], [3, 4], [5]
    expect(stats.sqlCount).toBe(1 + 3);
    const ordersStatements = stats.statements.filter((statement) => /from .orders./.test(statement.sql));
    expect(ordersStatements.map((statement) => [statement.sql.match(/in \(([?, ]*)\)/)![1], statement.count])).toEqual([
      ['?, ?', 2],
      ['?', 1],
    ]);
  });

  test('orderCount is one GROUP BY per batch, and users without orders count 0', async () => {
    const { body } = await capped.gql('{ users(first: 2) { id orderCount } }', { strategy: 'batched' });
    expect(body.data!.users).toEqual([
      { id: '1', orderCount: 2 },
      { id: '2', orderCount: 3 },
    ]);
    const statements = body.extensions!.queryStats!.statements;
    expect(statements.filter((statement) => /group by/.test(statement.sql))).toHaveLength(1);
  });

  test('repeated keys are loaded once per request', async () => {
    // Users 1 and 2 each appear under several orders; productById and userById deduplicate keys.
    const { body } = await capped.gql('{ orders(first: 5) { id user { id } } }', { strategy: 'batched' });
    const stats = body.extensions!.queryStats!;
    expect(stats.statements.map((statement) => statement.count)).toEqual([1, 1]);
  });
});
