import { type GraphQLReply, sendOperation } from '../../lab/client';
import { EXAMPLE_OPERATIONS } from '../../lab/examples';
import { EXAMPLES, EXPECTED_SQL_COUNTS, STRATEGIES } from '../support/operations';
import { OtlpCollector, type ReceivedSpan } from '../support/otlp-collector';
import { freshDatabaseUrl, logLines, type RunningServer, startServer } from '../support/server-process';
import { spanTree } from '../support/span-tree';
import { TEST_DB } from '../support/test-app';

/**
 * OpenTelemetry patches modules through `require`, which Jest's module system bypasses, so these tests run the
 * real server as a child process (started exactly as `npm start` starts it) exporting OTLP/HTTP to a
 * collector run here, and assert on the spans it receives.
 */
/** SpanKind as OTLP numbers it. */
const OTLP_SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

const SQL_SPAN = (span: ReceivedSpan) => typeof span.attributes['db.query.text'] === 'string';

interface Sent {
  traceId: string;
  sqlCount: number;
  body: GraphQLReply['body'];
  traceresponse: string | null;
}


async function send(server: RunningServer, query: string, strategy: string, variables?: object): Promise<Sent> {
  const { body, headers } = await sendOperation(server.url, { query, strategy, variables: variables as Record<string, unknown> });
  expect(body.errors).toBeUndefined();
  const { traceId, queryStats } = body.extensions!;
  return { traceId: traceId!, sqlCount: queryStats!.sqlCount, body, traceresponse: headers.get('traceresponse') };
}

/** The request's spans, once its root (the HTTP server span, which ends last) has arrived. */
async function traceOf(collector: OtlpCollector, traceId: string): Promise<ReceivedSpan[]> {
  const isRoot = (span: ReceivedSpan) => span.traceId === traceId && !span.parentSpanId;
  await collector.waitFor((spans) => spans.some(isRoot));
  return collector.trace(traceId);
}

const parentOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.find((other) => other.spanId === span.parentSpanId);
const childrenOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.filter((other) => other.parentSpanId === span.spanId);

