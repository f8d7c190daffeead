import { usersOrdersUser } from '../support/operations';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

/** The query limits raised out of the way, so the joined planner's own bound is what answers. */
const NO_QUERY_LIMITS = { MAX_DEPTH: '1000', MAX_TOKENS: '1000000', MAX_ALIASES: '100000', MAX_COST: String(Number.MAX_SAFE_INTEGER) };

/** Each level spreads the next fragment under two relations: 4 × (2^8 − 1) = 1,020 relation paths in under 1 KB. */
const FRAGMENT_TREE = `{ orders { ...O0 } }
${Array.from({ length: 8 }, (_, i) => `fragment O${i} on Order { user { orders { ...O${i + 1} } } items { order { ...O${i + 1} } } }`).join('\n')}
fragment O8 on Order { id }`;

const TO_MANY_REFUSAL = (field: string, paths: string) =>
  `x-strategy joined joins at most 3 list relations in one statement (JOINED_MAX_TO_MANY), as each multiplies the rows it ` +
  `returns; ${field} selects 4: ${paths}. Select fewer relations, or send x-strategy: batched`;

describe(`the joined planner is bounded [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ env: NO_QUERY_LIMITS });
  });
  afterAll(() => lab.close());

  test.each([20, 25])('depth %i of users → orders → user (once 22 s, or a crash): refused at once, no SQL, server alive', async (depth) => {
    const refused = await lab.gql(usersOrdersUser(depth), { strategy: 'joined' });
    expect(refused.roundTripMs).toBeLessThan(2000);
    expect(refused.status).toBe(200); // an execution error: `users` failed, so `data` is null
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: TO_MANY_REFUSAL('users', 'orders, orders.user.orders, orders.user.orders.user.orders, orders.user.orders.user.orders.user.orders'),
        path: ['users'],
        extensions: { code: 'JOINED_PLAN_TOO_LARGE', limit: 'JOINED_MAX_TO_MANY', allowed: 3, found: 4 },
      }),
    ]);
    expect(refused.body.extensions!.queryStats).toMatchObject({ sqlCount: 0, statements: [] });

    const next = await lab.gql('{ users(first: 2) { orders { id } } }', { strategy: 'joined' });
    expect([next.status, next.body.errors, next.body.extensions!.queryStats!.sqlCount]).toEqual([200, undefined, 1]);
  });

  test('a fragment tree of 1,020 relation paths: refused at the fourth list relation, no SQL', async () => {
    const { body } = await lab.gql(FRAGMENT_TREE, { strategy: 'joined' });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: TO_MANY_REFUSAL(
          'orders',
          'user.orders, user.orders.user.orders, user.orders.user.orders.user.orders, user.orders.user.orders.user.orders.user.orders',
        ),
      }),
    ]);
    expect(body.extensions!.queryStats!.sqlCount).toBe(0);
  });

  test('1,000 aliases of one relation are one relation: one statement', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `o${i}: orders { id }`).join(' ');
    const { body } = await lab.gql(`{ users(first: 2) { ${aliases} } }`, { strategy: 'joined' });
    expect(body.errors).toBeUndefined();
    expect(body.extensions!.queryStats!.sqlCount).toBe(1);
  });

  test('the same shape under batched is not the planner’s business: it runs', async () => {
    const { body } = await lab.gql(usersOrdersUser(9).replace('users', 'users(first: 1)'), { strategy: 'batched' });
    expect(body.errors).toBeUndefined();
    // users, then user 1's orders and user 1 once each: DataLoader answers the repeats from its cache.
    expect(body.extensions!.queryStats!.sqlCount).toBe(3);
  });
});

describe(`with list relations unbounded, the relation count answers [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ env: { ...NO_QUERY_LIMITS, JOINED_MAX_TO_MANY: '100' } });
  });
  afterAll(() => lab.close());

  const RELATIONS_REFUSAL = (field: string) =>
    `x-strategy joined loads at most 8 relations in one statement (JOINED_MAX_RELATIONS); ${field} selects more. ` +
    'Select fewer relations, or send x-strategy: batched';

  test.each([
    ['depth 25 of users → orders → user', usersOrdersUser(25), 'users'],
    ['the fragment tree', FRAGMENT_TREE, 'orders'],
  ])('%s: refused at the ninth relation, no SQL, server alive', async (_shape, query, field) => {
    const refused = await lab.gql(query, { strategy: 'joined' });
    expect(refused.roundTripMs).toBeLessThan(2000);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: RELATIONS_REFUSAL(field),
        extensions: { code: 'JOINED_PLAN_TOO_LARGE', limit: 'JOINED_MAX_RELATIONS', allowed: 8 },
      }),
    ]);
    expect(refused.body.extensions!.queryStats!.sqlCount).toBe(0);
    expect((await lab.gql('{ users(first: 1) { id } }', { strategy: 'joined' })).status).toBe(200);
  });
});

describe(`the planner's bounds are settings [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ env: { ...NO_QUERY_LIMITS, JOINED_MAX_RELATIONS: '3', JOINED_MAX_TO_MANY: '1' } });
  });
  afterAll(() => lab.close());

  test.each([
    [
      'JOINED_MAX_TO_MANY',
      '{ users(first: 2) { orders { items { id } } } }',
      'x-strategy joined joins at most 1 list relations in one statement (JOINED_MAX_TO_MANY)',
    ],
    [
      'JOINED_MAX_RELATIONS',
      '{ orders(first: 2) { user { id } items { order { id } product { id } } } }',
      'x-strategy joined loads at most 3 relations in one statement (JOINED_MAX_RELATIONS)',
    ],
  ])('%s', async (_setting, query, start) => {
    const { body } = await lab.gql(query, { strategy: 'joined' });
    expect(body.errors![0]!.message.startsWith(start)).toBe(true);
  });

  test('at the bounds: one statement', async () => {
    const { body } = await lab.gql('{ orders(first: 2) { user { id } items { product { id } } } }', { strategy: 'joined' });
    expect([body.errors, body.extensions!.queryStats!.sqlCount]).toEqual([undefined, 1]);
  });
});
