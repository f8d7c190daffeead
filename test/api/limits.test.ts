import { EXAMPLE_OPERATIONS, graphiqlDefaultQuery } from '../../src/examples';
import { STRATEGIES, usersOrdersUser } from '../support/operations';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

/** The tree the README and the benchmarks send, up to 1000 users. */
const README_TREE = '{ users(first: 1000) { id username email orders { id status totalCents items { quantity product { id name } } } } }';
const ALIASES_5000 = `{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: users(first: 1) { id }`).join(' ')} }`;
const DIRECTIVES_60 = `{ users(first: 1) { id ${'@include(if: true) '.repeat(60)}} }`;
const TOKENS_30010 = `{ users(first: 1) { ${'id '.repeat(30_000)}} }`;
const COSTLY = '{ users(first: 1000) { orders { items { order { items { product { id } } } } } } }';

/** Statements the database ran while `send` did, counted from the ORM's own log (not from queryStats). */
async function statementsDuring(lab: TestApp, send: () => Promise<unknown>): Promise<number> {
  const before = lab.logs.filter((line) => line.msg === 'sql').length;
  await send();
  return lab.logs.filter((line) => line.msg === 'sql').length - before;
}

describe(`query limits, defaults [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp();
  });
  afterAll(() => lab.close());

  test.each(Object.keys(EXAMPLE_OPERATIONS) as Array<keyof typeof EXAMPLE_OPERATIONS>)('example %s runs under every strategy', async (example) => {
    for (const strategy of STRATEGIES) {
      const { status, body } = await lab.gql(EXAMPLE_OPERATIONS[example], { strategy });
      expect([strategy, status, body.errors]).toEqual([strategy, 200, undefined]);
    }
  });

  test("GraphiQL's query and the README's 1000-user tree run: 201, 4, 1, 4, 3 and 4 statements on the 20 seeded users", async () => {
    expect((await lab.gql(graphiqlDefaultQuery({ lab: true }))).body.errors).toBeUndefined();
    const counts = [];
    for (const strategy of STRATEGIES) {
      const { status, body } = await lab.gql(README_TREE, { strategy });
      expect([status, body.errors]).toEqual([200, undefined]);
      counts.push(body.extensions!.queryStats!.sqlCount);
    }
    // naive, batched, joined, select-in (one per level), balanced (items with their product joined), orm-dataloader
    expect(counts).toEqual([201, 4, 1, 4, 3, 4]);
  });

  test.each([
    ['25 levels of users → orders → user', usersOrdersUser(25), 'Query is 25 levels deep; the limit is 8 (MAX_DEPTH)'],
    ['5,000 aliases (their 55,002 tokens answer first)', ALIASES_5000, 'Query has 55002 tokens; the limit is 1000 (MAX_TOKENS)'],
    ['30,010 tokens', TOKENS_30010, 'Query has 30010 tokens; the limit is 1000 (MAX_TOKENS)'],
    ['60 directives', DIRECTIVES_60, 'Query has 60 directives; the limit is 50 (MAX_DIRECTIVES)'],
    ['a tree 5 times the cost of the README one', COSTLY, 'Query costs 2211001; the limit is 1000000 (MAX_COST)'],
  ])('%s: HTTP 400, one error naming limit, allowed and found, and no SQL', async (_shape, query, message) => {
    for (const strategy of STRATEGIES) {
      let reply!: Awaited<ReturnType<TestApp['gql']>>;
      expect(await statementsDuring(lab, async () => (reply = await lab.gql(query, { strategy })))).toBe(0);
      expect(reply.status).toBe(400);
      expect(reply.body.data).toBeUndefined();
      expect(reply.body.extensions?.queryStats).toMatchObject({ strategy, sqlCount: 0, rowsFetched: 0, statements: [] });
      expect(reply.body.errors).toEqual([
        { message, extensions: expect.objectContaining({ code: 'QUERY_LIMIT_EXCEEDED', limit: expect.stringMatching(/^MAX_/) }) },
      ]);
    }
  });

  test('the refusal carries its numbers: limit, allowed, found', async () => {
    const { body } = await lab.gql(usersOrdersUser(25));
    expect(body.errors![0]!.extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'MAX_DEPTH', allowed: 8, found: 25 });
  });

  test('under plain application/json a refusal is 200, as every validation error is (GraphQL over HTTP)', async () => {
    const { status, body } = await lab.gql(usersOrdersUser(25), { headers: { accept: 'application/json' } });
    expect(status).toBe(200);
    expect(body.errors![0]!.message).toBe('Query is 25 levels deep; the limit is 8 (MAX_DEPTH)');
  });

  test('the bounds themselves pass: depth 8, 15 aliases, 50 directives', async () => {
    const aliases = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: products(first: 1) { id }`).join(' ')} }`;
    const directives = `{ products(first: 1) { ${'id @skip(if: false) '.repeat(50)}} }`;
    for (const query of [usersOrdersUser(8).replace('users', 'users(first: 1)'), aliases, directives]) {
      expect((await lab.gql(query)).body.errors).toBeUndefined();
    }
  });
});

describe(`query limits, each a setting [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    // Every limit low, but each test's shape crosses only the one it is about.
    lab = await createTestApp({
      env: { MAX_DEPTH: '4', MAX_ALIASES: '2', MAX_TOKENS: '100000', MAX_DIRECTIVES: '1', MAX_COST: '100' },
    });
  });
  afterAll(() => lab.close());

  test.each([
    ['MAX_DEPTH', usersOrdersUser(5), 'Query is 5 levels deep; the limit is 4 (MAX_DEPTH)'],
    ['MAX_ALIASES', ALIASES_5000, 'Query has 5000 aliases; the limit is 2 (MAX_ALIASES)'],
    [
      'MAX_DIRECTIVES',
      '{ users(first: 1) { id @skip(if: false) username @include(if: true) } }',
      'Query has 2 directives; the limit is 1 (MAX_DIRECTIVES)',
    ],
    ['MAX_COST', '{ users(first: 50) { id username } }', 'Query costs 101; the limit is 100 (MAX_COST)'],
  ])('%s', async (setting, query, message) => {
    const { status, body } = await lab.gql(query);
    expect([status, body.errors!.length]).toEqual([400, 1]);
    expect(body.errors![0]).toMatchObject({ message, extensions: { limit: setting } });
  });

  test('cost multiplies by `first` as the variables give it, and fragments count where they are spread', async () => {
    const query = 'query ($n: Int!) { users(first: $n) { ...U } } fragment U on User { id username }';
    expect((await lab.gql(query, { variables: { n: 33 } })).body.errors).toBeUndefined(); // 1 + 33 × 2 = 67
    expect((await lab.gql(query, { variables: { n: 50 } })).body.errors![0]!.message).toBe('Query costs 101; the limit is 100 (MAX_COST)');
  });

  test('variables that do not coerce are reported once, by execution, not by the cost check', async () => {
    const { body } = await lab.gql('query ($n: Int!) { users(first: $n) { id } }', { variables: { n: 'many' } });
    expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^Variable "\$n" got invalid value "many"/) })]);
  });
});
