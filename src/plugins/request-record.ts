import { type Span, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { QueryStats } from '../stats/query-recorder';
import { roundMs } from '../stats/round-ms';

/** What the reporting plugins learn about one HTTP request as it goes. */
export class RequestRecord {
  readonly startedAt = performance.now();
  /** The HTTP server span (the request's root span) when telemetry is on. */
  readonly span: Span | undefined = trace.getActiveSpan();
  context?: RequestContext;
  operation?: string;
  #stats?: QueryStats;
  #durationMs?: number;

  /** The request's SQL, computed once for whichever report asks first; none if execution never started. */
  get stats(): QueryStats | undefined {
    if (this.context) this.#stats ??= this.context.queryRecorder.stats(this.context.strategyName);
    return this.#stats;
  }

  /** Arrival to response, fixed when first read, so the header, the span and the log show one number. */
  get durationMs(): number {
    this.#durationMs ??= roundMs(performance.now() - this.startedAt);
    return this.#durationMs;
  }
}

/** The records of requests in flight, keyed by their Request; each goes when its request does. */
export type RequestRecords = WeakMap<Request, RequestRecord>;

/** Opens a record per request and notes its context and operation when execution starts. */
export function useRequestRecord(records: RequestRecords): Plugin<RequestContext> {
  return {
    // The HTTP instrumentation has made its server span the active one by now.
    onRequest({ request }) {
      records.set(request, new RequestRecord());
    },
    onExecute({ args }) {
      const record = records.get(args.contextValue.request);
      if (!record) return;
      record.context = args.contextValue;
      record.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)';
    },
  };
}
