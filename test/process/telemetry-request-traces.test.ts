import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, EXPECTED_SQL_COUNTS, STRATEGIES } from '../support/operations';
import { logLines } from '../support/server-process';
import { spanTree } from '../support/span-tree';
import { TEST_DB } from '../support/test-app';
import { type Sent, SQL_SPAN, traceOf, useTracedServer } from '../support/traced-server';

/**
 * Each request's trace, whole and its own: named in the response; a span per SQL statement (the tree of every
 * example under every strategy); no value from the request in a span or a log line; every log line carrying the
 * trace id. The last test sweeps every request made here: no SQL span or SQL log line outside a request.
 */
describe(`traces over OTLP/HTTP JSON [${TEST_DB}]`, () => {
  const traced = useTracedServer();
  const { run } = traced;

  test('the response names its trace: extensions.traceId and a traceresponse header', async () => {
    const { traceId, traceresponse, spans } = await run('{ products(first: 1) { id } }', 'naive');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const root = spans.find((span) => !span.parentSpanId)!;
    expect(traceresponse).toBe(`00-${traceId}-${root.spanId}-01`);
    expect(root.serviceName).toBe('graphql-n1-lab');
  });

  describe.each(EXAMPLES)('%s', (example) => {
    test.each(STRATEGIES)('%s: as many SQL spans as queryStats.sqlCount, and the span tree', async (strategy) => {
      const { sqlCount, spans } = await run(EXAMPLE_OPERATIONS[example], strategy);
      expect(spans.filter(SQL_SPAN)).toHaveLength(sqlCount);
      expect(sqlCount).toBe(EXPECTED_SQL_COUNTS[example][strategy]);
      expect(spanTree(spans)).toMatchSnapshot();
    });
  });

  test('no span and no log line holds a value from the request', async () => {
    const email = 'user0017@example.com';
    const inline = await run('{ user(id: 17) { email orders { id } } }', 'naive');
    const viaVariables = await run('query ($id: ID!) { user(id: $id) { email } }', 'batched', { id: '17' });
    const get = await fetch(`${traced.server.url}?query=${encodeURIComponent('{ user(id: 17) { email } }')}`, {
      headers: { accept: 'application/json' },
    });
    const getTraceId = ((await get.json()) as Sent['body']).extensions!.traceId!;
    traced.requestTraceIds.add(getTraceId);
    const spans = [...inline.spans, ...viaVariables.spans, ...(await traceOf(traced.collector, getTraceId))];

    const strings = spans.flatMap((span) => [span.name, ...Object.values(span.attributes).filter((value) => typeof value === 'string')]);
    expect(strings.filter((value) => /\b17\b/.test(String(value)) || String(value).includes(email))).toEqual([]);
    expect(spans.find((span) => !span.parentSpanId && span.attributes['url.query'] !== undefined)?.attributes['url.query']).toBe('[redacted]');
    expect(traced.server.stdout()).not.toContain(email);
    expect(traced.server.stdout()).not.toMatch(/id: ?17\b|"17"/);
  });

  test('a write: its INSERTs spanned with placeholders; no value written in a span or a log line', async () => {
    const placeOrder = 'mutation ($items: [OrderItemInput!]!) { placeOrder(userId: 19, items: $items) { order { id } } }';
    const { spans, sqlCount } = await run(placeOrder, 'batched', { items: [{ productId: '7', quantity: 987 }] });
    const sql = spans.filter(SQL_SPAN);
    expect(sql).toHaveLength(sqlCount);
    expect(sql.map((span) => span.name)).toEqual(expect.arrayContaining(['INSERT orders', 'INSERT order_items']));
    const strings = spans.flatMap((span) => [span.name, ...Object.values(span.attributes).filter((value) => typeof value === 'string')]);
    expect(strings.filter((value) => /\b987\b|PENDING/.test(String(value)))).toEqual([]);
    expect(traced.server.stdout()).not.toMatch(/\b987\b|PENDING/);
  });

  test('x-cache: on: the products batch span carries the lookup as an event, with its hits and misses', async () => {
    const query = '{ orders(first: 4) { items { product { id name } } } }';
    const first = await run(query, 'batched', undefined, { 'x-cache': 'on' });
    const second = await run(query, 'batched', undefined, { 'x-cache': 'on' });
    const lookups = (spans: typeof first.spans) =>
      spans.flatMap((span) =>
        span.events.filter((event) => event.name === 'cache_lookup').map((event) => ({ span: span.name, ...event.attributes })),
      );
    const products = first.body.extensions!.queryStats!.cache!.misses;
    expect(products).toBeGreaterThan(0);
    expect(lookups(first.spans)).toEqual([
      { span: 'dataloader.batch productById', 'app.cache.store': 'memory', 'app.cache.hits': 0, 'app.cache.misses': products },
    ]);
    expect(lookups(second.spans)).toEqual([
      { span: 'dataloader.batch productById', 'app.cache.store': 'memory', 'app.cache.hits': products, 'app.cache.misses': 0 },
    ]);
    expect(second.spans.filter(SQL_SPAN)).toHaveLength(first.spans.filter(SQL_SPAN).length - 1);
  });

  test('every log line of a request carries that request’s trace id; no SQL span is outside a request trace', async () => {
    const sent = await run(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
    // The request's summary line is its last: SQL lines with its trace id can be read before it is written.
    const requestLine = () => logLines(traced.server.stdout()).some((line) => line.trace_id === sent.traceId && line.msg === 'request');
    await traced.collector.waitFor(requestLine);
    const lines = logLines(traced.server.stdout()).filter((line) => line.trace_id === sent.traceId);
    const sqlLines = lines.filter((line) => line.ns === 'orm:query');
    expect(sqlLines).toHaveLength(sent.sqlCount);
    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(1);
    for (const line of lines) expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);

    // Every SQL statement run while serving requests was logged inside one, and spanned inside one.
    const listening = logLines(traced.server.stdout()).findIndex((line) => String(line.msg).includes('listening'));
    const afterStart = logLines(traced.server.stdout()).slice(listening + 1);
    expect(afterStart.filter((line) => line.ns === 'orm:query' && !line.trace_id)).toEqual([]);
    expect(traced.collector.spans.filter(SQL_SPAN).filter((span) => !traced.requestTraceIds.has(span.traceId))).toEqual([]);
  });
});
