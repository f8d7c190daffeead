import type { JaegerSpan, JaegerTrace } from '../../src/timeline/jaeger-format';
import { toJaegerJson } from '../../src/timeline/jaeger';
import type { Timeline } from '../../src/timeline/shape';

/** 2026-08-18T10:00:00.000Z in microseconds since the epoch: every start time below is this plus the offset. */
const T0 = 1_787_047_200_000_000;

const noFindings = (): Timeline['findings'] => ({ nPlusOne: [], duplicates: [], batchingSplit: [] });

/**
 * `{ users { orders { id } } }` under the batched strategy: the root statement, then one DataLoader batch of 5
 * keys asked for by users.0-4.orders, of which the history kept 3 calls (resolverCap 3).
 */
function batchedTimeline(): Timeline {
  return {
    id: 'r1k3x9',
    operation: 'UsersWithOrders',
    strategy: 'batched',
    startedAt: '2026-08-18T10:00:00.000Z',
    status: 200,
    totalMs: 9.876,
    split: { dbMs: 5.3, ormMs: 1.2, graphqlMs: 2.1, serializationMs: 1.2, otherMs: 0.076 },
    sqlCount: 2,
    rowsFetched: 17,
    phases: [
      { name: 'parse', startMs: 0.1, endMs: 0.35 },
      { name: 'validate', startMs: 0.35, endMs: 0.6 },
      // 1.005 ms is 1004.9999999999999 µs in floating point: truncating instead of rounding would show here.
      { name: 'execute', startMs: 1.005, endMs: 8.515 },
      { name: 'serialize', startMs: 8.515, endMs: 9.8 },
    ],
    resolvers: [
      { id: 1, path: 'users', field: 'Query.users', startMs: 1.1, endMs: 3.1 },
      { id: 2, path: 'users.0.orders', field: 'User.orders', startMs: 3.2, endMs: 7.9 },
      { id: 3, path: 'users.1.orders', field: 'User.orders', startMs: 3.21, endMs: 7.91 },
      { id: 4, path: 'users.2.orders', field: 'User.orders', startMs: 3.22, endMs: 7.92 },
    ],
    resolverCap: 3,
    resolversDropped: 2,
    // 5 and 6 asked too, but their calls are past the cap: no span to link to.
    batches: [{ id: 1, loader: 'ordersByUserId', path: 'users.orders', keys: 5, startMs: 3.5, endMs: 7.8, askedBy: [2, 3, 4, 5, 6] }],
    statements: [
      { sql: 'select u.* from users as u limit ?', path: 'users', field: 'Query.users', rows: 5, startMs: 1.2, endMs: 2.5 },
      { sql: 'select o.* from orders as o where o.user_id in (?, ?, ?, ?, ?)', path: 'users.orders', field: 'User.orders', rows: 12, startMs: 3.6, endMs: 7.4, batch: 1 },
    ],
    statementsDropped: 0,
    findings: noFindings(),
  };
}

/** The one trace of an export, after a trip through a file, as the UI reads it. */
function exported(timeline: Timeline): JaegerTrace {
  const file: unknown = JSON.parse(JSON.stringify(toJaegerJson(timeline)));
  expect(jaegerUiLoadProblems(file)).toEqual([]);
  const { data } = file as { data: JaegerTrace[] };
  expect(data).toHaveLength(1);
  return data[0]!;
}

const byName = (trace: JaegerTrace, operationName: string): JaegerSpan => {
  const found = trace.spans.filter((span) => span.operationName === operationName);
  if (found.length !== 1) throw new Error(`expected exactly one span named ${operationName}, found ${found.length}`);
  return found[0]!;
};

/** Each span's name and its CHILD_OF parent's name (`-` for the root). */
function tree(trace: JaegerTrace): Array<[string, string]> {
  const names = new Map(trace.spans.map((span) => [span.spanID, span.operationName]));
  return trace.spans.map((span) => {
    const parent = span.references.filter((ref) => ref.refType === 'CHILD_OF');
    if (parent.length > 1) throw new Error(`${span.operationName} has ${parent.length} CHILD_OF references, expected at most 1`);
    return [span.operationName, parent[0] ? (names.get(parent[0].spanID) ?? `missing ${parent[0].spanID}`) : '-'];
  });
}