describe(`traces over OTLP/HTTP JSON [${TEST_DB}]`, () => {
  const collector = new OtlpCollector();
  let server: RunningServer;
  let database: { url: string; drop: () => Promise<void> };
  const requestTraceIds = new Set<string>();

  beforeAll(async () => {
    const endpoint = await collector.start();
    database = await freshDatabaseUrl();
    server = await startServer({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      LOG_LEVEL: 'debug',
      // Every resolver span, so every statement has its SQL span and the trees show every call (the cap has its own test).
      TRACE_RESOLVER_SPANS_PER_PATH: '1000',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await collector.stop();
    await database?.drop();
  });

  const run = async (query: string, strategy: string, variables?: object) => {
    const sent = await send(server, query, strategy, variables);
    requestTraceIds.add(sent.traceId);
    return { ...sent, spans: await traceOf(collector, sent.traceId) };
  };

  test('the response names its trace: extensions.traceId and a traceresponse header', async () => {
    const { traceId, traceresponse, spans } = await run('{ products(first: 1) { id } }', 'naive');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const root = spans.find((span) => !span.parentSpanId)!;
    expect(traceresponse).toBe(`00-${traceId}-${root.spanId}-01`);
    expect(root.serviceName).toBe('graphql-n1-lab');
  });

  test('naive, first: 5: five User.orders resolver spans under Query.users, each the parent of one SQL span', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
    const usersSpan = spans.find((span) => span.attributes['graphql.field.path'] === 'users')!;
    expect(usersSpan.attributes['graphql.parent.name']).toBe('Query');
    const ordersSpans = spans.filter(
      (span) => span.attributes['graphql.parent.name'] === 'User' && span.attributes['graphql.field.name'] === 'orders',
    );
    expect(ordersSpans.map((span) => span.attributes['graphql.field.path']).sort()).toEqual(
      [0, 1, 2, 3, 4].map((index) => `users.${index}.orders`),
    );
    const root = spans.find((span) => !span.parentSpanId)!;
    expect(root.events).toEqual([
      {
        name: 'n_plus_one',
        attributes: expect.objectContaining({ 'graphql.field.path': 'users.orders', 'app.query_count': 5 }),
      },
    ]);
    for (const span of ordersSpans) {
      expect(parentOf(spans, span)).toBe(usersSpan);
      const sql = childrenOf(spans, span).filter(SQL_SPAN);
      expect(sql).toHaveLength(1);
      expect(sql[0]!.name).toBe('SELECT orders');
      expect(sql[0]!.attributes).toMatchObject({
        'db.system.name': TEST_DB === 'postgres' ? 'postgresql' : 'sqlite',
        'db.operation.name': 'SELECT',
        'db.collection.name': 'orders',
        'db.query.text': expect.stringMatching(/user_id["`]? = \?/),
        'db.response.returned_rows': expect.any(Number),
      });
    }
  });

  test('batched: one dataloader.batch span, under the first User.orders resolver, linked to all five, holding one SQL span', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.usersWithOrders, 'batched');
    const askers = spans.filter((span) => String(span.attributes['graphql.field.path']).match(/^users\.\d+\.orders$/));
    expect(askers).toHaveLength(5);
    const batches = spans.filter((span) => span.name === 'dataloader.batch ordersByUserId');
    expect(batches).toHaveLength(1);
    expect(parentOf(spans, batches[0]!)!.attributes['graphql.field.path']).toBe('users.0.orders');
    expect(batches[0]!.links.map((link) => link.spanId).sort()).toEqual(askers.map((asker) => asker.spanId).sort());
    expect(batches[0]!.attributes['app.dataloader.keys']).toBe(5);
    // Loads make no spans of their own: under a resolver span, a load span would be the same work twice.
    expect(spans.filter((span) => span.name.startsWith('dataloader.load'))).toEqual([]);
    const sql = childrenOf(spans, batches[0]!).filter(SQL_SPAN);
    expect(sql).toHaveLength(1);
    // The five user ids: five placeholders on SQLite, one array parameter on PostgreSQL.
    expect(sql[0]!.attributes['db.query.text']).toMatch(TEST_DB === 'postgres' ? /= any\(\?::int\[\]\)/ : /in \(\?, \?, \?, \?, \?\)/);
  });

  test('span kinds: the request SERVER, GraphQL and DataLoader work INTERNAL, SQL CLIENT', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.usersWithOrders, 'batched');
    // Spans grouped by the first word of their name (`SELECT orders` → SELECT), with every kind seen in a group.
    const kinds: Record<string, number[]> = {};
    for (const span of spans) {
      const group = (kinds[span.name.split(' ')[0]!] ??= []);
      if (!group.includes(span.kind)) group.push(span.kind);
    }
    const { SERVER, INTERNAL, CLIENT } = OTLP_SPAN_KIND;
    expect(kinds).toEqual({
      POST: [SERVER],
      'graphql.parse': [INTERNAL],
      'graphql.validate': [INTERNAL],
      query: [INTERNAL],
      'graphql.resolve': [INTERNAL],
      // A batch is the loader's own work (as instrumentation-dataloader had it); its SQL is the call out.
      'dataloader.batch': [INTERNAL],
      SELECT: [CLIENT],
    });
  });

  test('joined: one SQL span, under Query.users', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'joined');
    const sql = spans.filter(SQL_SPAN);
    expect(sql).toHaveLength(1);
    expect(parentOf(spans, sql[0]!)!.attributes['graphql.field.path']).toBe('users');
  });

  test('the root span carries strategy, operation and SQL count', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.ordersWithUser, 'batched');
    expect(spans.find((span) => !span.parentSpanId)).toMatchObject({
      name: 'POST /graphql',
      attributes: expect.objectContaining({
        'app.strategy': 'batched',
        'graphql.operation.name': 'OrdersWithUser',
        'app.sql_count': EXPECTED_SQL_COUNTS.ordersWithUser.batched,
        'http.route': '/graphql',
      }),
    });
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
    const get = await fetch(`${server.url}?query=${encodeURIComponent('{ user(id: 17) { email } }')}`, {
      headers: { accept: 'application/json' },
    });
    const getTraceId = ((await get.json()) as Sent['body']).extensions!.traceId!;
    requestTraceIds.add(getTraceId);
    const spans = [...inline.spans, ...viaVariables.spans, ...(await traceOf(collector, getTraceId))];

    const strings = spans.flatMap((span) => [span.name, ...Object.values(span.attributes).filter((value) => typeof value === 'string')]);
    expect(strings.filter((value) => /\b17\b/.test(String(value)) || String(value).includes(email))).toEqual([]);
    expect(spans.find((span) => !span.parentSpanId && span.attributes['url.query'] !== undefined)?.attributes['url.query']).toBe('[redacted]');
    expect(server.stdout()).not.toContain(email);
    expect(server.stdout()).not.toMatch(/id: ?17\b|"17"/);
  });

  test('every log line of a request carries that request’s trace id; no SQL span is outside a request trace', async () => {
    const sent = await run(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
    await collector.waitFor(() => server.stdout().includes(sent.traceId));
    const lines = logLines(server.stdout()).filter((line) => line.trace_id === sent.traceId);
    const sqlLines = lines.filter((line) => line.ns === 'orm:query');
    expect(sqlLines).toHaveLength(sent.sqlCount);
    expect(lines.filter((line) => line.msg === 'request')).toHaveLength(1);
    lines.forEach((line) => expect(line.span_id).toMatch(/^[0-9a-f]{16}$/));

    // Every SQL statement run while serving requests was logged inside one, and spanned inside one.
    const listening = logLines(server.stdout()).findIndex((line) => String(line.msg).includes('listening'));
    const afterStart = logLines(server.stdout()).slice(listening + 1);
    expect(afterStart.filter((line) => line.ns === 'orm:query' && !line.trace_id)).toEqual([]);
    expect(collector.spans.filter(SQL_SPAN).filter((span) => !requestTraceIds.has(span.traceId))).toEqual([]);
  });
});

