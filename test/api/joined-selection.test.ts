import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

/** Each query must run as one statement under joined and return what naive returns. */
// Every row has three entries: a shorter row would make Jest pass its `done` callback as `variables`.
const SELECTIONS: Array<[string, string, Record<string, unknown>]> = [
  ['aliases of one relation', '{ users(first: 3) { a: orders { id } b: orders { items { id } } } }', {}],
  [
    'named fragments, nested',
    `{ users(first: 3) { ...U } }
     fragment U on User { id orders { ...O } }
     fragment O on Order { id items { product { name } } }`,
    {},
  ],
  ['inline fragments', '{ orders(first: 4) { ... on Order { user { username } } ... { items { id } } } }', {}],
  [
    '@include and @skip with variables',
    `query ($withItems: Boolean!, $skipUser: Boolean!) {
       orders(first: 4) { id items @include(if: $withItems) { product { id } } user @skip(if: $skipUser) { id } }
     }`,
    { withItems: true, skipUser: true },
  ],
  ['a cycle back to the parent type', '{ orders(first: 3) { id user { orders { id } orderCount } items { order { id } } } }', {}],
  ['the same relation under two root fields', '{ users(first: 2) { orders { id } } user(id: 4) { orders { id } } }', {}],
];

describe(`joined strategy reads the selection set [${TEST_DB}]`, () => {
  test.each(SELECTIONS)('%s', async (_name, query, variables) => {
    const joined = await lab.gql(query, { strategy: 'joined', variables });
    const naive = await lab.gql(query, { strategy: 'naive', variables });
    expect(joined.body.errors).toBeUndefined();
    expect(joined.body.data).toEqual(naive.body.data);
    const rootFields = (query.match(/(users|orders|user)\(/g) ?? []).length;
    expect(joined.body.extensions!.queryStats!.sqlCount).toBe(rootFields);
  });

  test('skipped relations are not joined', async () => {
    const query = 'query ($on: Boolean!) { users(first: 2) { id orders @include(if: $on) { id } } }';
    const off = await lab.gql(query, { strategy: 'joined', variables: { on: false } });
    expect(off.body.extensions!.queryStats!.statements[0]!.sql).not.toMatch(/join/);
    const on = await lab.gql(query, { strategy: 'joined', variables: { on: true } });
    expect(on.body.extensions!.queryStats!.statements[0]!.sql).toMatch(/left join .orders./);
  });
});
