import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { appWith, USERS_ORDERS_ITEMS_PRODUCTS } from '../support/metrics-app';
import { histogramOf, samples } from '../support/metrics-text';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** What a request leaves on /metrics: its count and duration, its SQL and DB time, N+1 findings by path, batch sizes. */
describe(`/metrics [${TEST_DB}]`, () => {
  test('UsersOrdersItemsProducts under naive and batched: requests, SQL per request, N+1 by path, batch sizes', async () => {
    const { gql, scrape } = appWith(lab.orm);
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
    for (const [strategy, reply] of [
      ['naive', naive],
      ['batched', batched],
    ] as const) {
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

  test('N+1 paths are field names: aliases and fragments fold into the path the schema gives', async () => {
    const { gql, scrape } = appWith(lab.orm);
    const { body } = await gql(
      '{ a: users(first: 5) { b: orders { id } } c: users(first: 5) { ...Orders } } fragment Orders on User { d: orders { id } }',
    );
    // Sorted: the two root fields run concurrently, and on PostgreSQL's pool either may finish first.
    expect(body.extensions!.queryStats!.nPlusOne.map((finding) => finding.path).sort()).toEqual(['a.b', 'c.d']);
    expect(samples(await scrape(), 'n1lab_n_plus_one_total')).toEqual({ 'path=users.orders,strategy=naive': 2 });
  });
});
