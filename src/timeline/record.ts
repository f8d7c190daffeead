import { randomBytes } from 'node:crypto';
import { type Span, trace } from '@opentelemetry/api';
import type { GraphQLError } from 'graphql';
import { CACHE_HEADER, type CacheMode, cacheModeFromHeader } from '../cache/cache-mode';
import type { RequestChoices, RequestContext } from '../context';
import { EXPLAIN_HEADER, type ExplainMode, explainModeFromHeader } from '../db/explain';
import { AWAIT_HEADER, type AwaitMode, awaitModeFromHeader } from '../loading/await-mode';
import { type QueryStats, queryStats, type StatsOptions } from '../stats/query-stats';
import { roundMs } from '../stats/time';
import { STRATEGY_HEADER, type StrategyName, strategyFromHeader } from '../strategies';
import { WRITE_HEADER, type WriteMode, writeModeFromHeader } from '../writing/write-mode';

/** Where one request's time went; the parts add up to `totalMs`. */
export interface TimeSplit {
  dbMs: number;
  ormMs: number;
  graphqlMs: number;
  /** From the end of execution to the response: Yoga turning the result into JSON. */
  serializationMs: number;
  /** Everything else: reading the request, parsing, validating, building the context. */
  otherMs: number;
  totalMs: number;
}

export type PhaseName = 'parse' | 'validate' | 'execute';

/**
 * One HTTP request as the app records it: when it came, its strategy, its GraphQL phases, and (through its
 * context) everything it ran below GraphQL. queryStats, Server-Timing, the metrics, the log line, the trace's
 * summary and the lab's timeline all read this one record.
 */
export class RequestRecord {
  /** Unique in this process, and short enough to read: the timeline's id, `x-lab-request-id`. */
  readonly id = randomBytes(6).toString('base64url');
  readonly startedAt = performance.now();
  readonly startedAtWall = Date.now();
  /** What the `x-strategy` header names, read once: the strategy, or the error a bad value is (HTTP 400). */
  readonly strategy: StrategyName | GraphQLError;
  /** What the `x-await` header names, read once, as the strategy is. */
  readonly awaitMode: AwaitMode | GraphQLError;
  /** What the `x-explain` header asks for: `off` without it. */
  readonly explain: ExplainMode | GraphQLError;
  /** What the `x-write` header names, read once: `per-item` without it. */
  readonly writeMode: WriteMode | GraphQLError;
  /** What the `x-cache` header names, read once: `off` without it. */
  readonly cacheMode: CacheMode | GraphQLError;
  /** The operation is a mutation (known once execution starts): its stats name the write mode. */
  mutation = false;
  /** Milliseconds spent explaining the request's statements after its execution: part of `other` in the split. */
  explainMs = 0;
  /** The HTTP server span (the request's root span) when telemetry is on. */
  readonly span: Span | undefined = trace.getActiveSpan();
  context?: RequestContext;
  operation?: string;
  /** A GraphQL document arrived (as opposed to a body that was never one: malformed JSON, too large). */
  parsing = false;
  readonly phases = new Map<PhaseName, [start: number, end: number]>();
  /** When the response was ready: the end of the request as the split, the log and the timeline count it. */
  respondedAt?: number;
  /** The response body's size in bytes, from its Content-Length (Yoga answers with the whole body at once). */
  responseBytes?: number;
  #stats?: QueryStats;
  #split?: TimeSplit;

  constructor(
    request: Request,
    private readonly statsOptions: StatsOptions,
  ) {
    this.strategy = orError(() => strategyFromHeader(request.headers.get(STRATEGY_HEADER)));
    this.awaitMode = orError(() => awaitModeFromHeader(request.headers.get(AWAIT_HEADER)));
    this.explain = orError(() => explainModeFromHeader(request.headers.get(EXPLAIN_HEADER)));
    this.writeMode = orError(() => writeModeFromHeader(request.headers.get(WRITE_HEADER)));
    this.cacheMode = orError(() => cacheModeFromHeader(request.headers.get(CACHE_HEADER)));
  }

  /** What the headers picked, for the request's context; a bad value is thrown (the request fails, HTTP 400). */
  get choices(): RequestChoices {
    if (typeof this.strategy !== 'string') throw this.strategy;
    if (typeof this.awaitMode !== 'string') throw this.awaitMode;
    if (typeof this.explain !== 'string') throw this.explain;
    if (typeof this.writeMode !== 'string') throw this.writeMode;
    if (typeof this.cacheMode !== 'string') throw this.cacheMode;
    const { strategy, awaitMode, explain, writeMode, cacheMode } = this;
    return { strategy, awaitMode, explain, writeMode, cacheMode };
  }

  /** The strategy as metrics and reports name it: `(invalid)` for a header naming none. */
  get strategyLabel(): string {
    return typeof this.strategy === 'string' ? this.strategy : '(invalid)';
  }

  /** The await mode as reports name it: `(invalid)` for a header naming none. */
  get awaitLabel(): string {
    return typeof this.awaitMode === 'string' ? this.awaitMode : '(invalid)';
  }

  /** Times `name` from now until the returned function is called (at most once per request for each). */
  startPhase(name: PhaseName): () => void {
    const phase: [number, number] = [performance.now(), Number.NaN];
    this.phases.set(name, phase);
    return () => void (phase[1] = Number.isNaN(phase[1]) ? performance.now() : phase[1]);
  }

  get executeStartedAt(): number | undefined {
    return this.phases.get('execute')?.[0];
  }

  /** The request's SQL, computed once execution is over; none if execution never started. */
  get stats(): QueryStats | undefined {
    const execute = this.phases.get('execute');
    if (!this.context || !execute) return undefined;
    if (Number.isNaN(execute[1])) execute[1] = performance.now();
    const { recorder, strategyName, awaitMode, writeMode, cacheMode, cache } = this.context;
    const labels = {
      strategy: strategyName,
      await: awaitMode,
      ...(this.mutation && { write: writeMode }),
      ...(cacheMode === 'on' && { cache: cache.kind }),
    };
    this.#stats ??= queryStats(recorder, labels, execute[1] - execute[0], this.statsOptions);
    return this.#stats;
  }

  /** Fixed when first read, at the response, so the header, the span and the log show one set of numbers. */
  get timeSplit(): TimeSplit {
    if (this.#split) return this.#split;
    const { stats } = this;
    const respondedAt = (this.respondedAt = performance.now());
    const totalMs = roundMs(respondedAt - this.startedAt);
    const executeEnd = this.phases.get('execute')?.[1];
    const serializationMs = executeEnd === undefined ? 0 : roundMs(respondedAt - executeEnd - this.explainMs);
    const [dbMs, ormMs, graphqlMs] = [stats?.dbTimeMs ?? 0, stats?.ormTimeMs ?? 0, stats?.graphqlTimeMs ?? 0];
    const otherMs = roundMs(Math.max(0, totalMs - dbMs - ormMs - graphqlMs - serializationMs));
    this.#split = { dbMs, ormMs, graphqlMs, serializationMs, otherMs, totalMs };
    return this.#split;
  }
}

function orError<T>(read: () => T): T | GraphQLError {
  try {
    return read();
  } catch (error) {
    return error as GraphQLError;
  }
}

/** The records of requests in flight, keyed by their Request; each goes when its request does. */
export type RequestRecords = WeakMap<Request, RequestRecord>;
