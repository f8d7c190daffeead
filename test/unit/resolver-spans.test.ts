import { type Context, context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { execute, type GraphQLFieldResolver, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLSchema, parse } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { activeSpanContext, executionContext, traceResolvers } from '../../src/telemetry/resolver-spans';

/**
 * The resolver spans' own rules, on a small schema, under both engines (graphql-js builds one path object per
 * field and shares it below; graphql-jit builds a new one per call): at most 2 spans per folded path, each the
 * child of the nearest enclosing field's span, the rest counted, and a left-out resolver runs with no span.
 */
const exporter = new InMemorySpanExporter();
// SimpleSpanProcessor hands a span to the exporter asynchronously: each run flushes it before reading.
const processor = new SimpleSpanProcessor({ exporter });
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [processor] }));
/** Counts context switches: each is a copy of the async context's map, so left-out resolvers should make none. */
class CountingContextManager extends AsyncLocalStorageContextManager {
  switches = 0;
  override with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    this.switches += 1;
    return super.with(ctx, fn, thisArg, ...args);
  }
}
const contextManager = new CountingContextManager();
context.setGlobalContextManager(contextManager.enable());

/** What each `lines` resolver saw: its own span, if any, and the trace its log lines would name. */
const seenByLines: { path: string; activeSpanId?: string; traceId?: string }[] = [];
const linesOf: GraphQLFieldResolver<{ id: number }, unknown> = async (order, _args, _context, info) => {
  seenByLines.push({ path: pathOf(info.path), activeSpanId: trace.getActiveSpan()?.spanContext().spanId, traceId: activeSpanContext()?.traceId });
  return [{ n: order.id * 10 }, { n: order.id * 10 + 1 }];
};
const Line = new GraphQLObjectType({ name: 'Line', fields: { n: { type: GraphQLInt } } });
const Order = new GraphQLObjectType({
  name: 'Order',
  fields: { id: { type: GraphQLInt }, lines: { type: new GraphQLList(Line), resolve: linesOf } },
});
const ordersOf = async (source: { user: number }) => [{ id: source.user * 2 }, { id: source.user * 2 + 1 }];
// `box` has no resolver of its own: it is read off the user, so `users.3.box.orders` hangs under `users`.
const Box = new GraphQLObjectType({ name: 'Box', fields: { orders: { type: new GraphQLList(Order), resolve: ordersOf } } });
const User = new GraphQLObjectType({
  name: 'User',
  fields: {
    id: { type: GraphQLInt },
    box: { type: Box },
    orders: { type: new GraphQLList(Order), resolve: (user: { id: number }) => ordersOf({ user: user.id }) },
  },
});
const users = async () => [0, 1, 2, 3].map((id) => ({ id, box: { user: id } }));
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { users: { type: new GraphQLList(User), resolve: users } } }),
});
const tracing = traceResolvers(schema, 2);
const document = parse('{ users { id orders { id lines { n } } box { orders { id } } } }');

const engines: [string, (contextValue: object) => Promise<unknown>][] = [
  ['graphql-js', async (contextValue) => execute({ schema, document, contextValue })],
  [
    'graphql-jit',
    async (contextValue) => {
      const compiled = compileQuery(schema, document);
      if (!isCompiledQuery(compiled)) throw new Error(`did not compile: ${JSON.stringify(compiled.errors)}`);
      return compiled.query(undefined, contextValue, {});
    },
  ],
];

// As the app runs it (operation-span.ts: the operation's span set aside), and with that span active.
const starts: [string, (operation: Context) => Context][] = [
  ['in executionContext', executionContext],
  ['with the operation span active', (operation) => operation],
];
const cases = engines.flatMap(([engine, run]) => starts.map(([start, contextFrom]) => [engine, start, run, contextFrom] as const));

