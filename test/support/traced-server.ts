import { type GraphQLReply, sendOperation } from '../../lab/client';
import { OtlpCollector, type ReceivedSpan } from './otlp-collector';
import { freshDatabaseUrl, type RunningServer, startServer } from './server-process';

/**
 * OpenTelemetry patches modules through `require`, which Jest's module system bypasses, so the telemetry tests
 * run the real server as a child process (started exactly as `npm start` starts it) exporting OTLP/HTTP to a
 * collector run here, and assert on the spans it receives.
 */
export interface TracedServer {
  server: RunningServer;
  collector: OtlpCollector;
  /** Stops the server (if it still runs) and the collector, and drops the server's database. */
  close(): Promise<void>;
}

/** A server on a fresh database exporting OTLP/HTTP JSON every 50 ms to a collector of its own; `env` over that. */
export async function startTracedServer(env: Record<string, string>): Promise<TracedServer> {
  const collector = new OtlpCollector();
  const endpoint = await collector.start();
  const database = await freshDatabaseUrl();
  const closeRest = async () => {
    await collector.stop();
    await database.drop();
  };
  let server: RunningServer;
  try {
    server = await startServer({
      DATABASE_URL: database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      ...env,
    });
  } catch (error) {
    await closeRest();
    throw error;
  }
  return {
    server,
    collector,
    close: async () => {
      await server.stop(); // at once if it has already exited
      await closeRest();
    },
  };
}

export const SQL_SPAN = (span: ReceivedSpan) => typeof span.attributes['db.query.text'] === 'string';

export interface Sent {
  traceId: string;
  sqlCount: number;
  body: GraphQLReply['body'];
  traceresponse: string | null;
}

/** Sends an operation that must answer without errors; its trace id and SQL count come from its extensions. */
export async function send(
  server: RunningServer,
  query: string,
  strategy: string,
  variables?: object,
  headers: Record<string, string> = {},
): Promise<Sent> {
  const { body, headers: replyHeaders } = await sendOperation(server.url, {
    query,
    strategy,
    variables: variables as Record<string, unknown>,
    headers,
  });
  expect(body.errors).toBeUndefined();
  const { traceId, queryStats } = body.extensions!;
  return { traceId: traceId!, sqlCount: queryStats!.sqlCount, body, traceresponse: replyHeaders.get('traceresponse') };
}

/** The request's spans, once its root (the HTTP server span, which ends last) has arrived. */
export async function traceOf(collector: OtlpCollector, traceId: string): Promise<ReceivedSpan[]> {
  const isRoot = (span: ReceivedSpan) => span.traceId === traceId && !span.parentSpanId;
  await collector.waitFor((spans) => spans.some(isRoot));
  return collector.trace(traceId);
}

export const parentOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.find((other) => other.spanId === span.parentSpanId);
export const childrenOf = (spans: ReceivedSpan[], span: ReceivedSpan) => spans.filter((other) => other.parentSpanId === span.spanId);

/**
 * A traced server (JSON, every 50 ms, debug logs) for the tests of the enclosing file: started before them,
 * closed after them. `run` sends an operation and returns it with its spans; every trace id it saw is kept.
 */
export function useTracedServer() {
  let traced: TracedServer | undefined;
  const requestTraceIds = new Set<string>();
  beforeAll(async () => {
    traced = await startTracedServer({
      LOG_LEVEL: 'debug',
      // Every resolver span, so every statement has its SQL span and the trees show every call (the cap has its own test).
      TRACE_RESOLVER_SPANS_PER_PATH: '1000',
    });
  }, 60_000);
  afterAll(() => traced?.close());
  const current = (): TracedServer => {
    if (!traced) throw new Error('useTracedServer: the server starts in beforeAll; read it in a test');
    return traced;
  };
  return {
    requestTraceIds,
    get server() {
      return current().server;
    },
    get collector() {
      return current().collector;
    },
    run: async (query: string, strategy: string, variables?: object, headers?: Record<string, string>) => {
      const sent = await send(current().server, query, strategy, variables, headers);
      requestTraceIds.add(sent.traceId);
      return { ...sent, spans: await traceOf(current().collector, sent.traceId) };
    },
  };
}
