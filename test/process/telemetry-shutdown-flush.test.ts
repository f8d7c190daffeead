import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXPECTED_SQL_COUNTS } from '../support/operations';
import { TEST_DB } from '../support/test-app';
import { SQL_SPAN, send, startTracedServer } from '../support/traced-server';

/** OTLP/HTTP protobuf, and the shutdown flush: what SIGTERM finds unexported still reaches the collector. */
describe(`traces over OTLP/HTTP protobuf, flushed on SIGTERM [${TEST_DB}]`, () => {
  test('a request answered just before SIGTERM still delivers its whole trace', async () => {
    const { server, collector, close } = await startTracedServer({
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      // Nothing leaves on the timer: only the shutdown flush can deliver these spans.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
      TRACE_RESOLVER_SPANS_PER_PATH: '1000',
    });
    try {
      const sent = await send(server, EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
      const { code } = await server.stop('SIGTERM');
      expect(code).toBe(0);
      expect([...collector.contentTypes]).toEqual(['application/x-protobuf']);
      const spans = collector.trace(sent.traceId);
      expect(spans.filter((span) => !span.parentSpanId)).toHaveLength(1);
      expect(spans.filter(SQL_SPAN)).toHaveLength(sent.sqlCount);
      expect(spans.filter(SQL_SPAN)).toHaveLength(EXPECTED_SQL_COUNTS.usersOrdersItemsProducts.naive);
    } finally {
      await close();
    }
  }, 60_000);
});
