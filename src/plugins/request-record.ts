import { type Span, trace } from '@opentelemetry/api';
import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { QueryStats } from '../stats/query-stats';
import { roundMs } from '../stats/time';
import { STRATEGY_HEADER, type StrategyName, strategyFromHeader } from '../strategies';

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

/** What the reporting plugins learn about one HTTP request as it goes. */
export class RequestRecord {
  readonly startedAt = performance.now();
  /** What the `x-strategy` header names, read once: the strategy, or the error a bad value is (HTTP 400). */
  readonly strategy: StrategyName | GraphQLError;
  /** The HTTP server span (the request's root span) when telemetry is on. */
  readonly span: Span | undefined = trace.getActiveSpan();
  context?: RequestContext;
  operation?: string;
  /** A GraphQL document arrived (as opposed to a body that was never one: malformed JSON, too large). */
  parsing = false;
  executeStartedAt?: number;
  executeEndedAt?: number;
  #stats?: QueryStats;
  #split?: TimeSplit;

  constructor(request: Request) {
    try {
      this.strategy = strategyFromHeader(request.headers.get(STRATEGY_HEADER));
    } catch (error) {
      this.strategy = error as GraphQLError;
    }
  }

  /** The strategy as metrics and reports name it: `(invalid)` for a header naming none. */
  get strategyLabel(): string {
    return typeof this.strategy === 'string' ? this.strategy : '(invalid)';
  }

  /** The request's SQL, computed once execution is over; none if execution never started. */
  get stats(): QueryStats | undefined {
    if (!this.context || this.executeStartedAt === undefined) return undefined;
    this.executeEndedAt ??= performance.now();
    this.#stats ??= this.context.queryRecorder.stats(this.context.strategyName, this.executeEndedAt - this.executeStartedAt);
    return this.#stats;
  }

  /** Fixed when first read, at the response, so the header, the span and the log show one set of numbers. */
  get timeSplit(): TimeSplit {
    if (this.#split) return this.#split;
    const totalMs = roundMs(performance.now() - this.startedAt);
    const { stats } = this;
    const serializationMs = this.executeEndedAt === undefined ? 0 : roundMs(performance.now() - this.executeEndedAt);
    const [dbMs, ormMs, graphqlMs] = [stats?.dbTimeMs ?? 0, stats?.ormTimeMs ?? 0, stats?.graphqlTimeMs ?? 0];
    const otherMs = roundMs(Math.max(0, totalMs - dbMs - ormMs - graphqlMs - serializationMs));
    this.#split = { dbMs, ormMs, graphqlMs, serializationMs, otherMs, totalMs };
    return this.#split;
  }
}

/** The records of requests in flight, keyed by their Request; each goes when its request does. */
export type RequestRecords = WeakMap<Request, RequestRecord>;

/** Opens a record per request and notes its context, operation and execution time. */
export function useRequestRecord(records: RequestRecords): Plugin<RequestContext> {
  return {
    // The HTTP instrumentation has made its server span the active one by now.
    onRequest({ request }) {
      records.set(request, new RequestRecord(request));
    },
    onParse({ context }) {
      const record = records.get((context as { request: Request }).request);
      if (record) record.parsing = true;
    },
    onExecute({ args }) {
      const record = records.get(args.contextValue.request);
      if (!record) return;
      record.context = args.contextValue;
      record.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)';
      record.executeStartedAt = performance.now();
      return {
        onExecuteDone() {
          record.executeEndedAt ??= performance.now();
        },
      };
    },
  };
}
