import { useEngine } from '@envelop/core';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { execute, parse, specifiedRules, subscribe, validate } from 'graphql';
import { type YogaServerInstance, createYoga, maskError } from 'graphql-yoga';
import type { Config } from './config';
import { type RequestContext, createRequestContext } from './context';
import type { Orm } from './db/orm';
import { GRAPHIQL_DEFAULT_QUERY } from './lab/examples';
import type { Logger } from './logger';
import { useDatabaseErrors } from './plugins/database-errors';
import { type RequestRecords, useRequestRecord } from './plugins/request-record';
import { useRequestLog } from './plugins/request-log';
import { useResultExtensions } from './plugins/result-extensions';
import { useServerTiming } from './plugins/server-timing';
import { useTraceSummary } from './plugins/trace-summary';
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
  const records: RequestRecords = new WeakMap();
  return createYoga<Record<string, never>, RequestContext>({
    schema,
    context: ({ request }) =>
      createRequestContext(
        { orm, logger, batchMaxSize: config.batchMaxSize, nPlusOneThreshold: config.nPlusOneThreshold },
        request,
      ),
    plugins: [
      // graphql-js's own executor (Yoga's default is @graphql-tools/executor), so resolvers run exactly as
      // graphql-js schedules them and OpenTelemetry's graphql instrumentation can see execution.
      useEngine({ parse, validate, execute, subscribe, specifiedRules }),
      useDatabaseErrors(),
      useRequestRecord(records),
      useResultExtensions(records, config.queryStats),
      useTraceSummary(records),
      ...(config.queryStats ? [useServerTiming(records)] : []),
      useRequestLog(records, logger),
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

function originalErrorOf(error: unknown): unknown {
  return error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error;
}
