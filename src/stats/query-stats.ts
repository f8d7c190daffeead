import type { CacheLookup } from '../cache/cached-lookup';
import { findBatchingSplits } from './batching-split';
import { groupBy } from './group-by';
import type { PlansReport } from './plans';
import { findRepeats, type RepeatFinding, type RepeatOptions } from './repeats';
import type { RequestRecorder } from './request-recorder';
import { longestChain, roundMs, unionMs } from './time';

/** What every response reports in `extensions.queryStats`. */
export interface QueryStats extends Omit<RequestLabels, 'cache'> {
  sqlCount: number;
  cache?: CacheStats;
  /**
   * The statements the request waited for one after another: each is a round trip to the database, and those
   * that ran at the same time (parallel awaits on PostgreSQL's pool) cost one wait together. What a network's
   * latency multiplies: at 1 ms a round trip, 51 in series add 51 ms however fast the database is.
   */
  roundTripsInSeries: number;
  /** Rows the database sent back, all statements together: a JOIN repeats its parent's columns on every row. */
  rowsFetched: number;
  /** The size of the values in those rows (src/db/row-bytes.ts): what `select *` and a JOIN's repeats cost. */
  bytesFetched: number;
  /**
   * Wall-clock milliseconds during which at least one statement was in flight. Not the sum of statement
   * times: concurrent resolvers overlap (and queue on SQLite's single connection), so a sum would count the
   * same wait several times and could exceed the request's own duration.
   */
  dbTimeMs: number;
  /** Milliseconds inside ORM calls with no statement in flight: building SQL, mapping rows, hydrating entities. */
  ormTimeMs: number;
  /** The rest of execution: resolvers, DataLoader scheduling and graphql-js completing the result. */
  graphqlTimeMs: number;
  /** Each distinct statement, with placeholders instead of values, in the order each first finished. */
  statements: Array<{ sql: string; count: number }>;
  /** The SQL each GraphQL field caused (list indices folded: `users.orders`); the counts add up to sqlCount. */
  byPath: PathStats[];
  /** Fields that ran one statement per parent, with the fix. */
  nPlusOne: RepeatFinding[];
  /** Statements that ran again with the same parameters from the same field. */
  duplicates: RepeatFinding[];
  /** A loader that split one level into several batches (see batching-split.ts). */
  batchingSplit: RepeatFinding[];
  /** With `x-explain: plan` or `analyze`: each distinct statement's plan, and scans that read far more than they return. */
  plans?: PlansReport;
}

/** What the request's headers picked: `x-strategy` and `x-await`. */
export interface RequestLabels {
  strategy: string;
  await: string;
  /** A mutation's `x-write` mode; absent for a query, which writes nothing. */
  write?: string;
  /** `x-cache: on`: the cache's kind (redis, memory); absent when the request did not ask for it. */
  cache?: string;
}

/** `x-cache: on`: what the request's lookups found. */
export interface CacheStats {
  store: string;
  lookups: number;
  hits: number;
  misses: number;
}

export interface PathStats {
  path: string;
  sqlCount: number;
  dbTimeMs: number;
}

export interface StatsOptions extends RepeatOptions {
  /** The most keys a batch may hold: a batch this full was split by the limit, not by an await. */
  batchMaxSize: number;
}

/** The statistics of what `recorder` saw; `executionMs`, how long GraphQL execution took, splits off the GraphQL share. */
export function queryStats(recorder: RequestRecorder, labels: RequestLabels, executionMs: number, options: StatsOptions): QueryStats {
  const { executions } = recorder;
  const statements = executions.map((execution) => execution.interval);
  const dbTimeMs = unionMs(statements);
  const ormTimeMs = roundMs(Math.max(0, unionMs([...statements, ...recorder.ormCalls]) - dbTimeMs));
  const { cache: store, ...names } = labels;
  return {
    ...names,
    ...(store !== undefined && { cache: cacheStats(store, recorder.cacheLookups) }),
    sqlCount: executions.length,
    roundTripsInSeries: longestChain(statements),
    rowsFetched: executions.reduce((sum, execution) => sum + execution.rows, 0),
    bytesFetched: executions.reduce((sum, execution) => sum + execution.bytes, 0),
    dbTimeMs,
    ormTimeMs,
    graphqlTimeMs: roundMs(Math.max(0, executionMs - dbTimeMs - ormTimeMs)),
    statements: [...groupBy(executions, (execution) => execution.sql)].map(([sql, runs]) => ({ sql, count: runs.length })),
    byPath: [...groupBy(executions, (execution) => execution.path)].map(([path, runs]) => ({
      path,
      sqlCount: runs.length,
      dbTimeMs: unionMs(runs.map((run) => run.interval)),
    })),
    ...findRepeats(executions, options),
    batchingSplit: findBatchingSplits(recorder.batches, options.batchMaxSize),
  };
}

function cacheStats(store: string, lookups: readonly CacheLookup[]): CacheStats {
  const sum = (key: 'hits' | 'misses') => lookups.reduce((total, lookup) => total + lookup[key], 0);
  return { store, lookups: lookups.length, hits: sum('hits'), misses: sum('misses') };
}

/** The statistics of a request that ran no SQL (refused before execution), under the choices it named. */
export function noStatements({ cache: store, ...labels }: RequestLabels): QueryStats {
  return {
    ...labels,
    ...(store !== undefined && { cache: cacheStats(store, []) }),
    sqlCount: 0,
    roundTripsInSeries: 0,
    rowsFetched: 0,
    bytesFetched: 0,
    dbTimeMs: 0,
    ormTimeMs: 0,
    graphqlTimeMs: 0,
    statements: [],
    byPath: [],
    nPlusOne: [],
    duplicates: [],
    batchingSplit: [],
  };
}
