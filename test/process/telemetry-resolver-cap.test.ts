import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { TEST_DB } from '../support/test-app';
import { childrenOf, SQL_SPAN, send, startTracedServer, traceOf } from '../support/traced-server';

/** TRACE_RESOLVER_SPANS_PER_PATH bounds a list's resolver spans; what it leaves out is counted on the root. */
describe(`resolver spans capped per field path [${TEST_DB}]`, () => {
  test('TRACE_RESOLVER_SPANS_PER_PATH=3: three users.*.orders spans with their SQL, two counted on the root', async () => {
    const { server, collector, close } = await startTracedServer({ TRACE_RESOLVER_SPANS_PER_PATH: '3' });
    try {
      const sent = await send(server, EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
      const spans = await traceOf(collector, sent.traceId);
      const orders = spans.filter((span) => /^graphql\.resolve users\.\d+\.orders$/.test(span.name));
      expect(orders.map((span) => span.name).sort()).toEqual(
        ['users.0.orders', 'users.1.orders', 'users.2.orders'].map((path) => `graphql.resolve ${path}`),
      );
      for (const span of orders) expect(childrenOf(spans, span).filter(SQL_SPAN)).toHaveLength(1);
      // The page's own statement and the three shown; queryStats still counts all six.
      expect(spans.filter(SQL_SPAN)).toHaveLength(1 + 3);
      expect(sent.sqlCount).toBe(6);
      const root = spans.find((span) => !span.parentSpanId)!;
      expect(root.attributes['app.resolver_spans_dropped']).toBe(2);
    } finally {
      await close();
    }
  });
});
