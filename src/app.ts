import { useEngine } from '@envelop/core';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { execute, getOperationAST, parse, specifiedRules, subscribe, validate } from 'graphql';
import { type Plugin, type YogaServerInstance, createYoga, maskError } from 'graphql-yoga';
import type { Config } from './config';
import { type RequestContext, createRequestContext } from './context';
import type { Orm } from './db/orm';
import { GRAPHIQL_DEFAULT_QUERY } from './examples';
import type { Logger } from './logger';
import { schema } from './schema';
import { STRATEGY_HEADER } from './strategies';

export interface AppDeps {
  orm: Orm;
  logger: Logger;
  config: Pick<Config, 'queryStats' | 'batchMaxSize' | 'graphiql'>;
}

export type App = YogaServerInstance<Record<string, never>, RequestContext>;

/** Builds the GraphQL server. No side effects: it neither listens nor touches the database until a request. */
export function createApp({ orm, logger, config }: AppDeps): App {
  const requests = new WeakMap<Request, RequestRecord>();
  return createYoga<Record<string, never>, RequestContext>({
    schema,
    context: ({ request }) => {
      const context = createRequestContext({ orm, logger, batchMaxSize: config.batchMaxSize }, request);
      const record = requests.get(request);
      if (record) record.context = context;
      return context;
    },
    plugins: [
      // graphql-js's own executor (Yoga's default is @graphql-tools/executor), so resolvers run exactly as
      // graphql-js schedules them and OpenTelemetry's graphql instrumentation can see execution.
      useEngine({ parse, validate, execute, subscribe, specifiedRules }),
      useQueryStats(config.queryStats),
      useRequestLog(logger, requests),
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
    landingPage: false,
  });
}

interface RequestRecord {
  startedAt: number;
  context?: RequestContext;
  operation?: string;
}

/** Adds `extensions.queryStats` (the SQL this request ran) to every result, unless turned off. */
function useQueryStats(enabled: boolean): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      if (!enabled) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const { queryRecorder, strategy } = args.contextValue;
          // `extensions` first, so the SQL count is the first thing on screen in GraphiQL, not below the data.
          const { extensions, ...rest } = result;
          setResult({ extensions: { ...extensions, queryStats: queryRecorder.stats(strategy) }, ...rest });
        },
      };
    },
  };
}

/** One log line per request: operation, strategy, SQL count and time, duration, HTTP status. */
function useRequestLog(logger: Logger, requests: WeakMap<Request, RequestRecord>): Plugin<RequestContext> {
  return {
    onRequest({ request }) {
      requests.set(request, { startedAt: performance.now() });
    },
    onExecute({ args }) {
      const record = requests.get(args.contextValue.request);
      if (record) record.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)';
    },
    onResponse({ request, response }) {
      const record = requests.get(request);
      if (!record) return;
      const stats = record.context?.queryRecorder.stats(record.context.strategy);
      logger.info(
        {
          operation: record.operation,
          strategy: record.context?.strategy,
          sqlCount: stats?.sqlCount ?? 0,
          dbTimeMs: stats?.dbTimeMs ?? 0,
          durationMs: Math.round((performance.now() - record.startedAt) * 100) / 100,
          status: response.status,
        },
        'request',
      );
    },
  };
}

function originalErrorOf(error: unknown): unknown {
  return error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;
}
