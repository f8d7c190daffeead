import type { LabConfig } from '../config-types';
import { planFindings } from '../stats/plans';
import type { Execution } from '../stats/request-recorder';
import type { RequestRecord } from './record';
import type { Timeline } from './shape';

/** Milliseconds from the request's start, to the microsecond. */
const at = (record: RequestRecord, time: number) => Math.round((time - record.startedAt) * 1000) / 1000;

/**
 * The request as the lab keeps it, built at its response from its record: every time made relative to the
 * request's start, statements listed up to `maxStatements` (the rest counted), no value from the request.
 */
export function buildTimeline(record: RequestRecord, status: number, { maxStatements, resolversPerPath }: LabConfig): Timeline {
  const { context, stats } = record;
  const recorder = context?.recorder;
  const span = (interval: readonly [number, number]) => ({ startMs: at(record, interval[0]), endMs: at(record, interval[1]) });
  const split = record.timeSplit;
  const respondedAt = record.respondedAt!;
  const executeEnd = record.phases.get('execute')?.[1];
  const phases: Timeline['phases'] = [...record.phases].map(([name, interval]) => ({ name, ...span(interval) }));
  if (executeEnd !== undefined) phases.push({ name: 'serialize', ...span([executeEnd, respondedAt]) });
  const batches = (recorder?.batches ?? []).map(({ loader, path, keys, interval, askedBy }, id) => ({
    id,
    loader,
    path,
    keys,
    ...span(interval),
    askedBy,
  }));
  const executions = recorder?.executions ?? [];
  const listed = [...executions].sort((a, b) => a.interval[0] - b.interval[0]).slice(0, maxStatements);
  return {
    id: record.id,
    operation: record.operation,
    strategy: record.strategyLabel,
    await: record.awaitLabel,
    ...(stats?.write && { write: stats.write }),
    startedAt: new Date(record.startedAtWall).toISOString(),
    status,
    totalMs: at(record, respondedAt),
    split: { dbMs: split.dbMs, ormMs: split.ormMs, graphqlMs: split.graphqlMs, serializationMs: split.serializationMs, otherMs: split.otherMs },
    sqlCount: stats?.sqlCount ?? 0,
    roundTripsInSeries: stats?.roundTripsInSeries ?? 0,
    rowsFetched: stats?.rowsFetched ?? 0,
    bytesFetched: stats?.bytesFetched ?? 0,
    responseBytes: record.responseBytes ?? 0,
    phases,
    resolvers: (recorder?.resolverCalls ?? []).map(({ id, path, field, interval }) => ({ id, path, field, ...span(interval) })),
    resolverCap: resolversPerPath,
    resolversDropped: recorder?.resolversDropped ?? 0,
    batches,
    statements: listed.map((execution) => ({
      sql: execution.sql,
      path: execution.path,
      ...(execution.coordinate && { field: execution.coordinate }),
      rows: execution.rows,
      bytes: execution.bytes,
      ...span(execution.interval),
      ...batchOf(execution, batches, record),
    })),
    statementsDropped: executions.length - listed.length,
    cacheLookups: (recorder?.cacheLookups ?? []).map(({ store, hits, misses, interval }) => ({ store, hits, misses, ...span(interval) })),
    findings: {
      nPlusOne: stats?.nPlusOne ?? [],
      duplicates: stats?.duplicates ?? [],
      batchingSplit: stats?.batchingSplit ?? [],
      plans: planFindings(stats?.plans),
    },
  };
}

/** The batch a statement was sent for: of its field path, running when it started (the latest such). */
function batchOf(execution: Execution, batches: Timeline['batches'], record: RequestRecord): { batch?: number } {
  const start = at(record, execution.interval[0]);
  const batch = batches.findLast((candidate) => candidate.path === execution.path && candidate.startMs <= start && start <= candidate.endMs);
  return batch ? { batch: batch.id } : {};
}
