import { type Context, type Span, type SpanContext, context, createContextKey, trace } from '@opentelemetry/api';
// Types only from graphql: the telemetry preload loads this module, and graphql must load after it, patched.
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { wrapResolvers } from '../schema/wrap-resolvers';
import { type PathCount, countAt, parentContext, pathText } from './resolver-paths';
import { endWithError } from './span-error';

interface RequestSpans {
  counts: PathCount;
  /** The contexts of the resolver spans made so far, by response path (`users.3.orders`). */
  traced: Map<string, Context>;
  dropped: number;
  /** The context left-out resolvers run in, made once from the context they are called in. */
  untraced?: { from: Context; context: Context };
}

/** Under a left-out resolver the span is removed from the context; its trace is kept here for log lines. */
const UNTRACED_IN = createContextKey('graphql-n1-lab: the trace an untraced resolver runs in');
// Keyed by the request's GraphQL context, which lives exactly as long as its request.
const requests = new WeakMap<object, RequestSpans>();
// Set when telemetry starts, which is before the schema is built (the telemetry preload runs first).
let spansPerPath: number | undefined;

/** Turns resolver spans on for schemas built from now on, at most `perPath` per field path per request. */
export function enableResolverSpans(perPath: number): void {
  spansPerPath = perPath;
}

/** The schema with resolver spans when telemetry is on; as it is otherwise (no wrapper, no cost). */
export function withResolverSpans(schema: GraphQLSchema): GraphQLSchema {
  return spansPerPath === undefined ? schema : traceResolvers(schema, spansPerPath);
}

/** Resolver spans the cap left out of the request whose GraphQL context this is. */
export function droppedResolverSpans(requestContext: object): number {
  return requests.get(requestContext)?.dropped ?? 0;
}

/** The active span's ids; under a resolver the cap left out, those of its nearest traced parent. */
export function activeSpanContext(): SpanContext | undefined {
  return spanContextIn(context.active());
}

function spanContextIn(ctx: Context): SpanContext | undefined {
  return trace.getSpan(ctx)?.spanContext() ?? (ctx.getValue(UNTRACED_IN) as SpanContext | undefined);
}

/**
 * One `graphql.resolve <path>` span per resolver call, for the first `perPath` calls of each field path in a
 * request (`users.*.orders`: the first 10 users' orders by default), each the child of the nearest enclosing
 * field's span, so the fan-out shows in a trace without a request making tens of thousands of spans. A resolver
 * past the cap runs with no span in its context, so its DataLoader loads and SQL make none either, and costs
 * a count (the root span reports them as `app.resolver_spans_dropped`) and no string: per call, only the spans
 * kept pay for their paths. Its children are counted like any other call: the first calls of a path come from
 * the first items, whose parents kept their spans, and one that does not hangs under the nearest enclosing span.
 *
 * Not instrumentation-graphql's resolver spans: it wraps graphql-js's `execute`, which the app no longer runs
 * (graphql-jit does), and it did costly bookkeeping (path strings, the field's source text) for every resolver,
 * capped or not: 40% of a traced request's CPU, profiled at N=100 batched. Fields without a resolver of their
 * own get no span, as before.
 */
function traceResolvers(schema: GraphQLSchema, perPath: number): GraphQLSchema {
  const tracer = trace.getTracer('graphql-n1-lab/resolvers');
  return wrapResolvers(schema, (resolve) => (source, args, requestContext, info) => {
    const spans = requestSpans(requestContext as object);
    const count = countAt(spans.counts, info.path);
    count.calls += 1;
    if (count.calls > perPath) {
      spans.dropped += 1;
      return context.with(untracedContext(spans), () => resolve(source, args, requestContext, info));
    }
    const path = pathText(info.path);
    const outer = parentContext(spans.traced, info.path) ?? context.active();
    const span = tracer.startSpan(`graphql.resolve ${path}`, { attributes: fieldAttributes(info, path) }, outer);
    const inner = trace.setSpan(outer, span);
    spans.traced.set(path, inner);
    return context.with(inner, () => endWhenSettled(span, () => resolve(source, args, requestContext, info)));
  });
}

function requestSpans(requestContext: object): RequestSpans {
  let spans = requests.get(requestContext);
  if (!spans) requests.set(requestContext, (spans = { counts: { calls: 0, below: new Map() }, traced: new Map(), dropped: 0 }));
  return spans;
}

/**
 * A left-out resolver runs with no span in its context, so nothing below it (DataLoader loads, SQL) makes one;
 * its trace stays reachable for log lines. Made once per request from the context resolvers are called in.
 */
function untracedContext(spans: RequestSpans): Context {
  const active = context.active();
  if (spans.untraced?.from === active) return spans.untraced.context;
  const spanContext = spanContextIn(active);
  const withoutSpan = trace.deleteSpan(active);
  spans.untraced = { from: active, context: spanContext ? withoutSpan.setValue(UNTRACED_IN, spanContext) : withoutSpan };
  return spans.untraced.context;
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

/**
 * Ends the span when the resolver's own work is done (not its children's).
 * The resolver's own promise goes back to the engine, the span's end on a side chain: chaining `.then` into the
 * result would settle it a tick later than an untraced resolver's, and reorder what runs next (the next level's
 * calls, DataLoader's batches).
 */
function endWhenSettled(span: Span, resolve: () => unknown): unknown {
  let result: unknown;
  try {
    result = resolve();
  } catch (error) {
    endWithError(span, error);
    throw error;
  }
  if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
    (result as PromiseLike<unknown>).then(() => span.end(), (error: unknown) => endWithError(span, error));
  } else {
    span.end();
  }
  return result;
}
