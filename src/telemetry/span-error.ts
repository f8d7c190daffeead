import { type Span, SpanStatusCode } from '@opentelemetry/api';

/** Ends a span as failed, naming the error's type only: a message (a database's, a resolver's) can quote a value from the request. */
export function endWithError(span: Span, error: unknown): void {
  const type = error instanceof Error ? error.name : 'Error';
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.setAttribute('error.type', type);
  span.end();
}
