import { sqlSpanName } from '../telemetry/sql-span-name';
import { type JaegerReference, type JaegerSpan, type JaegerTrace, type Tags, toTags } from './jaeger-format';
import { jaegerIds } from './jaeger-ids';
import type { Timeline } from './shape';

/**
 * One request as a file the Jaeger UI opens with Upload: the query API's `{ data: [trace] }` shape, which the UI
 * reads in the browser; OTLP JSON it would send to its backend's /api/transform, which only a Jaeger v2 server
 * answers (jaegertracing/jaeger-ui, packages/jaeger-ui/src/utils/readJsonFile.ts). The request is the root span,
 * the phases its children; resolver calls hang under execute or the enclosing call; batches under the first
 * asker, linked to the others; statements under their batch or the call of their field.
 */
export function toJaegerJson(timeline: Timeline, serviceName = 'graphql-n1-lab'): { data: [JaegerTrace] } {
  const startedAtMs = Date.parse(timeline.startedAt);
  if (Number.isNaN(startedAtMs)) {
    throw new Error(`toJaegerJson: startedAt must be an ISO 8601 time, got ${JSON.stringify(timeline.startedAt)}`);
  }
  const { traceID, spanID } = jaegerIds(timeline);
  // Offsets carry three decimals of a millisecond, so rounding to whole microseconds loses nothing.
  const micros = (offsetMs: number) => startedAtMs * 1000 + Math.round(offsetMs * 1000);
  const reference = (refType: JaegerReference['refType'], to: JaegerSpan) => ({ refType, traceID, spanID: to.spanID });
  const spans: JaegerSpan[] = [];
  const addSpan = (operationName: string, startMs: number, endMs: number, tags: Tags, parent?: JaegerSpan) => {
    const span: JaegerSpan = {
      traceID,
      spanID: spanID(spans.length),
      operationName,
      references: parent ? [reference('CHILD_OF', parent)] : [],
      startTime: micros(startMs),
      duration: micros(endMs) - micros(startMs),
      tags: toTags(tags),
      logs: [],
      processID: 'p1',
      warnings: null,
    };
    spans.push(span);
    return span;
  };

  const root = addSpan(timeline.operation ?? 'GraphQL request', 0, timeline.totalMs, requestTags(timeline));
  root.logs = findingLogs(timeline.findings, micros(timeline.totalMs));
  root.warnings = droppedWarnings(timeline);
  let execute = root;
  for (const phase of timeline.phases) {
    const span = addSpan(phase.name, phase.startMs, phase.endMs, {}, root);
    if (phase.name === 'execute') execute = span;
  }

  const calls = timeline.resolvers.map((call) => ({
    call,
    span: addSpan(`graphql.resolve ${call.path}`, call.startMs, call.endMs, { 'graphql.field.path': call.path, ...coordinateTags(call.field) }),
  }));
  const callByPath = new Map(calls.map(({ call, span }) => [call.path, span]));
  const callById = new Map(calls.map(({ call, span }) => [call.id, span]));
  for (const { call, span } of calls) span.references.push(reference('CHILD_OF', enclosingCall(call.path, callByPath) ?? execute));

  const batchById = new Map<number, JaegerSpan>();
  for (const batch of timeline.batches) {
    const [firstAsker, ...otherAskers] = [...new Set(batch.askedBy)].flatMap((id) => callById.get(id) ?? []);
    const tags = { 'app.dataloader.keys': batch.keys, 'graphql.field.path': batch.path };
    const span = addSpan(`dataloader.batch ${batch.loader}`, batch.startMs, batch.endMs, tags, firstAsker ?? execute);
    span.references.push(...otherAskers.map((asker) => reference('FOLLOWS_FROM', asker)));
    batchById.set(batch.id, span);
  }

  // A cache lookup runs inside the products batch that asked for it: under the batch running when it started.
  for (const lookup of timeline.cacheLookups) {
    const batch = timeline.batches.findLast((candidate) => candidate.startMs <= lookup.startMs && lookup.startMs <= candidate.endMs);
    const tags = { 'app.cache.store': lookup.store, 'app.cache.hits': lookup.hits, 'app.cache.misses': lookup.misses };
    addSpan(`cache.lookup products`, lookup.startMs, lookup.endMs, tags, (batch && batchById.get(batch.id)) ?? execute);
  }

  // The timeline does not say which call of a field ran a statement: the k-th statement of a field goes to its
  // k-th call started by then, the order in which concurrent calls of one field issue theirs.
  const callsByFoldedPath = Map.groupBy(
    [...calls].sort((a, b) => a.call.startMs - b.call.startMs),
    ({ call }) => foldPositions(call.path),
  );
  const placed = new Map<string, number>();
  const callThatRan = (statement: Timeline['statements'][number]) => {
    const started = (callsByFoldedPath.get(statement.path) ?? []).filter(({ call }) => call.startMs <= statement.startMs);
    const k = placed.get(statement.path) ?? 0;
    placed.set(statement.path, k + 1);
    return started[Math.min(k, started.length - 1)]?.span;
  };
  for (const statement of timeline.statements) {
    const { name, operation, table } = sqlSpanName(statement.sql);
    const parent = (statement.batch === undefined ? callThatRan(statement) : batchById.get(statement.batch)) ?? execute;
    addSpan(
      name,
      statement.startMs,
      statement.endMs,
      {
        'span.kind': 'client',
        'db.query.text': statement.sql,
        'db.operation.name': operation,
        'db.collection.name': table,
        'db.response.returned_rows': statement.rows,
        'app.bytes_fetched': statement.bytes,
        'graphql.field.path': statement.path,
        ...coordinateTags(statement.field),
      },
      parent,
    );
  }
  return { data: [{ traceID, spans, processes: { p1: { serviceName, tags: [] } }, warnings: null }] };
}

