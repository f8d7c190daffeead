import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, EXPECTED_SQL_COUNTS, STRATEGIES } from '../support/operations';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

describe.each(EXAMPLES)(`%s [${TEST_DB}]`, (example) => {
  test.each(STRATEGIES)('%s: exact SQL count, and the statements it ran', async (strategy) => {
    const { status, body } = await lab.gql(EXAMPLE_OPERATIONS[example], { strategy });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const stats = body.extensions!.queryStats!;
    expect(stats.strategy).toBe(strategy);
    expect(stats.sqlCount).toBe(EXPECTED_SQL_COUNTS[example][strategy]);
    expect(stats.statements.reduce((sum, statement) => sum + statement.count, 0)).toBe(stats.sqlCount);
    // Sorted: statements that run concurrently (PostgreSQL's pool) finish in either order.
    const statements = [...stats.statements].sort((a, b) => a.sql.localeCompare(b.sql));
    expect({ sqlCount: stats.sqlCount, statements }).toMatchSnapshot();
  });
});

describe(`scaling with the page size [${TEST_DB}]`, () => {
  const oracle = seedOracle();
  const counts = async (strategy: string, first: number) => {
    const { body } = await lab.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy, variables: { first } });
    expect(body.errors).toBeUndefined();
    return body.extensions!.queryStats!.sqlCount;
  };

  test.each([5, 10, 20])('first: %i — naive grows with every parent, batched stays per level, joined at 1', async (first) => {
    expect(await counts('naive', first)).toBe(oracle.naiveUsersOrdersItemsProducts(first));
    expect(await counts('batched', first)).toBe(4);
    expect(await counts('joined', first)).toBe(1);
  });

  test('naive: 51, 101, 201 statements for 5, 10, 20 users, as the README says', async () => {
    expect([await counts('naive', 5), await counts('naive', 10), await counts('naive', 20)]).toEqual([51, 101, 201]);
  });
});
