import { useEngine } from '@envelop/core';
import { type Span, trace } from '@opentelemetry/api';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { execute, getOperationAST, parse, specifiedRules, subscribe, validate } from 'graphql';
import { type Plugin, type YogaServerInstance, createYoga, maskError } from 'graphql-yoga';
import type { Config } from './config';
import { type RequestContext, createRequestContext } from './context';
import type { Orm } from './db/orm';
import type { QueryStats } from './stats/query-recorder';
import { GRAPHIQL_DEFAULT_QUERY } from './lab/examples';
import type { Logger } from './logger';
import { schema } from './schema';
import { STRATEGY_HEADER } from './strategies';

export interface AppDeps {
  orm: Orm;
  logger: Logger;
  config: Pick<Config, 'queryStats' | 'batchMaxSize' | 'nPlusOneThreshold' | 'graphiql'>;
}

export type App = YogaServerInstance<Record<string, never>, RequestContext>;

/** Builds the GraphQL server. No side effects: it neither listens nor touches the database until a request. */
export function createApp({ orm, logger, config }: AppDeps): App {
  const requests: RequestRecords = new WeakMap();
  return createYoga<Record<string, never>, RequestContext>({
    schema,
    context: ({ request }) => {
      const context = createRequestContext(
        { orm, logger, batchMaxSize: config.batchMaxSize, nPlusOneThreshold: config.nPlusOneThreshold },
        request,
      );
      const record = requests.get(request);
      if (record) record.context = context;
      return context;
    },
    plugins: [
      // graphql-js's own executor (Yoga's default is @graphql-tools/executor), so resolvers run exactly as
      // graphql-js schedules them and OpenTelemetry's graphql instrumentation can see execution.
      useEngine({ parse, validate, execute, subscribe, specifiedRules }),
      useRequestRecord(requests),
      useResultExtensions(requests, config.queryStats),
      useRequestSummary(logger, requests, config.queryStats),
    ],
    maskedErrors: {
      maskError: (error, message, isDev) => {
        const masked = maskError(error, message, isDev);
        if (masked !== error) logger.error({ err: originalErrorOf(error) }, 'unexpected error while resolving');
        return masked;
      },
    },
    logging: {
      debug: (...args) => logger.debug({ args }, 'yoga'),
      info: (...args) => logger.info({ args }, 'yoga'),
      warn: (...args) => logger.warn({ args }, 'yoga'),
      error: (...args) => logger.error({ args }, 'yoga'),
    },
    graphiql: config.graphiql && {
      title: 'graphql-n1-lab',
      defaultQuery: GRAPHIQL_DEFAULT_QUERY,
      headers: JSON.stringify({ [STRATEGY_HEADER]: 'naive' }, null, 2),
      defaultEditorToolsVisibility: 'headers',
    },
    // GraphiQL's assets are served by this process, so it works with no internet access.
    renderGraphiQL,
    // Every request parses and validates, so every trace shows the whole pipeline and two traces of the same
    // query differ only where the strategies do (Yoga would otherwise skip both for a repeated document).
    parserAndValidationCache: false,
    landingPage: false,
  });
}

/** What the plugins learn about one HTTP request as it goes, keyed by the Request object. */
interface RequestRecord {
  startedAt: number;
  /** The HTTP server span (the request's root span) when telemetry is on. */
  span?: Span;
  context?: RequestContext;
  operation?: string;
  /** Computed once, when the result or the summary first needs it. */
  stats?: QueryStats;
}

type RequestRecords = WeakMap<Request, RequestRecord>;

function statsOf(record: RequestRecord | undefined): QueryStats | undefined {
  if (!record?.context) return undefined;
  record.stats ??= record.context.queryRecorder.stats(record.context.strategy);
  return record.stats;
}

