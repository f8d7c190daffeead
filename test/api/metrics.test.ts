import { Registry } from 'prom-client';
import { createApp } from '../../src/app';
import { type MetricsConfig, loadConfig } from '../../src/config';
import { type Operation, sendOperation } from '../../lab/client';
import { EXAMPLE_OPERATIONS } from '../../lab/examples';
import { createLogger } from '../../src/logger';
import { type Sample, histogramOf, parseMetrics, samples } from '../support/metrics-text';
import { TEST_DB, type TestApp, createTestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

/** An app of its own (so its own registry: every test starts from zero) on the seeded database. */
function appWith(metrics: Partial<MetricsConfig> = {}, options: { registry?: Registry; queryStats?: boolean } = {}) {
  const { registry, queryStats = true } = options;
  const config = { ...loadConfig({}), queryStats, graphiql: false };
  const logger = createLogger({ level: 'silent', pretty: false });
  const app = createApp({ orm: lab.orm, logger, registry, config: { ...config, metrics: { enabled: true, labelLimit: 100, ...metrics } } });
  return {
    app,
    gql: (query: string, options: Omit<Operation, 'query'> = {}) => sendOperation(app, { query, ...options }),
    scrape: async (): Promise<Sample[]> => {
      const response = await app.fetch('http://lab/metrics');
      expect(response.status).toBe(200);
      return parseMetrics(await response.text());
    },
  };
}

const USERS_ORDERS_ITEMS_PRODUCTS = { operationName: 'UsersOrdersItemsProducts', operationType: 'query' };

describe(`/metrics [${TEST_DB}]`, () => {
  test('UsersOrdersItemsProducts under naive and batched: requests, SQL per request, N+1 by path, batch sizes', async () => {
    const { gql, scrape } = appWith();
    const naive = await gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'naive' });
    const batched = await gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'batched' });
    expect([naive.body.extensions!.queryStats!.sqlCount, batched.body.extensions!.queryStats!.sqlCount]).toEqual([51, 4]);
    const metrics = await scrape();

    expect(samples(metrics, 'graphql_envelop_request', USERS_ORDERS_ITEMS_PRODUCTS)).toEqual({ 'strategy=naive': 1, 'strategy=batched': 1 });
    expect(samples(metrics, 'graphql_yoga_http_duration_count', USERS_ORDERS_ITEMS_PRODUCTS)).toEqual({
      'statusCode=200,strategy=naive': 1,
      'statusCode=200,strategy=batched': 1,
    });
    expect(samples(metrics, 'graphql_envelop_error_result')).toEqual({});

    // 51 statements land in the bucket up to 64, 4 in the one up to 4.
    expect(histogramOf(metrics, 'n1lab_sql_statements', { strategy: 'naive' })).toEqual({ count: 1, sum: 51, firstBucket: '64' });
    expect(histogramOf(metrics, 'n1lab_sql_statements', { strategy: 'batched' })).toEqual({ count: 1, sum: 4, firstBucket: '4' });

    // The database time each response reported, in seconds.
    for (const [strategy, reply] of [['naive', naive], ['batched', batched]] as const) {
      const { count, sum } = histogramOf(metrics, 'n1lab_db_time_seconds', { strategy });
      expect(count).toBe(1);
      expect(sum).toBeCloseTo(reply.body.extensions!.queryStats!.dbTimeMs / 1000, 9);
    }

    // The three N+1 findings of naive, one each; none under batched.
    expect(samples(metrics, 'n1lab_n_plus_one_total')).toEqual({
      'path=users.orders,strategy=naive': 1,
      'path=users.orders.items,strategy=naive': 1,
      'path=users.orders.items.product,strategy=naive': 1,
    });

    // One batch per level: the 5 users, their 15 orders, the 22 different products of those orders' 30 items.
    const loaders = Object.keys(samples(metrics, 'n1lab_dataloader_batch_size_count')).map((key) => key.replace('loader=', ''));
    expect(loaders).toEqual(['ordersByUserId', 'itemsByOrderId', 'productById']);
    expect(loaders.map((loader) => histogramOf(metrics, 'n1lab_dataloader_batch_size', { loader }))).toEqual([
      { count: 1, sum: 5, firstBucket: '8' },
      { count: 1, sum: 15, firstBucket: '16' },
      { count: 1, sum: 22, firstBucket: '32' },
    ]);
  });

  test('anonymous operations share one label; names past METRICS_LABEL_LIMIT, or that never ran, are (other)', async () => {
    const { gql, scrape } = appWith({ labelLimit: 2 });
    await gql('query NeverRan { nope }'); // fails validation: takes no room
    await gql('{ users(first: 1) { id } }');
    await gql('query { users(first: 1) { id } }');
    await gql('query A { users(first: 1) { id } }');
    await gql('query B { users(first: 1) { id } }');
    await gql('query C { users(first: 1) { id } }');
    await gql('query A { users(first: 2) { id } }');
    await gql('query X { users(first: 1) { id } } query Y { users(first: 1) { id } }'); // which one? Yoga refuses it
    const metrics = await scrape();

    expect(samples(metrics, 'graphql_envelop_request', { strategy: 'naive' })).toEqual({
      'operationName=(anonymous),operationType=query': 2,
      'operationName=A,operationType=query': 2,
      'operationName=B,operationType=query': 1,
      'operationName=(other),operationType=query': 1,
    });
    expect(samples(metrics, 'graphql_envelop_error_result', { strategy: 'naive' })).toEqual({
      'operationName=(other),operationType=query,phase=validate': 1,
    });
    expect(samples(metrics, 'graphql_yoga_http_duration_count', { strategy: 'naive', statusCode: '400' })).toEqual({
      'operationName=(other),operationType=query': 1,
      'operationName=(unknown),operationType=(unknown)': 1,
    });
  });

  test('errors: by phase, operation and strategy; one per error in a result', async () => {
    const { gql, scrape } = appWith();
    await gql('query Fine { users(first: 1) { id } }');
    await gql('query Fine { users(first: 1) { id } }', { strategy: 'fast' }); // HTTP 400 before any execution
    await gql('query TooMany { users(first: 5000) { id } }');
    await gql('query TwoBad { a: user(id: "-1") { id } b: user(id: "x") { id } }', { strategy: 'batched' });
    await gql('query Broken { users(');
    await gql('{ nope }', { strategy: 'joined' });
    const metrics = await scrape();

    expect(samples(metrics, 'graphql_envelop_error_result')).toEqual({
      'operationName=Fine,operationType=query,phase=context,strategy=(invalid)': 1,
      'operationName=TooMany,operationType=query,phase=execute,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,phase=execute,strategy=batched': 2,
      'operationName=(unknown),operationType=(unknown),phase=parse,strategy=naive': 1,
      'operationName=(anonymous),operationType=query,phase=validate,strategy=joined': 1,
    });
    expect(samples(metrics, 'graphql_envelop_request')).toEqual({
      'operationName=Fine,operationType=query,strategy=naive': 1,
      'operationName=TooMany,operationType=query,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,strategy=batched': 1,
    });
    // Every request whose document parsed has a duration, with its status.
    expect(samples(metrics, 'graphql_yoga_http_duration_count')).toEqual({
      'operationName=Fine,operationType=query,statusCode=200,strategy=naive': 1,
      'operationName=Fine,operationType=query,statusCode=400,strategy=(invalid)': 1,
      'operationName=TooMany,operationType=query,statusCode=200,strategy=naive': 1,
      'operationName=TwoBad,operationType=query,statusCode=200,strategy=batched': 1,
      'operationName=(anonymous),operationType=query,statusCode=400,strategy=joined': 1,
    });
  });

  test('N+1 paths are field names: aliases and fragments fold into the path the schema gives', async () => {
    const { gql, scrape } = appWith();
    const { body } = await gql(
      '{ a: users(first: 5) { b: orders { id } } c: users(first: 5) { ...Orders } } fragment Orders on User { d: orders { id } }',
    );
    // Sorted: the two root fields run concurrently, and on PostgreSQL's pool either may finish first.
    expect(body.extensions!.queryStats!.nPlusOne.map((finding) => finding.path).sort()).toEqual(['a.b', 'c.d']);
    expect(samples(await scrape(), 'n1lab_n_plus_one_total')).toEqual({ 'path=users.orders,strategy=naive': 2 });
  });

  test("Prometheus's text format; a scrape is not a request: not logged, not counted", async () => {
    lab.logs.length = 0;
    const response = await lab.app.fetch('http://lab/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('# TYPE graphql_envelop_request counter');
    const again = parseMetrics(await (await lab.app.fetch('http://lab/metrics')).text());
    expect(samples(again, 'graphql_yoga_http_duration_count')).toEqual({});
    expect(lab.logs.filter((line) => line.msg === 'request')).toEqual([]);
  });

  test('METRICS=off: no /metrics, nothing recorded; METRICS_PORT (and QUERY_STATS=off): not on the app, still recorded', async () => {
    const off = new Registry();
    const withOff = appWith({ enabled: false }, { registry: off });
    await withOff.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'batched' });
    expect((await withOff.app.fetch('http://lab/metrics')).status).toBe(404);
    expect(off.getMetricsAsArray()).toEqual([]);

    // With QUERY_STATS=off too, as in production: the responses carry no queryStats, the metrics still count.
    const elsewhere = new Registry();
    const withPort = appWith({ port: 9464 }, { registry: elsewhere, queryStats: false });
    const { body } = await withPort.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'batched' });
    expect(body.extensions?.queryStats).toBeUndefined();
    expect((await withPort.app.fetch('http://lab/metrics')).status).toBe(404);
    const metrics = parseMetrics(await elsewhere.metrics());
    expect(samples(metrics, 'graphql_envelop_request', USERS_ORDERS_ITEMS_PRODUCTS)).toEqual({ 'strategy=batched': 1 });
    expect(samples(metrics, 'n1lab_sql_statements_sum')).toEqual({ 'strategy=batched': 4 });
  });
});
