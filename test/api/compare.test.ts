import { CompareError, type CompareOptions, compareStrategies } from '../../lab/compare/compare';
import { jaegerCompareUrl } from '../../lab/compare/jaeger';
import { renderComparison } from '../../lab/compare/render';
import { DASHBOARD_OPERATION, EXAMPLE_OPERATIONS, PLACE_ORDER_OPERATION } from '../../src/examples';
import { EXPECTED_SQL_COUNTS } from '../support/operations';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

const options = (overrides: Partial<CompareOptions> = {}): CompareOptions => ({
  target: lab.app,
  targetName: 'in-process',
  query: EXAMPLE_OPERATIONS.usersOrdersItemsProducts,
  strategies: ['naive', 'batched', 'joined'],
  repeat: 1,
  ...overrides,
});

describe(`compareStrategies [${TEST_DB}]`, () => {
  test('each row holds what queryStats reports for that strategy', async () => {
    const comparison = await compareStrategies(options({ repeat: 3 }));
    expect(comparison).toMatchObject({ operation: 'UsersOrdersItemsProducts', repeat: 3, dataIdentical: true });
    for (const result of comparison.results) {
      const { body } = await lab.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: result.strategy });
      const stats = body.extensions!.queryStats!;
      expect(result.sqlCount).toBe(stats.sqlCount);
      expect(result.sqlCount).toBe(EXPECTED_SQL_COUNTS.usersOrdersItemsProducts[result.strategy]);
      expect(result.byPath).toEqual(stats.byPath.map((entry) => ({ ...entry, dbTimeMs: expect.any(Number) })));
      expect(result.nPlusOne.map((finding) => finding.path)).toEqual(stats.nPlusOne.map((finding) => finding.path));
      expect(result.dbTimeMs).toBeLessThanOrEqual(result.totalMs);
    }
    const table = renderComparison(comparison);
    const row = (strategy: string) =>
      table
        .split('\n')
        .find((line) => line.startsWith(`${strategy} `))!
        .trim()
        .split(/\s+/);
    expect(row('naive').slice(0, 2)).toEqual(['naive', '51']);
    expect(row('naive')[10]).toBe('3'); // the N+1 column
    expect(row('batched')[4]).toBe(String(comparison.results[1]!.bytesFetched));
    expect(row('batched').slice(0, 2)).toEqual(['batched', '4']);
    expect(row('joined').slice(0, 2)).toEqual(['joined', '1']);
    expect(table).toContain('users.orders.items.product: 30 queries');
    expect(table).toContain(
      `batched: 51 → 4 statements, ${comparison.results[0]!.roundTripsInSeries} → ${comparison.results[1]!.roundTripsInSeries} in series`,
    );
    expect(table).toContain('joined: 51 → 1 statement,');
  });

  test('--write: a mutation under each write mode: the item INSERTs counted, its data (new on every run) not compared', async () => {
    const comparison = await compareStrategies(
      options({ query: PLACE_ORDER_OPERATION, strategies: ['batched', 'joined'], writeModes: ['per-item', 'batched'], repeat: 2 }),
    );
    expect(comparison.dataIdentical).toBe(false);
    // The write: user, products, order, then 3 item INSERTs or 1; the read back: 5 statements
    // (batched: order, user, orderCount, items, products), 1 (joined).
    expect(comparison.results.map(({ label, write, sqlCount }) => ({ label, write, sqlCount }))).toEqual([
      { label: 'batched · per-item', write: 'per-item', sqlCount: 11 },
      { label: 'batched · batched', write: 'batched', sqlCount: 9 },
      { label: 'joined · per-item', write: 'per-item', sqlCount: 7 },
      { label: 'joined · batched', write: 'batched', sqlCount: 5 },
    ]);
    expect(renderComparison(comparison)).toContain('PlaceOrder against in-process (median of 2 runs); a write on every run (its data not compared)');
  });

  test('--cache: the second run of batched reads every product from the cache', async () => {
    const comparison = await compareStrategies(options({ strategies: ['batched'], cacheModes: ['off', 'on'], repeat: 2 }));
    const [off, on] = comparison.results;
    expect([off!.label, off!.sqlCount, off!.cache]).toEqual(['batched · cache off', 4, undefined]);
    expect([on!.label, on!.sqlCount]).toEqual(['batched · cache on', 3]);
    expect(on!.cache).toEqual({ store: 'memory', lookups: 1, hits: 22, misses: 0 });
    expect(renderComparison(comparison)).toContain('batched · cache on: 22 from the cache (memory), 0 from the database, in 1 lookups');
  });

  test('--await: each strategy under each mode, labelled, with its round trips in series', async () => {
    const comparison = await compareStrategies(
      options({ query: DASHBOARD_OPERATION, strategies: ['naive'], awaitModes: ['sequential', 'parallel'] }),
    );
    expect(comparison.results.map(({ label, strategy, await: mode, sqlCount }) => ({ label, strategy, await: mode, sqlCount }))).toEqual([
      { label: 'naive · sequential', strategy: 'naive', await: 'sequential', sqlCount: 5 },
      { label: 'naive · parallel', strategy: 'naive', await: 'parallel', sqlCount: 5 },
    ]);
    const [sequential, parallel] = comparison.results;
    expect(sequential!.roundTripsInSeries).toBe(5);
    // SQLite runs the parallel awaits one after another all the same. PostgreSQL overlaps them on its pool, by
    // how much depends on loopback timing here: await-round-trips.test.ts shows it across a simulated network.
    if (TEST_DB === 'sqlite') expect(parallel!.roundTripsInSeries).toBe(5);
    expect(renderComparison(comparison)).toMatch(/naive · sequential\s+5\s+5\s/);
  });

  test('the operation’s own errors stop it with the message', async () => {
    await expect(compareStrategies(options({ query: '{ users(first: 0) { id } }' }))).rejects.toThrow(
      new CompareError('the operation failed under naive: Argument "first" must be from 1 to 1000; got 0'),
    );
  });
});

