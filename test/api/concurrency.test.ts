import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXPECTED_SQL_COUNTS } from '../support/operations';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

describe(`concurrent requests [${TEST_DB}]`, () => {
  test('different strategies in flight together keep their own stats and data', async () => {
    const query = EXAMPLE_OPERATIONS.usersOrdersItemsProducts;
    const expected = EXPECTED_SQL_COUNTS.usersOrdersItemsProducts;
    const [naive, batched, joined, naive2] = await Promise.all([
      lab.gql(query, { strategy: 'naive' }),
      lab.gql(query, { strategy: 'batched' }),
      lab.gql(query, { strategy: 'joined' }),
      lab.gql(query, { strategy: 'naive', variables: { first: 2 } }),
    ]);
    expect(naive.body.extensions!.queryStats).toMatchObject({ strategy: 'naive', sqlCount: expected.naive });
    expect(batched.body.extensions!.queryStats).toMatchObject({ strategy: 'batched', sqlCount: expected.batched });
    expect(joined.body.extensions!.queryStats).toMatchObject({ strategy: 'joined', sqlCount: expected.joined });
    expect(naive2.body.extensions!.queryStats!.sqlCount).toBe(seedOracle().naiveUsersOrdersItemsProducts(2));
    expect(batched.body.data).toEqual(naive.body.data);
    expect(joined.body.data).toEqual(naive.body.data);
    expect((naive2.body.data!.users as unknown[]).length).toBe(2);
  });

  test('a request never sees entities or cache from an earlier one', async () => {
    const first = await lab.gql('{ user(id: 1) { id username } }', { strategy: 'batched' });
    const second = await lab.gql('{ user(id: 1) { id username } }', { strategy: 'batched' });
    // With a shared EntityManager the identity map would answer the second lookup without SQL.
    expect(first.body.extensions!.queryStats!.sqlCount).toBe(1);
    expect(second.body.extensions!.queryStats!.sqlCount).toBe(1);
  });
});
