import type { PlanFinding } from '../stats/plans';
import type { RepeatFinding } from '../stats/repeats';

/**
 * One request as `GET /lab/requests/:id` answers it: what the waterfall at /lab draws, and what queryStats,
 * Server-Timing, the metrics and the log line are computed from. Times are milliseconds from the request's
 * start (`performance.now()` based, to the microsecond: three decimals). No value from the request is ever
 * in it: SQL with placeholders, field paths, names and counts only.
 */
export interface Timeline {
  /** Eight URL-safe characters, random: `Yx3k_9Qa`. Also `extensions.lab.requestId` and the `x-lab-request-id` header. */
  id: string;
  /** The operation's name, `(anonymous)`, or absent when no document was parsed. */
  operation?: string;
  strategy: string;
  /** The `x-await` mode: how resolvers with independent parts awaited them. */
  await: string;
  /** A mutation's `x-write` mode (per-item, batched); absent for a query. */
  write?: string;
  /** Wall-clock time the request arrived, ISO 8601. */
  startedAt: string;
  /** HTTP status of the response. */
  status: number;
  totalMs: number;
  /** Where the time went: the parts add up to totalMs. */
  split: { dbMs: number; ormMs: number; graphqlMs: number; serializationMs: number; otherMs: number };
  sqlCount: number;
  /** Statements waited for one after another (see QueryStats.roundTripsInSeries). */
  roundTripsInSeries: number;
  rowsFetched: number;
  /** The size of the values in those rows (src/db/row-bytes.ts). */
  bytesFetched: number;
  /** The response body's size in bytes (its Content-Length). */
  responseBytes: number;
  /** parse, validate, execute (each at most once), and serialize: from the end of execution to the response. */
  phases: Array<{ name: 'parse' | 'validate' | 'execute' | 'serialize'; startMs: number; endMs: number }>;
  /**
   * Resolver calls, at most `resolverCap` per folded field path (`users.orders`); the rest are counted in
   * `resolversDropped`. `path` keeps list positions (`users.3.orders`); `field` is the schema coordinate.
   */
  resolvers: Array<{ id: number; path: string; field: string; startMs: number; endMs: number }>;
  resolverCap: number;
  resolversDropped: number;
  /** DataLoader batches: the loader, how many keys it sent, the resolver calls that asked (ids in `resolvers`, when kept). */
  batches: Array<{ id: number; loader: string; path: string; keys: number; startMs: number; endMs: number; askedBy: number[] }>;
  /**
   * SQL statements in the order they started: the text with placeholders, the field path that caused it (list
   * positions folded), rows returned and their values' bytes, the batch it belongs to. `endMs` is when the driver returned its rows.
   */
  statements: Array<{ sql: string; path: string; field?: string; rows: number; bytes: number; startMs: number; endMs: number; batch?: number }>;
  /** `x-cache: on`: each lookup of the products cache, what it found, and when. */
  cacheLookups: Array<{ store: string; hits: number; misses: number; startMs: number; endMs: number }>;
  /** Statements past the per-request cap (LAB_HISTORY_STATEMENTS) are counted here, not listed. */
  statementsDropped: number;
  findings: {
    nPlusOne: RepeatFinding[];
    duplicates: RepeatFinding[];
    /** One loader sending several batches for one field path, each below batchMaxSize: an await before load(). */
    batchingSplit: RepeatFinding[];
    /** With x-explain: scans that read far more rows than they return, with the index that would serve them. */
    plans: PlanFinding[];
  };
}

/** `GET /lab/requests`: the recent requests, newest first, each with its count of N+1 findings. */
export type TimelineSummary = Pick<Timeline, 'id' | 'operation' | 'strategy' | 'await' | 'startedAt' | 'status' | 'totalMs' | 'sqlCount'> & {
  nPlusOne: number;
};
