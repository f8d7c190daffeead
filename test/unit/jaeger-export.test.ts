import { toJaegerJson } from '../../src/timeline/jaeger';
import type { Timeline } from '../../src/timeline/shape';
import { batchedTimeline, byName, exported, jaegerUiLoadProblems, noFindings, T0, tree } from '../support/jaeger-export';

describe('toJaegerJson', () => {
  test('a batched request: the request, its 4 phases, 4 resolver calls, 1 batch and 2 statements, each under the right span', () => {
    expect(tree(exported(batchedTimeline()))).toEqual([
      ['UsersWithOrders', '-'],
      ['parse', 'UsersWithOrders'],
      ['validate', 'UsersWithOrders'],
      ['execute', 'UsersWithOrders'],
      ['serialize', 'UsersWithOrders'],
      ['graphql.resolve users', 'execute'],
      ['graphql.resolve users.0.orders', 'graphql.resolve users'],
      ['graphql.resolve users.1.orders', 'graphql.resolve users'],
      ['graphql.resolve users.2.orders', 'graphql.resolve users'],
      ['dataloader.batch ordersByUserId', 'graphql.resolve users.0.orders'],
      ['SELECT users', 'graphql.resolve users'],
      ['SELECT orders', 'dataloader.batch ordersByUserId'],
    ]);
  });

  test('ids: 32 and 16 hex characters, fixed by the request id and start, one per span', () => {
    const trace = exported(batchedTimeline());
    // FNV-1a 64 of `trace r1k3x9 2026-08-18T10:00:00.000Z`, of `trace again …`, and of `span …` (its first 8
    // hex), computed apart from this code (the FNV test vector: `a` → af63dc4c8601ec8c); then the span index + 1.
    expect(trace.traceID).toBe('36f4cc1df685d5602792c4c5c12c96d4');
    expect(trace.spans.map((span) => span.spanID).slice(0, 2)).toEqual(['620b377700000001', '620b377700000002']);
    expect(trace.spans.every((span) => /^[0-9a-f]{16}$/.test(span.spanID) && span.traceID === trace.traceID)).toBe(true);
    expect(exported({ ...batchedTimeline(), startedAt: '2026-08-19T10:00:00.000Z' }).traceID).not.toBe(trace.traceID);
  });

  test('start times and durations in microseconds since the epoch, from startedAt plus the offsets', () => {
    const trace = exported(batchedTimeline());
    const times = (name: string) => [byName(trace, name).startTime - T0, byName(trace, name).duration];
    expect(times('UsersWithOrders')).toEqual([0, 9876]);
    expect(times('parse')).toEqual([100, 250]);
    expect(times('execute')).toEqual([1005, 7510]);
    expect(times('graphql.resolve users.1.orders')).toEqual([3210, 4700]);
    expect(times('dataloader.batch ordersByUserId')).toEqual([3500, 4300]);
    expect(times('SELECT orders')).toEqual([3600, 3800]);
  });

  test('the batch is linked to the other kept callers that asked: FOLLOWS_FROM after its CHILD_OF', () => {
    const trace = exported(batchedTimeline());
    const batch = byName(trace, 'dataloader.batch ordersByUserId');
    const idOf = (name: string) => byName(trace, name).spanID;
    expect(batch.references).toEqual([
      { refType: 'CHILD_OF', traceID: trace.traceID, spanID: idOf('graphql.resolve users.0.orders') },
      { refType: 'FOLLOWS_FROM', traceID: trace.traceID, spanID: idOf('graphql.resolve users.1.orders') },
      { refType: 'FOLLOWS_FROM', traceID: trace.traceID, spanID: idOf('graphql.resolve users.2.orders') },
    ]);
    expect(batch.tags).toEqual([
      { key: 'app.dataloader.keys', type: 'int64', value: 5 },
      { key: 'graphql.field.path', type: 'string', value: 'users.orders' },
    ]);
  });

  test('a statement carries its text, rows and field path; the request its strategy, counts and split', () => {
    const trace = exported(batchedTimeline());
    expect(byName(trace, 'SELECT orders').tags).toEqual([
      { key: 'span.kind', type: 'string', value: 'client' },
      { key: 'db.query.text', type: 'string', value: 'select o.* from orders as o where o.user_id in (?, ?, ?, ?, ?)' },
      { key: 'db.operation.name', type: 'string', value: 'SELECT' },
      { key: 'db.collection.name', type: 'string', value: 'orders' },
      { key: 'db.response.returned_rows', type: 'int64', value: 12 },
      { key: 'app.bytes_fetched', type: 'int64', value: 452 },
      { key: 'graphql.field.path', type: 'string', value: 'users.orders' },
      { key: 'graphql.parent.name', type: 'string', value: 'User' },
      { key: 'graphql.field.name', type: 'string', value: 'orders' },
    ]);
    const root = byName(trace, 'UsersWithOrders');
    expect(Object.fromEntries(root.tags.map((tag) => [tag.key, tag.value]))).toEqual({
      'span.kind': 'server',
      'app.request_id': 'r1k3x9',
      'app.strategy': 'batched',
      'app.await': 'sequential',
      'graphql.operation.name': 'UsersWithOrders',
      'http.response.status_code': 200,
      'app.sql_count': 2,
      'app.round_trips_in_series': 2,
      'app.rows_fetched': 17,
      'app.bytes_fetched': 762,
      'http.response.body.size': 412,
      'app.db_time_ms': 5.3,
      'app.orm_time_ms': 1.2,
      'app.graphql_time_ms': 2.1,
      'app.serialization_time_ms': 1.2,
      'app.other_time_ms': 0.076,
      'app.n_plus_one_count': 0,
      'app.resolver_spans_dropped': 2,
      'app.statements_dropped': 0,
    });
    expect(root.tags.find((tag) => tag.key === 'app.db_time_ms')?.type).toBe('float64');
    expect(root.warnings).toEqual(['2 resolver calls past 3 per field path are not in this trace']);
    expect(trace.processes).toEqual({ p1: { serviceName: 'graphql-n1-lab', tags: [] } });
  });

  test('an N+1: each statement under its own call of the field, and the finding as a log on the request', () => {
    const lazy = batchedTimeline();
    lazy.strategy = 'lazy';
    lazy.batches = [];
    const orders = [0, 1, 2].map((n) => ({
      sql: 'select o.* from orders as o where o.user_id = ?',
      path: 'users.orders',
      rows: 4,
      bytes: 150,
      startMs: 3.3 + n,
      endMs: 3.8 + n,
    }));
    lazy.statements = [lazy.statements[0]!, ...orders];
    const finding = { path: 'users.orders', sql: orders[0]!.sql, count: 3, hint: 'use the loader' };
    lazy.findings = { ...noFindings(), nPlusOne: [finding] };
    const trace = exported(lazy);
    expect(
      tree(trace)
        .filter(([name]) => name === 'SELECT orders')
        .map(([, parent]) => parent),
    ).toEqual(['graphql.resolve users.0.orders', 'graphql.resolve users.1.orders', 'graphql.resolve users.2.orders']);
    expect(byName(trace, 'UsersWithOrders').logs).toEqual([
      {
        timestamp: T0 + 9876,
        fields: [
          { key: 'event', type: 'string', value: 'n_plus_one' },
          { key: 'graphql.field.path', type: 'string', value: 'users.orders' },
          { key: 'db.query.text', type: 'string', value: finding.sql },
          { key: 'app.query_count', type: 'int64', value: 3 },
          { key: 'app.hint', type: 'string', value: 'use the loader' },
        ],
      },
    ]);
  });

  test('a request with no statements (nothing parsed) is still one valid trace: the request span alone', () => {
    const empty: Timeline = {
      ...batchedTimeline(),
      operation: undefined,
      status: 400,
      totalMs: 0.42,
      sqlCount: 0,
      rowsFetched: 0,
      phases: [],
      resolvers: [],
      resolversDropped: 0,
      batches: [],
      statements: [],
    };
    const trace = exported(empty);
    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0]).toMatchObject({
      operationName: 'GraphQL request',
      references: [],
      startTime: T0,
      duration: 420,
      logs: [],
      warnings: null,
    });
    expect(trace.spans[0]!.tags.map((tag) => tag.key)).not.toContain('graphql.operation.name');
  });

  test('a server error is marked with the error tag the UI reads', () => {
    const root = exported({ ...batchedTimeline(), status: 503 }).spans[0]!;
    expect(root.tags).toContainEqual({ key: 'error', type: 'bool', value: true });
  });

  test('a startedAt that is not a time is refused, naming it', () => {
    expect(() => toJaegerJson({ ...batchedTimeline(), startedAt: 'yesterday' })).toThrow(
      'toJaegerJson: startedAt must be an ISO 8601 time, got "yesterday"',
    );
  });

  test('the load checks catch what the UI would mishandle', () => {
    const file = toJaegerJson(batchedTimeline());
    const [trace] = file.data;
    const batch = byName(trace, 'dataloader.batch ordersByUserId');
    batch.references.reverse();
    trace.spans[2]!.spanID = trace.spans[1]!.spanID;
    trace.spans[3]!.startTime = 0;
    expect(jaegerUiLoadProblems(file)).toEqual([
      'trace 0: repeated spanID',
      `trace 0: ${trace.spans[3]!.spanID}: startTime 0 is not a positive number`,
      `trace 0: ${batch.spanID}: the tree and the span details would show different parents`,
    ]);
    expect(jaegerUiLoadProblems({ resourceSpans: [] })).toEqual(['not a Jaeger query-API JSON object']);
  });
});
