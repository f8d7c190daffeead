import { EXAMPLE_OPERATIONS } from '../../src/lab/examples';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { seedOracle } from '../support/seed-oracle';
import { TEST_DB, type TestApp, createTestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

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

  test('dbTimeMs is wall-clock time inside SQL: never negative, never above the request', async () => {
    const started = performance.now();
    const { body } = await lab.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { variables: { first: 20 } });
    const elapsed = performance.now() - started;
    const { dbTimeMs } = body.extensions!.queryStats!;
    expect(dbTimeMs).toBeGreaterThanOrEqual(0);
    expect(dbTimeMs).toBeLessThanOrEqual(elapsed);
  });

  test('one log line per request: operation, strategy, sqlCount, dbTimeMs, durationMs, status', async () => {
    lab.logs.length = 0;
    await lab.gql(EXAMPLE_OPERATIONS.usersWithOrders, { strategy: 'batched' });
    const lines = lab.logs.filter((line) => line.msg === 'request');
    expect(lines).toEqual([
      expect.objectContaining({
        operation: 'UsersWithOrders',
        strategy: 'batched',
        sqlCount: 2,
        dbTimeMs: expect.any(Number),
        durationMs: expect.any(Number),
        status: 200,
      }),
    ]);
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
    quiet = await createTestApp({ queryStats: false });
  });
  afterAll(() => quiet.close());

  test.each(EXAMPLES)('%s: no extensions in the response', async (example) => {
    const { body } = await quiet.gql(EXAMPLE_OPERATIONS[example], { strategy: 'batched' });
    expect(body.errors).toBeUndefined();
    expect(body.extensions).toBeUndefined();
  });
});
