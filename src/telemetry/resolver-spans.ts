import { type Context, context, createContextKey, type Span, type SpanContext, trace } from '@opentelemetry/api';
// Types only from graphql: the telemetry preload loads this module, and graphql must load after it, patched.
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { countAt, type PathCount, parentContext, pathText } from '../graphql/response-paths';
import { whenResolved, wrapResolvers } from '../graphql/wrap-resolvers';
import { endWithError } from './span-end';

interface RequestSpans {
  counts: PathCount;
  /** The contexts of the resolver spans made so far, by response path (`users.3.orders`). */
  traced: Map<string, Context>;
  dropped: number;
}

/** Where resolvers run without a span: the span they hang from, kept for resolver spans and log lines. */
const HIDDEN_SPAN = createContextKey('graphql-n1-lab: the span resolvers hang from, out of the active context');
/** What traceResolvers reports per request. */
export interface ResolverTracing {
  /** Resolver spans the cap left out of the request whose GraphQL context this is. */
  dropped(requestContext: object): number;
}

/** The active span's ids; under a resolver the cap left out, those of the span it hangs from. */
export function activeSpanContext(): SpanContext | undefined {
  const active = context.active();
  return (trace.getSpan(active) ?? hiddenSpan(active))?.spanContext();
}

function hiddenSpan(ctx: Context): Span | undefined {
  return ctx.getValue(HIDDEN_SPAN) as Span | undefined;
}

/**
 * The context to execute an operation in, from the one holding its span: that span taken out of the active
 * context and kept aside, where resolver spans find their parent and log lines their trace. Resolvers are
 * called in the context execution started in (the engine chains each level on the last with `.then` from its
 * own code), so a resolver past the cap is then already where it must run, with no span, and needs no context
 * switch of its own (a copy of the async context's map each).
 */
export function executionContext(operation: Context): Context {
  const span = trace.getSpan(operation);
  return span ? hideSpan(operation, span) : operation;
}

function hideSpan(ctx: Context, span: Span): Context {
  return trace.deleteSpan(ctx).setValue(HIDDEN_SPAN, span);
}

/**
 * One `graphql.resolve <path>` span per resolver call, for the first `perPath` calls of each field path in a
 * request (`users.*.orders`: the first 5 users' orders by default), each the child of the nearest enclosing
 * field's span, so the fan-out shows in a trace without a request making tens of thousands of spans. A resolver
 * past the cap runs with no span in its context, so its DataLoader loads and SQL make none either, and costs
 * a count (the root span reports them as `app.resolver_spans_dropped`) and no string: per call, only the spans
 * kept pay for their paths. Its children are counted like any other call: the first calls of a path come from
 * the first items, whose parents kept their spans, and one that does not hangs under the nearest enclosing span.
 *
 * Not instrumentation-graphql's resolver spans: it wraps graphql-js's `execute`, which the app no longer runs
 * (graphql-jit does), and it did costly bookkeeping (path strings, the field's source text) for every resolver,
 * capped or not (docs/benchmarks/NOTES.md has the profile). Fields without a resolver of their
 * own get no span.
 */
export function traceResolvers(schema: GraphQLSchema, perPath: number): ResolverTracing {
  const tracer = trace.getTracer('graphql-n1-lab/resolvers');
  // Keyed by the request's GraphQL context, which lives exactly as long as its request.
  const requests = new WeakMap<object, RequestSpans>();
  wrapResolvers(schema, (resolve) => (source, args, requestContext, info) => {
    const spans = requestSpans(requests, requestContext as object);
    const count = countAt(spans.counts, info.path);
    count.calls += 1;
    const active = context.active();
    if (count.calls > perPath) {
      spans.dropped += 1;
      const span = trace.getSpan(active);
      // Called with a span only where execution did not start in executionContext's context (an engine run directly).
      if (!span) return resolve(source, args, requestContext, info);
      return context.with(hideSpan(active, span), () => resolve(source, args, requestContext, info));
    }
    const path = pathText(info.path);
    const outer = parentContext(spans.traced, info.path) ?? shownSpan(active);
    const span = tracer.startSpan(`graphql.resolve ${path}`, { attributes: fieldAttributes(info, path) }, outer);
    const inner = trace.setSpan(outer, span);
    spans.traced.set(path, inner);
    return context.with(inner, () =>
      whenResolved(
        () => resolve(source, args, requestContext, info),
        (failed, error) => (failed ? endWithError(span, error) : span.end()),
      ),
    );
  });
  return { dropped: (requestContext) => requests.get(requestContext)?.dropped ?? 0 };
}

function requestSpans(requests: WeakMap<object, RequestSpans>, requestContext: object): RequestSpans {
  let spans = requests.get(requestContext);
  if (!spans) requests.set(requestContext, (spans = { counts: { calls: 0, below: new Map() }, traced: new Map(), dropped: 0 }));
  return spans;
}

/** A context whose span is hidden (see executionContext), with that span back as the active one. */
function shownSpan(ctx: Context): Context {
  const hidden = hiddenSpan(ctx);
  return hidden && !trace.getSpan(ctx) ? trace.setSpan(ctx, hidden) : ctx;
}

/** instrumentation-graphql's attribute names, so traces read as they did; argument values are never recorded. */
function fieldAttributes(info: GraphQLResolveInfo, path: string) {
  return {
    'graphql.field.name': info.fieldName,
    'graphql.field.path': path,
    'graphql.field.type': info.returnType.toString(),
    'graphql.parent.name': info.parentType.name,
  };
}
