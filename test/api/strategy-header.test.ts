import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

const QUERY = '{ users(first: 2) { id orders { id } } }';

describe(`x-strategy header [${TEST_DB}]`, () => {
  test('absent: naive', async () => {
    const { body } = await lab.gql(QUERY);
    expect(body.extensions!.queryStats).toMatchObject({ strategy: 'naive', sqlCount: 3 });
  });

  test.each([
    ['BATCHED', 'batched', 2],
    [' Joined ', 'joined', 1],
    ['Naive', 'naive', 3],
  ])('case-insensitive: %j selects %s', async (header, strategy, sqlCount) => {
    const { body } = await lab.gql(QUERY, { strategy: header });
    expect(body.extensions!.queryStats).toMatchObject({ strategy, sqlCount });
  });

  test('unknown value: HTTP 400, a GraphQL error naming the value and the choices, no SQL', async () => {
    const { status, body } = await lab.gql(QUERY, { strategy: 'fast' });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Unknown x-strategy "fast": expected one of naive, batched, joined, select-in, balanced, orm-dataloader' }),
    ]);
  });
});