describe('compareStrategies against a misbehaving server', () => {
  const fakeServer = (respond: (strategy: string) => object) => ({
    fetch: async (_url: string, init?: RequestInit) => {
      const strategy = new Headers(init?.headers).get('x-strategy')!;
      return new Response(JSON.stringify(respond(strategy)), {
        headers: { 'server-timing': 'db;dur=1, orm;dur=0, graphql;dur=1, serialize;dur=0, other;dur=0, total;dur=2' },
      });
    },
  });
  const stats = {
    sqlCount: 1,
    rowsFetched: 1,
    dbTimeMs: 1,
    ormTimeMs: 0,
    graphqlTimeMs: 1,
    statements: [],
    byPath: [],
    nPlusOne: [],
    duplicates: [],
  };

  test('different data under two strategies is an error, not a table', async () => {
    const target = fakeServer((strategy) => ({ data: { n: strategy === 'joined' ? 2 : 1 }, extensions: { queryStats: { strategy, ...stats } } }));
    await expect(compareStrategies({ ...options(), target })).rejects.toThrow(
      'joined returned different data from naive for UsersOrdersItemsProducts: the strategies disagree',
    );
  });

  test('trace links and the Jaeger compare view of the baseline against each fix', async () => {
    const target = fakeServer((strategy) => ({ data: {}, extensions: { queryStats: { strategy, ...stats }, traceId: `${strategy}-trace` } }));
    const comparison = await compareStrategies({ ...options(), target, jaegerUrl: 'http://localhost:16686/' });
    expect(comparison.results.map((result) => result.traceUrl)).toEqual([
      'http://localhost:16686/trace/naive-trace',
      'http://localhost:16686/trace/batched-trace',
      'http://localhost:16686/trace/joined-trace',
    ]);
    expect(comparison.jaegerCompare).toEqual([
      {
        baseline: 'naive',
        strategy: 'batched',
        url: 'http://localhost:16686/trace/naive-trace...batched-trace?cohort=naive-trace&cohort=batched-trace',
      },
      {
        baseline: 'naive',
        strategy: 'joined',
        url: 'http://localhost:16686/trace/naive-trace...joined-trace?cohort=naive-trace&cohort=joined-trace',
      },
    ]);
    expect(renderComparison(comparison)).toContain('naive vs batched: http://localhost:16686/trace/naive-trace...batched-trace');
    expect(jaegerCompareUrl('http://j', 'a', 'b')).toBe('http://j/trace/a...b?cohort=a&cohort=b');
  });

  test('a server without queryStats is named as such', async () => {
    const target = fakeServer(() => ({ data: {} }));
    await expect(compareStrategies({ ...options(), target, targetName: 'http://x/graphql' })).rejects.toThrow(
      'http://x/graphql reports no extensions.queryStats: start it with QUERY_STATS=on',
    );
  });
});
