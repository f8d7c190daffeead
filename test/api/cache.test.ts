import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createMemoryCache } from '../../src/cache/memory-cache';
import type { ProductCache } from '../../src/cache/product-cache';
import { createRedisCache } from '../../src/cache/redis-cache';
import { createLogger } from '../../src/logger';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

const redisUrl = process.env.TEST_REDIS_URL;
if (!redisUrl && process.env.CI === 'true') throw new Error('CI=true but TEST_REDIS_URL is not set: the Redis cache tests must run in CI');
if (!redisUrl) console.warn('[graphql-n1-lab] Redis cache tests SKIPPED: TEST_REDIS_URL is not set (e.g. TEST_REDIS_URL=redis://127.0.0.1:6379)');

// Every app its own keys: the SQLite and PostgreSQL runs share the one Redis.
const redis = (url: string, timeoutMs = 50) =>
  createRedisCache(
    { url, keyPrefix: `n1lab-test:${randomBytes(6).toString('hex')}:`, ttlSeconds: 60, timeoutMs },
    createLogger({ level: 'silent', pretty: false }),
  );

const ITEMS = '{ orders(first: 6) { id items { product { id name priceCents } } } }';
type Items = { orders: Array<{ id: string; items: Array<{ product: { id: string; name: string; priceCents: number } }> }> };
const productsOf = (data: Items) => new Set(data.orders.flatMap((order) => order.items.map((item) => item.product.id)));
const SET_PRICE = (id: string, priceCents: number) => `mutation { updateProductPrice(id: ${id}, priceCents: ${priceCents}) { previousPriceCents } }`;

const stores: Array<[string, () => ProductCache]> = [
  ['memory', () => createMemoryCache({ maxEntries: 1000, ttlSeconds: 60 })],
  ...(redisUrl ? ([['redis', () => redis(redisUrl)]] as Array<[string, () => ProductCache]>) : []),
];

describe.each(stores)(`x-cache: on, %s [${TEST_DB}]`, (store, makeCache) => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ cache: makeCache() });
  });
  afterAll(() => lab.close());

  test('batched: the first request misses and caches; the second is served without the products statement', async () => {
    const first = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
    expect(first.body.errors).toBeUndefined();
    const distinct = productsOf(first.body.data!).size;
    expect(first.body.extensions!.queryStats).toMatchObject({ sqlCount: 3, cache: { store, lookups: 1, hits: 0, misses: distinct } });

    const second = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
    expect(second.body.data).toEqual(first.body.data);
    const stats = second.body.extensions!.queryStats!;
    expect(stats).toMatchObject({ sqlCount: 2, cache: { store, lookups: 1, hits: distinct, misses: 0 } });
    expect(stats.statements.some((statement) => statement.sql.includes('products'))).toBe(false);

    // The lab's timeline and its Jaeger JSON: the lookup, inside the products batch.
    const requestId = (second.body.extensions as { lab: { requestId: string } }).lab.requestId;
    const timeline = await (await lab.app.fetch(`http://lab/lab/requests/${requestId}`)).json();
    expect(timeline.cacheLookups).toEqual([{ store, hits: distinct, misses: 0, startMs: expect.any(Number), endMs: expect.any(Number) }]);
    const jaeger = await (await lab.app.fetch(`http://lab/lab/requests/${requestId}/jaeger.json`)).json();
    const spans: Array<{ spanID: string; operationName: string; references: Array<{ spanID: string }> }> = jaeger.data[0].spans;
    const cacheSpan = spans.find((span) => span.operationName === 'cache.lookup products')!;
    const parent = spans.find((span) => span.spanID === cacheSpan.references[0]!.spanID)!;
    expect(parent.operationName).toBe('dataloader.batch productById');

    const metrics = await (await lab.app.fetch('http://lab/metrics')).text();
    expect(metrics).toContain(`n1lab_cache_lookups_total{store="${store}",result="hit"} ${distinct}`);
    expect(metrics).toContain(`n1lab_cache_lookups_total{store="${store}",result="miss"} ${distinct}`);
  });

  test('off (the default): no lookup, the products statement runs, queryStats name no cache', async () => {
    const { body } = await lab.gql<Items>(ITEMS, { strategy: 'batched' });
    expect(body.extensions!.queryStats).toMatchObject({ sqlCount: 3 });
    expect(body.extensions!.queryStats).not.toHaveProperty('cache');
  });

  test('updateProductPrice invalidates, even from a request without x-cache: the next read is fresh', async () => {
    const warm = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
    const product = warm.body.data!.orders[0]!.items[0]!.product;
    expect((await lab.gql(SET_PRICE(product.id, product.priceCents + 7))).body.errors).toBeUndefined();

    const { body } = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
    const prices = body.data!.orders.flatMap((order) => order.items.map((item) => item.product)).filter((p) => p.id === product.id);
    expect(prices.length).toBeGreaterThan(0);
    for (const read of prices) expect(read.priceCents).toBe(product.priceCents + 7);
    expect(body.extensions!.queryStats).toMatchObject({ sqlCount: 3, cache: { misses: 1, hits: productsOf(body.data!).size - 1 } });
  });
});

(redisUrl ? describe : describe.skip)(`Redis down or slow: the database answers [${TEST_DB}]`, () => {
  let proxy: TcpProxy;
  let lab: TestApp;
  const warnings: string[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) warnings.push(JSON.parse(line).msg);
      done();
    },
  });
  beforeAll(async () => {
    const url = redisUrl!;
    const { hostname, port } = new URL(url);
    proxy = await startTcpProxy({ host: hostname, port: Number(port || 6379) });
    lab = await createTestApp({
      cache: createRedisCache(
        { url: proxy.urlFor(url), keyPrefix: `n1lab-test:${randomBytes(6).toString('hex')}:`, ttlSeconds: 60, timeoutMs: 50 },
        createLogger({ level: 'info', pretty: false }, collect),
      ),
    });
  });
  afterAll(async () => {
    await lab.close();
    await proxy.close();
  });

  test.each(['paused (slow: every command times out)', 'killed (refused)'])('%s: every request succeeds from the database', async (how) => {
    const healthy = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
    expect(healthy.body.errors).toBeUndefined();
    warnings.length = 0;
    if (how.startsWith('paused')) proxy.pause();
    else await proxy.kill();
    try {
      for (let i = 0; i < 3; i++) {
        const { status, body } = await lab.gql<Items>(ITEMS, { strategy: 'batched', cacheMode: 'on' });
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        expect(body.data).toEqual(healthy.body.data);
        expect(body.extensions!.queryStats).toMatchObject({ sqlCount: 3, cache: { hits: 0, misses: productsOf(body.data!).size } });
      }
      // One line for the outage, not one per request.
      expect(warnings).toEqual(['cache unavailable: the database answers until it is back']);
    } finally {
      await proxy.restore();
    }
  });
});
