import { useEngine } from '@envelop/core';
import { execute, parse, subscribe, validate } from 'graphql';
import { createGraphQLError, createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import { Registry } from 'prom-client';
import { createMemoryCache } from './cache/memory-cache';
import type { ProductCache } from './cache/product-cache';
import type { Config, TelemetryConfig } from './config';
import { createRequestContext, type RequestChoices, type RequestContext } from './context';
import { EXPLAIN_HEADER } from './db/explain';
import type { Orm } from './db/orm';
import { graphiqlDefaultQuery } from './examples';
import { schemaFacts } from './loading/schema-facts';
import type { Logger } from './logger';
import { registerPoolGauges } from './metrics/pool';
import { useCompiledExecution } from './plugins/compiled-execution';
import { useDatabaseErrors } from './plugins/database-errors';
import { useExplainPlans } from './plugins/explain-plans';
import { useLabEndpoints } from './plugins/lab-endpoints';
import { useLabHistory } from './plugins/lab-history';
import { useMetrics } from './plugins/metrics';
import { useNoIntrospection } from './plugins/no-introspection';
import { useOperationSpan } from './plugins/operation-span';
import { useQueryLimits } from './plugins/query-limits';
import { useRequestErrors } from './plugins/request-errors';
import { useRequestLog } from './plugins/request-log';
import { useRequestRecord } from './plugins/request-record';
import { useResultExtensions } from './plugins/result-extensions';
import { useServerTiming } from './plugins/server-timing';
import { useTraceSummary } from './plugins/trace-summary';
import { useWriteAccess } from './plugins/write-access';
import { buildSchema } from './schema';
import { attributeSqlToFields } from './stats/field-scope';
import { fixesFor, STRATEGY_HEADER } from './strategies';
import { traceResolvers } from './telemetry/resolver-spans';
import { RequestHistory } from './timeline/history';
import type { RequestRecords } from './timeline/record';
import { recordResolverCalls } from './timeline/resolver-calls';

export interface AppDeps {
  orm: Orm;
  logger: Logger;
  config: Pick<
    Config,
    | 'queryStats'
    | 'batchMaxSize'
    | 'nPlusOneThreshold'
    | 'graphiql'
    | 'development'
    | 'introspection'
    | 'limits'
    | 'joined'
    | 'maxBodyBytes'
    | 'corsOrigins'
    | 'metrics'
    | 'lab'
    | 'writes'
    | 'cache'
  >;
  /** Where the app's metrics go (main.ts also serves it on METRICS_PORT); a registry of its own when absent. */
  registry?: Registry;
  /** Products across requests (`x-cache: on`): main.ts passes Redis when REDIS_URL is set; an in-process LRU otherwise. */
  cache?: ProductCache;
  /** Resolver spans, when telemetry is on (the SDK itself is started by the preload, src/telemetry/register.ts). */
  tracing?: Pick<TelemetryConfig, 'resolverSpansPerPath'>;
}

export type App = YogaServerInstance<Record<string, never>, RequestContext>;

/** Builds the GraphQL server. No side effects: it neither listens nor touches the database until a request. */
export function createApp({ orm, logger, config, registry = new Registry(), cache = createMemoryCache(config.cache), tracing }: AppDeps): App {
  const records: RequestRecords = new WeakMap();
  const metrics = config.metrics.enabled;
  if (metrics) registerPoolGauges(registry, orm);
  const statsOptions = { threshold: config.nPlusOneThreshold, fixes: fixesFor(schemaFacts(orm.em)), batchMaxSize: config.batchMaxSize };
  // The lab's history of recent requests, and the page that draws them: off with LAB_HISTORY=0.
  const history = config.lab.history > 0 ? new RequestHistory(config.lab) : undefined;
  // Every resolver names its field for SQL attribution; the lab's history records the calls; with tracing, a
  // span wrapper goes around both, so a resolver's SQL is attributed, recorded and traced to the same field.
  const schema = attributeSqlToFields(buildSchema());
  if (history) recordResolverCalls(schema, config.lab.resolversPerPath);
  const resolverTracing = tracing && traceResolvers(schema, tracing.resolverSpansPerPath);
  // The headers were read once, when the request's record opened (a bad value fails the request, HTTP 400).
  const choicesOf = (request: Request): RequestChoices => {
    const record = records.get(request);
    if (record === undefined) throw new Error('no request record: useRequestRecord opens one before any context is built');
    const { choices } = record;
    // Plans show the statements' shapes and the data's size: a server that reports no queryStats shows neither.
    if (choices.explain !== 'off' && !config.queryStats) {
      throw createGraphQLError(
        `${EXPLAIN_HEADER} needs queryStats, which this server does not report (QUERY_STATS=off); got ${EXPLAIN_HEADER}: ${choices.explain}`,
        {
          extensions: { code: 'EXPLAIN_OFF', http: { status: 400 } },
        },
      );
    }
    return choices;
  };
  return createYoga<Record<string, never>, RequestContext>({
    schema,
    context: ({ request }) => createRequestContext({ ...config, orm, logger, cache }, request, choicesOf(request)),
    plugins: [
      // graphql-js's parse and validate, which OpenTelemetry's graphql instrumentation traces. No
      // `specifiedRules`: Yoga adds graphql-js's rules itself, and adding them again reported every error twice.
      useEngine({ parse, validate, execute, subscribe }),
      // Execution by graphql-jit, then the span around it (resolver spans: telemetry/resolver-spans.ts).
      useCompiledExecution(),
      useOperationSpan({ resolverSpans: resolverTracing !== undefined }),
      // After useEngine, whose parse it replaces with one that counts tokens.
      useQueryLimits(config.limits),
      ...(config.introspection ? [] : [useNoIntrospection()]),
      useRequestErrors(config),
      useWriteAccess(config.writes),
      useDatabaseErrors(),
      // Before the request record: /lab and a scrape of /metrics are answered here: no record, no log line.
      ...(history ? [useLabEndpoints(history)] : []),
      ...(metrics ? [useMetrics(records, { registry, endpoint: config.metrics.port === undefined, labelLimit: config.metrics.labelLimit })] : []),
      useRequestRecord(records, statsOptions),
      // After graphql-jit's execute function, which it wraps: the plans are made once execution is over.
      useExplainPlans(records, orm),
      useResultExtensions(records, { queryStats: config.queryStats, lab: history !== undefined }),
      useTraceSummary(records, resolverTracing),
      ...(config.queryStats ? [useServerTiming(records)] : []),
      ...(history ? [useLabHistory(records, history, config.lab)] : []),
      useRequestLog(records, logger),
    ],
    maskedErrors: {
      // Details (the original message, its stack, any SQL) only where NODE_ENV=development says so.
      isDev: config.development,
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
      defaultQuery: graphiqlDefaultQuery({ lab: history !== undefined }),
      headers: JSON.stringify({ [STRATEGY_HEADER]: 'naive' }, null, 2),
      defaultEditorToolsVisibility: 'headers',
    },
    // GraphiQL's assets are served by this process, so it works with no internet access. Loaded on the first
    // page, not at start: they are 11.6 MiB of strings on the heap, a quarter of what production keeps live.
    renderGraphiQL: async (options) => (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
    // Every request parses and validates, so every trace shows the whole pipeline and two traces of the same
    // query differ only where the strategies do (Yoga would otherwise skip both for a repeated document).
    parserAndValidationCache: false,
    landingPage: false,
    // Yoga's own health check answers every URL ending in this (`/lab/health`, `/graphql?x=/health`: 200, empty)
    // and cannot be turned off. The probes are answered before Yoga (src/http/probes.ts); a URL never ends in a
    // space (it travels as %20), so with this endpoint Yoga's check answers nothing.
    healthCheckEndpoint: ' (none: src/http/probes.ts answers the probes)',
    maxRequestBodySize: config.maxBodyBytes,
    // No file uploads in this schema, so no multipart bodies to parse.
    multipart: false,
    // Credentials (cookies, HTTP auth) only for the origins CORS_ORIGINS lists; without a list, any origin
    // may call the API, never with credentials (Yoga's default would grant them to every origin).
    cors: config.corsOrigins.length
      ? { origin: config.corsOrigins, credentials: true, methods: ['GET', 'POST'] }
      : { origin: '*', credentials: false, methods: ['GET', 'POST'] },
  });
}

function originalErrorOf(error: unknown): unknown {
  return error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;
}
