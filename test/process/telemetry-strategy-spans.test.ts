import { Client } from 'pg';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import type { Timeline } from '../../src/timeline/shape';
import { EXPECTED_SQL_COUNTS } from '../support/operations';
import { TEST_DB } from '../support/test-app';
import { childrenOf, parentOf, SQL_SPAN, useTracedServer } from '../support/traced-server';

/** SpanKind as OTLP numbers it. */
const OTLP_SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 } as const;

/** How each strategy's spans nest (resolvers, DataLoader batches, SQL), their kinds, and the root's attributes. */
describe(`traces over OTLP/HTTP JSON [${TEST_DB}]`, () => {
  const traced = useTracedServer();
  const { run } = traced;

  test('naive, first: 5: five User.orders resolver spans under Query.users, each the parent of one SQL span', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.usersWithOrders, 'naive');
    const usersSpan = spans.find((span) => span.attributes['graphql.field.path'] === 'users')!;
    expect(usersSpan.attributes['graphql.parent.name']).toBe('Query');
    const ordersSpans = spans.filter(
      (span) => span.attributes['graphql.parent.name'] === 'User' && span.attributes['graphql.field.name'] === 'orders',
    );
    expect(ordersSpans.map((span) => span.attributes['graphql.field.path']).sort()).toEqual([0, 1, 2, 3, 4].map((index) => `users.${index}.orders`));
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

  test('the root span carries strategy, await mode, operation, SQL count and round trips in series', async () => {
    const { spans } = await run(EXAMPLE_OPERATIONS.ordersWithUser, 'batched');
    expect(spans.find((span) => !span.parentSpanId)).toMatchObject({
      name: 'POST /graphql',
      attributes: expect.objectContaining({
        'app.strategy': 'batched',
        'graphql.operation.name': 'OrdersWithUser',
        'app.await': 'sequential',
        'app.sql_count': EXPECTED_SQL_COUNTS.ordersWithUser.batched,
        // Two levels, the second needing the first's ids: one after another on either database.
        'app.round_trips_in_series': 2,
        'http.route': '/graphql',
      }),
    });
  });

  test('each SQL span covers what the lab\u2019s timeline shows for its statement: the same microseconds', async () => {
    const sent = await run(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'batched');
    const { requestId } = (sent.body.extensions as { lab: { requestId: string } }).lab;
    const timeline = (await (await fetch(new URL(`/lab/requests/${requestId}`, traced.server.url))).json()) as Timeline;
    const spanMs = sent.spans.filter(SQL_SPAN).map((span) => Number(span.endNs - span.startNs) / 1e6);
    const statementMs = timeline.statements.map((statement) => statement.endMs - statement.startMs);
    expect(spanMs).toHaveLength(4);
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    for (const [index, ms] of sorted(spanMs).entries()) expect(Math.abs(ms - sorted(statementMs)[index]!)).toBeLessThan(0.002);
  });

  test("each statement takes its trace context to the database as a SQL comment; the SQL span and queryStats don't", async () => {
    const { spans, traceId, body } = await run(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'joined');
    const [sql, ...more] = spans.filter(SQL_SPAN);
    expect(more).toEqual([]);
    expect(sql!.attributes['db.query.text']).not.toMatch(/traceparent|\/\*/);
    expect(JSON.stringify(body.extensions!.queryStats)).not.toContain(traceId);
    if (TEST_DB !== 'postgres') return; // SQLite keeps no record of what it ran
    // What PostgreSQL saw: pg_stat_activity keeps an idle connection's last statement, comment included.
    const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ query: string }>(
        "select query from pg_stat_activity where query like '%' || $1 || '%' and pid <> pg_backend_pid()",
        [traceId],
      );
      // The span that asked (Query.users, joined's one resolver), so the statement leads to its place in the trace.
      const asker = parentOf(spans, sql!)!;
      expect(asker.attributes['graphql.field.path']).toBe('users');
      expect(rows.map((row) => row.query.slice(-73))).toEqual([`/*traceparent='00-${traceId}-${asker.spanId}-01'*/`]);
    } finally {
      await admin.end();
    }
  });
});
