import { type Context, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';

/** Ends a span as failed, naming the error's type only: a message (a database's, a resolver's) can quote a value from the request. */
export function endWithError(span: Span, error: unknown, endTime?: number): void {
  const type = error instanceof Error ? error.name : 'Error';
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.setAttribute('error.type', type);
  span.end(endTime);
}

/** Runs `run` with `span` active under `parent`, and ends the span when its promise settles: after `onResult` has read the result, or as failed. */
export function runInSpan<T>(span: Span, parent: Context, run: () => PromiseLike<T>, onResult?: (result: T) => void): Promise<T> {
  return Promise.resolve(context.with(trace.setSpan(parent, span), run)).then(
    (result) => {
      onResult?.(result);
      span.end();
      return result;
    },
    (error: unknown) => {
      endWithError(span, error);
      throw error;
    },
  );
}
