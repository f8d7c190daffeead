import type { EntityManager, Orm } from './db/orm';
import { QUERY_RECORDER } from './db/orm-logger';
import type { Logger } from './logger';
import { QueryRecorder } from './stats/query-recorder';
import { type Loader, type StrategyName, STRATEGY_HEADER, createLoader, fixForField, strategyFromHeader } from './strategies';

/** Everything one request owns. Built fresh per request: nothing here is shared between requests. */
export interface RequestContext {
  strategy: StrategyName;
  /** A fork of the ORM's EntityManager, so the identity map and the query log are this request's own. */
  em: EntityManager;
  loader: Loader;
  queryRecorder: QueryRecorder;
  logger: Logger;
}

export interface ContextDeps {
  orm: Orm;
  logger: Logger;
  batchMaxSize: number;
  nPlusOneThreshold: number;
}

export function createRequestContext(deps: ContextDeps, request: Request): RequestContext {
  const strategy = strategyFromHeader(request.headers.get(STRATEGY_HEADER));
  const queryRecorder = new QueryRecorder({ threshold: deps.nPlusOneThreshold, fixFor: fixForField });
  const em = deps.orm.em.fork({ loggerContext: { [QUERY_RECORDER]: queryRecorder } });
  return {
    strategy,
    em,
    loader: createLoader(strategy, em, { batchMaxSize: deps.batchMaxSize }),
    queryRecorder,
    logger: deps.logger.child({ strategy }),
  };
}