/**
 * What jaeger-ui (github.com/jaegertracing/jaeger-ui at c321fb32bbca0bdce9e8c2d40afb35abbf54c12b) does with an
 * uploaded file, as checks: a file that fails one would be rejected, or load with spans renamed, orphaned,
 * moved to 1970, attributed to `unknown-service`, or hung under a different parent than we meant.
 * - utils/readJsonFile.ts: a JSON object with `resourceSpans` is OTLP, sent to the backend instead;
 * - components/SearchTracePage/FileLoader.tsx (loadTracesFromFile): `{ data: [...] }` is a list of traces;
 * - model/transform-trace-data.ts: no traceID → the trace is dropped; `spans.length` and
 *   `processes[processID]` are read; a repeated spanID is renamed; the parent is the first CHILD_OF *or*
 *   FOLLOWS_FROM reference whose span is in the trace, and a span with references but none found is an orphan;
 *   a startTime that is not a positive number is replaced by its parent's;
 * - model/OtelSpanFacade.ts: the parent is the earliest CHILD_OF reference with the span's traceID, else the
 *   earliest FOLLOWS_FROM; the two rules must agree, so the CHILD_OF must be first.
 */
function jaegerUiLoadProblems(file: unknown): string[] {
  if (typeof file !== 'object' || file === null || 'resourceSpans' in file) return ['not a Jaeger query-API JSON object'];
  const data = (file as { data?: unknown }).data;
  if (!Array.isArray(data)) return ['data is not an array of traces'];
  return data.flatMap((trace: JaegerTrace, t) => {
    const problems: string[] = [];
    const say = (problem: string) => problems.push(`trace ${t}: ${problem}`);
    if (!trace.traceID) say('no traceID');
    if (!Array.isArray(trace.spans)) return [`trace ${t}: spans is not an array`];
    const ids = new Set(trace.spans.map((span) => span.spanID));
    if (ids.size !== trace.spans.length) say('repeated spanID');
    let roots = 0;
    for (const span of trace.spans) {
      const { spanID, traceID, processID, startTime, duration, operationName, references = [], tags = [] } = span;
      if (typeof spanID !== 'string' || !spanID) say(`span without spanID: ${operationName}`);
      if (traceID !== trace.traceID) say(`${spanID}: traceID ${traceID} is not the trace's`);
      if (typeof operationName !== 'string') say(`${spanID}: no operationName`);
      if (!trace.processes?.[processID as 'p1']?.serviceName) say(`${spanID}: processID ${processID} names no process`);
      if (!Number.isFinite(startTime) || startTime <= 0) say(`${spanID}: startTime ${startTime} is not a positive number`);
      if (!Number.isFinite(duration) || duration < 0) say(`${spanID}: duration ${duration} is not a number >= 0`);
      if (!tags.every((tag) => typeof tag.key === 'string' && tag.value !== undefined)) say(`${spanID}: a tag without key or value`);
      const inTrace = references.filter((ref) => ['CHILD_OF', 'FOLLOWS_FROM'].includes(ref.refType) && ids.has(ref.spanID));
      if (references.length > 0 && inTrace.length === 0) say(`${spanID}: orphan, no reference names a span of the trace`);
      if (inTrace.length === 0) roots += 1;
      const sameTrace = references.filter((ref) => ref.traceID === traceID);
      const facadeParent = sameTrace.find((ref) => ref.refType === 'CHILD_OF') ?? sameTrace.find((ref) => ref.refType === 'FOLLOWS_FROM');
      if (inTrace[0] && facadeParent?.spanID !== inTrace[0].spanID) say(`${spanID}: the tree and the span details would show different parents`);
    }
    if (roots !== 1) say(`${roots} root spans, expected 1`);
    return problems;
  });
}

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
      { key: 'graphql.field.path', type: 'string', value: 'users.orders' },
      { key: 'graphql.parent.name', type: 'string', value: 'User' },
      { key: 'graphql.field.name', type: 'string', value: 'orders' },
    ]);
    const root = byName(trace, 'UsersWithOrders');
    expect(Object.fromEntries(root.tags.map((tag) => [tag.key, tag.value]))).toEqual({
      'span.kind': 'server', 'app.request_id': 'r1k3x9', 'app.strategy': 'batched', 'graphql.operation.name': 'UsersWithOrders',
      'http.response.status_code': 200, 'app.sql_count': 2, 'app.rows_fetched': 17, 'app.db_time_ms': 5.3, 'app.orm_time_ms': 1.2,
      'app.graphql_time_ms': 2.1, 'app.serialization_time_ms': 1.2, 'app.other_time_ms': 0.076, 'app.n_plus_one_count': 0,
      'app.resolver_spans_dropped': 2, 'app.statements_dropped': 0,
    });
    expect(root.tags.find((tag) => tag.key === 'app.db_time_ms')?.type).toBe('float64');
    expect(root.warnings).toEqual(['2 resolver calls past 3 per field path are not in this trace']);
    expect(trace.processes).toEqual({ p1: { serviceName: 'graphql-n1-lab', tags: [] } });
  });

  test('an N+1: each statement under its own call of the field, and the finding as a log on the request', () => {
    const lazy = batchedTimeline();
    lazy.strategy = 'lazy';
    lazy.batches = [];
    const orders = [0, 1, 2].map((n) => ({ sql: 'select o.* from orders as o where o.user_id = ?', path: 'users.orders', rows: 4, startMs: 3.3 + n, endMs: 3.8 + n }));
    lazy.statements = [lazy.statements[0]!, ...orders];
    const finding = { path: 'users.orders', sql: orders[0]!.sql, count: 3, hint: 'use the loader' };
    lazy.findings = { ...noFindings(), nPlusOne: [finding] };
    const trace = exported(lazy);
    expect(tree(trace).filter(([name]) => name === 'SELECT orders').map(([, parent]) => parent)).toEqual([
      'graphql.resolve users.0.orders',
      'graphql.resolve users.1.orders',
      'graphql.resolve users.2.orders',
    ]);
    expect(byName(trace, 'UsersWithOrders').logs).toEqual([{
      timestamp: T0 + 9876,
      fields: [
        { key: 'event', type: 'string', value: 'n_plus_one' },
        { key: 'graphql.field.path', type: 'string', value: 'users.orders' },
        { key: 'db.query.text', type: 'string', value: finding.sql },
        { key: 'app.query_count', type: 'int64', value: 3 },
        { key: 'app.hint', type: 'string', value: 'use the loader' },
      ],
    }]);
  });

  test('a request with no statements (nothing parsed) is still one valid trace: the request span alone', () => {
    const empty: Timeline = {
      ...batchedTimeline(),
      operation: undefined, status: 400, totalMs: 0.42, sqlCount: 0, rowsFetched: 0,
      phases: [], resolvers: [], resolversDropped: 0, batches: [], statements: [],
    };
    const trace = exported(empty);
    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0]).toMatchObject({ operationName: 'GraphQL request', references: [], startTime: T0, duration: 420, logs: [], warnings: null });
    expect(trace.spans[0]!.tags.map((tag) => tag.key)).not.toContain('graphql.operation.name');
  });

  test('a server error is marked with the error tag the UI reads', () => {
    const root = exported({ ...batchedTimeline(), status: 503 }).spans[0]!;
    expect(root.tags).toContainEqual({ key: 'error', type: 'bool', value: true });
  });

  test('a startedAt that is not a time is refused, naming it', () => {
    expect(() => toJaegerJson({ ...batchedTimeline(), startedAt: 'yesterday' })).toThrow('toJaegerJson: startedAt must be an ISO 8601 time, got "yesterday"');
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
