import { toJaegerJson } from '../../src/timeline/jaeger';
import type { JaegerSpan, JaegerTrace } from '../../src/timeline/jaeger-format';
import type { Timeline } from '../../src/timeline/shape';

/** 2026-08-18T10:00:00.000Z in microseconds since the epoch: every start time below is this plus the offset. */
export const T0 = 1_787_047_200_000_000;

export const noFindings = (): Timeline['findings'] => ({ nPlusOne: [], duplicates: [], batchingSplit: [], plans: [] });

/**
 * `{ users { orders { id } } }` under the batched strategy: the root statement, then one DataLoader batch of 5
 * keys asked for by users.0-4.orders, of which the history kept 3 calls (resolverCap 3).
 */
export function batchedTimeline(): Timeline {
  return {
    id: 'r1k3x9',
    operation: 'UsersWithOrders',
    strategy: 'batched',
    await: 'sequential',
    startedAt: '2026-08-18T10:00:00.000Z',
    status: 200,
    totalMs: 9.876,
    split: { dbMs: 5.3, ormMs: 1.2, graphqlMs: 2.1, serializationMs: 1.2, otherMs: 0.076 },
    sqlCount: 2,
    roundTripsInSeries: 2,
    rowsFetched: 17,
    bytesFetched: 762,
    responseBytes: 412,
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
      { sql: 'select u.* from users as u limit ?', path: 'users', field: 'Query.users', rows: 5, bytes: 310, startMs: 1.2, endMs: 2.5 },
      {
        sql: 'select o.* from orders as o where o.user_id in (?, ?, ?, ?, ?)',
        path: 'users.orders',
        field: 'User.orders',
        rows: 12,
        bytes: 452,
        startMs: 3.6,
        endMs: 7.4,
        batch: 1,
      },
    ],
    statementsDropped: 0,
    cacheLookups: [],
    findings: noFindings(),
  };
}

/** The one trace of an export, after a trip through a file, as the UI reads it. */
export function exported(timeline: Timeline): JaegerTrace {
  const file: unknown = JSON.parse(JSON.stringify(toJaegerJson(timeline)));
  expect(jaegerUiLoadProblems(file)).toEqual([]);
  const { data } = file as { data: JaegerTrace[] };
  expect(data).toHaveLength(1);
  return data[0]!;
}

export const byName = (trace: JaegerTrace, operationName: string): JaegerSpan => {
  const found = trace.spans.filter((span) => span.operationName === operationName);
  if (found.length !== 1) throw new Error(`expected exactly one span named ${operationName}, found ${found.length}`);
  return found[0]!;
};

/** Each span's name and its CHILD_OF parent's name (`-` for the root). */
export function tree(trace: JaegerTrace): Array<[string, string]> {
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
export function jaegerUiLoadProblems(file: unknown): string[] {
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
