import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import type { CacheLookup, CacheObserver } from '../cache/cached-lookup';
import type { QueryListener, TimedStatement } from '../db/query-listener';
import { sanitizeSql } from '../db/sql-text';
import { countAt, type PathCount, pathText } from '../graphql/response-paths';
import { whenResolved } from '../graphql/wrap-resolvers';
import { currentField, inAskingField } from './field-scope';

/** One statement as recorded: its shape, the field that ran it, a digest of its parameters, when it ran. */
export interface Execution {
  sql: string;
  path: string;
  coordinate?: string;
  paramsDigest: string;
  /** The bound values, kept only for a request that asked for its plans (x-explain); never reported. */
  params?: readonly unknown[];
  rows: number;
  /** The size of the values in its rows (src/db/row-bytes.ts). */
  bytes: number;
  interval: [start: number, end: number];
}

/** A DataLoader batch: the loader, the field whose load opened it, its keys, when it ran, the calls that asked. */
export interface BatchRun {
  loader: string;
  path: string;
  keys: number;
  interval: [start: number, end: number];
  askedBy: number[];
}

/** A resolver call kept for the timeline; `id` is its index in `resolverCalls`. */
export interface ResolverCall {
  id: number;
  path: string;
  field: string;
  interval: [start: number, end: number];
}

/** Where statements issued outside any resolver are attributed. */
export const OUTSIDE_RESOLVERS = '(request)';

/**
 * Everything one request runs below GraphQL: its SQL statements (timed to the microsecond), ORM calls,
 * DataLoader batches and, when the lab keeps a history, resolver calls. One instance per request, handed to
 * MikroORM in the fork's `loggerContext` (it is the request's QueryListener), so concurrent requests never mix.
 * queryStats, Server-Timing, the metrics, the log line and the timeline are all computed from it.
 */
export class RequestRecorder implements QueryListener, CacheObserver {
  readonly executions: Execution[] = [];
  /** Each `x-cache` lookup: hits, misses, and when it ran. */
  readonly cacheLookups: CacheLookup[] = [];
  readonly ormCalls: Array<[start: number, end: number]> = [];
  readonly batches: BatchRun[] = [];
  readonly resolverCalls: ResolverCall[] = [];
  resolversDropped = 0;
  readonly #resolverCounts: PathCount = { calls: 0, below: new Map() };
  /** The kept resolver call running synchronously right now: the one a DataLoader load is asked by. */
  #running: number | undefined;
  /** Per loader, the kept calls that asked for keys its next batch will send. */
  readonly #askers = new Map<string, number[]>();

  readonly #keepParams: boolean;

  /** `keepParams`: keep each statement's values in memory, to explain it after the request ran (x-explain). */
  constructor(keepParams = false) {
    this.#keepParams = keepParams;
  }

  cacheLookup(lookup: CacheLookup): void {
    this.cacheLookups.push(lookup);
  }

  onStatement({ sql, params, startedAt, endedAt, rows, bytes }: TimedStatement): void {
    const field = currentField();
    this.executions.push({
      sql: sanitizeSql(sql),
      path: field?.path ?? OUTSIDE_RESOLVERS,
      coordinate: field?.coordinate,
      paramsDigest: digest(params),
      ...(this.#keepParams && params && { params }),
      rows: rows ?? 0,
      bytes: bytes ?? 0,
      interval: [startedAt, endedAt],
    });
  }

  onOrmCall(startedAt: number, endedAt: number): void {
    this.ormCalls.push([startedAt, endedAt]);
  }

  /** Statements `work` starts belong to the field that asked for them (see field-scope.ts). */
  attribute<T>(work: () => T): T {
    return inAskingField(work);
  }

  /** A DataLoader load is being asked for: the running resolver call (if kept) asked the loader's next batch. */
  asked(loader: string): void {
    if (this.#running === undefined) return;
    const askers = this.#askers.get(loader);
    if (askers) askers.push(this.#running);
    else this.#askers.set(loader, [this.#running]);
  }

  /** Sends one batch of `loader` (`send` runs its statement) and records it. */
  async sendBatch<T>(loader: string, keys: number, send: () => Promise<T>): Promise<T> {
    const askedBy = this.#askers.get(loader) ?? [];
    this.#askers.delete(loader);
    const batch: BatchRun = { loader, path: currentField()?.path ?? OUTSIDE_RESOLVERS, keys, interval: [performance.now(), Number.NaN], askedBy };
    this.batches.push(batch);
    try {
      return await send();
    } finally {
      batch.interval[1] = performance.now();
    }
  }

  /**
   * Runs a resolver and keeps the call for the timeline if it is among the first `cap` of its field path (list
   * positions folded); later ones are only counted, as resolver spans are. The call ends when its own result
   * settles (not its children's: see whenResolved).
   */
  callResolver<T>(info: GraphQLResolveInfo, cap: number, resolve: () => T): T {
    const count = countAt(this.#resolverCounts, info.path);
    count.calls += 1;
    const outer = this.#running;
    if (count.calls > cap) {
      this.resolversDropped += 1;
      this.#running = undefined;
      try {
        return resolve();
      } finally {
        this.#running = outer;
      }
    }
    const call: ResolverCall = {
      id: this.resolverCalls.length,
      path: pathText(info.path),
      field: `${info.parentType.name}.${info.fieldName}`,
      interval: [performance.now(), Number.NaN],
    };
    this.resolverCalls.push(call);
    this.#running = call.id;
    try {
      return whenResolved(resolve, () => void (call.interval[1] = performance.now())) as T;
    } finally {
      this.#running = outer;
    }
  }
}

function digest(params: readonly unknown[] | undefined): string {
  const text = JSON.stringify(params ?? [], (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