describe.each(cases)('resolver spans under %s, %s, 2 per path', (_engine, _start, run, contextFrom) => {
  let spans: ReadableSpan[];
  let operation: ReadableSpan;
  let dropped: number;
  let result: unknown;
  let switches: number;

  beforeAll(async () => {
    exporter.reset();
    seenByLines.length = 0;
    const contextValue = {};
    const root = trace.getTracer('test').startSpan('operation');
    contextManager.switches = 0;
    result = await context.with(contextFrom(trace.setSpan(context.active(), root)), () => run(contextValue));
    switches = contextManager.switches;
    root.end();
    await processor.forceFlush();
    spans = exporter.getFinishedSpans();
    operation = spans.find((span) => span.name === 'operation')!;
    dropped = tracing.dropped(contextValue);
  });

  const named = (name: string) => spans.find((span) => span.name === `graphql.resolve ${name}`)!;
  const parentName = (span: ReadableSpan) => spans.find((other) => other.spanContext().spanId === span.parentSpanContext?.spanId)?.name;

  test('the data is whole whatever the cap', () => {
    const { data } = result as { data: { users: { orders: { lines: unknown[] }[] }[] } };
    expect(data.users.flatMap((user) => user.orders.flatMap((order) => order.lines))).toHaveLength(16);
  });

  test('the first 2 calls of each folded path get spans; the other 10 are counted', () => {
    expect(
      spans
        .filter((span) => span !== operation)
        .map((span) => span.name)
        .sort(),
    ).toEqual(
      ['users', 'users.0.box.orders', 'users.0.orders', 'users.0.orders.0.lines', 'users.0.orders.1.lines', 'users.1.box.orders', 'users.1.orders']
        .map((path) => `graphql.resolve ${path}`)
        .sort(),
    );
    // users.*.orders: 4 calls, 2 kept; users.*.orders.*.lines: 8, 2 kept; users.*.box.orders: 4, 2 kept.
    expect(dropped).toBe(2 + 6 + 2);
  });

  test('each span is the child of the nearest enclosing field that has one, whatever ran in between', () => {
    expect(parentName(named('users'))).toBe('operation');
    expect(parentName(named('users.1.orders'))).toBe('graphql.resolve users');
    expect(parentName(named('users.0.orders.1.lines'))).toBe('graphql.resolve users.0.orders');
    expect(parentName(named('users.1.box.orders'))).toBe('graphql.resolve users');
    expect(named('users.0.orders').attributes).toEqual({
      'graphql.field.name': 'orders',
      'graphql.field.path': 'users.0.orders',
      'graphql.field.type': '[Order]',
      'graphql.parent.name': 'User',
    });
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([operation.spanContext().traceId]));
  });

  test('a kept resolver runs in its own span; a left-out one in none, its trace still named for log lines', () => {
    const traceId = operation.spanContext().traceId;
    const kept = seenByLines.filter((seen) => seen.path === 'users.0.orders.0.lines' || seen.path === 'users.0.orders.1.lines');
    expect(kept.map((seen) => seen.activeSpanId)).toEqual(kept.map((seen) => named(seen.path).spanContext().spanId));
    const leftOut = seenByLines.filter((seen) => !kept.includes(seen));
    expect(leftOut).toHaveLength(6);
    for (const seen of leftOut) expect(seen).toEqual({ path: seen.path, activeSpanId: undefined, traceId });
  });

  test('a left-out resolver switches context only where execution started with a span active', () => {
    // One to start the operation; two per kept span (7): its resolver's, and the SDK's export of it (exporter.ts
    // in @opentelemetry/core suppresses tracing around it); with the operation span active, one per left-out call (10).
    expect(switches).toBe(contextFrom === executionContext ? 1 + 2 * 7 : 1 + 2 * 7 + 10);
  });
});

function pathOf(path: { key: string | number; prev: unknown } | undefined): string {
  const keys: (string | number)[] = [];
  for (let step = path; step; step = step.prev as typeof path) keys.unshift(step.key);
  return keys.join('.');
}