describe(`resolver spans capped per field path [${TEST_DB}]`, () => {
  test('TRACE_RESOLVER_SPANS_PER_PATH=3: three users.*.orders spans with their SQL, two counted on the root', async () => {
    const collector = new OtlpCollector();
    const endpoint = await collector.start();
    const database = await freshDatabaseUrl();
    const server = await startServer({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      TRACE_RESOLVER_SPANS_PER_PATH: '3',
    });
    try {
      const sent = await send(server, EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
      const spans = await traceOf(collector, sent.traceId);
      const orders = spans.filter((span) => /^graphql\.resolve users\.\d+\.orders$/.test(span.name));
      expect(orders.map((span) => span.name).sort()).toEqual(['users.0.orders', 'users.1.orders', 'users.2.orders'].map((path) => `graphql.resolve ${path}`));
      orders.forEach((span) => expect(childrenOf(spans, span).filter(SQL_SPAN)).toHaveLength(1));
      // The page's own statement and the three shown; queryStats still counts all six.
      expect(spans.filter(SQL_SPAN)).toHaveLength(1 + 3);
      expect(sent.sqlCount).toBe(6);
      const root = spans.find((span) => !span.parentSpanId)!;
      expect(root.attributes['app.resolver_spans_dropped']).toBe(2);
    } finally {
      await server.stop();
      await collector.stop();
      await database.drop();
    }
  });
});

describe(`traces over OTLP/HTTP protobuf, flushed on SIGTERM [${TEST_DB}]`, () => {
  test('a request answered just before SIGTERM still delivers its whole trace', async () => {
    const collector = new OtlpCollector();
    const endpoint = await collector.start();
    const database = await freshDatabaseUrl();
    try {
      const server = await startServer({
        DATABASE_URL: database.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        // Nothing leaves on the timer: only the shutdown flush can deliver these spans.
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        TRACE_RESOLVER_SPANS_PER_PATH: '1000',
      });
      const sent = await send(server, EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
      const { code } = await server.stop('SIGTERM');
      expect(code).toBe(0);
      expect([...collector.contentTypes]).toEqual(['application/x-protobuf']);
      const spans = collector.trace(sent.traceId);
      expect(spans.filter((span) => !span.parentSpanId)).toHaveLength(1);
      expect(spans.filter(SQL_SPAN)).toHaveLength(sent.sqlCount);
      expect(spans.filter(SQL_SPAN)).toHaveLength(EXPECTED_SQL_COUNTS.usersOrdersItemsProducts.naive);
    } finally {
      await collector.stop();
      await database.drop();
    }
  }, 60_000);
});