/** The call of the nearest enclosing field that has one: `users.3.box.orders` is under `users` when `box` is read off the user. */
function enclosingCall(path: string, callByPath: ReadonlyMap<string, JaegerSpan>): JaegerSpan | undefined {
  const segments = path.split('.');
  for (let length = segments.length - 1; length > 0; length--) {
    const call = callByPath.get(segments.slice(0, length).join('.'));
    if (call) return call;
  }
  return undefined;
}

/** `users.3.orders` → `users.orders`: statements name their field without list positions. */
const foldPositions = (path: string) =>
  path
    .split('.')
    .filter((segment) => !/^\d+$/.test(segment))
    .join('.');

/** The attribute names of the live trace's root span (src/plugins/trace-summary.ts), so both read alike. */
function requestTags(timeline: Timeline): Tags {
  const { split } = timeline;
  return {
    'span.kind': 'server',
    'app.request_id': timeline.id,
    'app.strategy': timeline.strategy,
    'app.await': timeline.await,
    'graphql.operation.name': timeline.operation,
    'http.response.status_code': timeline.status,
    // The UI marks a span failed by an `error` tag; a request with GraphQL errors still answers 200.
    error: timeline.status >= 500 || undefined,
    'app.sql_count': timeline.sqlCount,
    'app.round_trips_in_series': timeline.roundTripsInSeries,
    'app.rows_fetched': timeline.rowsFetched,
    'app.bytes_fetched': timeline.bytesFetched,
    'http.response.body.size': timeline.responseBytes,
    'app.db_time_ms': split.dbMs,
    'app.orm_time_ms': split.ormMs,
    'app.graphql_time_ms': split.graphqlMs,
    'app.serialization_time_ms': split.serializationMs,
    'app.other_time_ms': split.otherMs,
    'app.n_plus_one_count': timeline.findings.nPlusOne.length,
    'app.resolver_spans_dropped': timeline.resolversDropped,
    'app.statements_dropped': timeline.statementsDropped,
  };
}

/** The UI shows a span's warnings beside it: what the history left out of this trace is said there. */
function droppedWarnings({ resolversDropped, resolverCap, statementsDropped }: Timeline): string[] | null {
  const warnings = [
    ...(resolversDropped > 0 ? [`${resolversDropped} resolver calls past ${resolverCap} per field path are not in this trace`] : []),
    ...(statementsDropped > 0 ? [`${statementsDropped} statements past the per-request cap are not in this trace`] : []),
  ];
  return warnings.length > 0 ? warnings : null;
}

/** A log on the root span per finding, at the end of the request, as the live trace's `n_plus_one` events. */
function findingLogs(findings: Timeline['findings'], timestamp: number): JaegerSpan['logs'] {
  const kinds = [
    ['n_plus_one', findings.nPlusOne],
    ['duplicate', findings.duplicates],
    ['batching_split', findings.batchingSplit],
  ] as const;
  return kinds.flatMap(([event, list]) =>
    list.map((finding) => ({
      timestamp,
      fields: toTags({
        event,
        'graphql.field.path': finding.path,
        'db.query.text': finding.sql,
        'app.query_count': finding.count,
        'app.hint': finding.hint,
      }),
    })),
  );
}

/** `User.orders` → the parent type and field names the live resolver spans carry. */
function coordinateTags(coordinate: string | undefined): Tags {
  const [parent, field] = coordinate?.includes('.') ? coordinate.split('.', 2) : [undefined, coordinate];
  return { 'graphql.parent.name': parent, 'graphql.field.name': field };
}