/** Opens the record; the HTTP instrumentation has made its server span the active one by now. */
function useRequestRecord(requests: RequestRecords): Plugin<RequestContext> {
  return {
    onRequest({ request }) {
      requests.set(request, { startedAt: performance.now(), span: trace.getActiveSpan() });
    },
    onExecute({ args }) {
      const record = requests.get(args.contextValue.request);
      if (record) record.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)';
    },
  };
}

/**
 * Adds `extensions.queryStats` (the SQL this request ran, unless turned off) and `extensions.traceId` (when
 * tracing) to every result.
 */
function useResultExtensions(requests: RequestRecords, queryStats: boolean): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const record = requests.get(args.contextValue.request);
          const traceId = record?.span?.spanContext().traceId;
          if (!queryStats && !traceId) return;
          // `extensions` first, so the SQL count is the first thing on screen in GraphiQL, not below the data.
          const { extensions, ...rest } = result;
          setResult({
            extensions: {
              ...extensions,
              ...(queryStats && { queryStats: statsOf(record) }),
              ...(traceId && { traceId }),
            },
            ...rest,
          });
        },
      };
    },
  };
}

/**
 * Closes the record: the root span gets the strategy, operation and SQL count, and an event per N+1 found;
 * the response a `traceresponse` header (W3C Trace Context's response header, `00-<trace id>-<span id>-<flags>`)
 * and, with query stats on, `Server-Timing` (database, the rest, total) for browser devtools; the log one
 * summary line and a warning per N+1 or duplicate.
 */
function useRequestSummary(logger: Logger, requests: RequestRecords, queryStats: boolean): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = requests.get(request);
      if (!record) return;
      const stats = statsOf(record);
      const durationMs = Math.round((performance.now() - record.startedAt) * 100) / 100;
      const summary = {
        operation: record.operation,
        strategy: record.context?.strategy,
        sqlCount: stats?.sqlCount ?? 0,
        dbTimeMs: stats?.dbTimeMs ?? 0,
        durationMs,
        status: response.status,
      };
      for (const finding of stats?.nPlusOne ?? []) {
        logger.warn({ operation: record.operation, ...finding }, 'N+1 query');
        record.span?.addEvent('n_plus_one', {
          'graphql.field.path': finding.path,
          'db.query.text': finding.sql,
          'app.query_count': finding.count,
          'app.hint': finding.hint,
        });
      }
      for (const finding of stats?.duplicates ?? []) {
        logger.warn({ operation: record.operation, ...finding }, 'duplicate query');
      }
      if (record.span) {
        const { traceId, spanId, traceFlags } = record.span.spanContext();
        const route = new URL(request.url).pathname;
        record.span.updateName(`${request.method} ${route}`);
        record.span.setAttributes({
          'http.route': route,
          ...(summary.strategy && { 'app.strategy': summary.strategy }),
          ...(summary.operation && { 'graphql.operation.name': summary.operation }),
          'app.sql_count': summary.sqlCount,
          'app.db_time_ms': summary.dbTimeMs,
          'app.n_plus_one_count': stats?.nPlusOne.length ?? 0,
        });
        response.headers.set('traceresponse', `00-${traceId}-${spanId}-0${traceFlags.toString(16)}`);
      }
      if (queryStats && stats) response.headers.set('server-timing', serverTiming(stats.sqlCount, stats.dbTimeMs, durationMs));
      logger.info(summary, 'request');
    },
  };
}

/** `db;dur=3.2;desc="51 queries", app;dur=9.1, total;dur=12.3`: how much of the request was database. */
export function serverTiming(sqlCount: number, dbTimeMs: number, totalMs: number): string {
  const ms = (value: number) => Math.max(0, Math.round(value * 100) / 100);
  const queries = `${sqlCount} ${sqlCount === 1 ? 'query' : 'queries'}`;
  return `db;dur=${ms(dbTimeMs)};desc="${queries}", app;dur=${ms(totalMs - dbTimeMs)}, total;dur=${ms(totalMs)}`;
}

function originalErrorOf(error: unknown): unknown {
  return error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;
}
