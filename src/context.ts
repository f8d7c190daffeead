import type { EntityManager, Orm } from './db/orm';
import { QUERY_LISTENER } from './db/orm-logger';
import type { Logger } from './logger';
import { QueryRecorder } from './stats/query-recorder';
import {
  FIXES,
  STRATEGY_HEADER,
  type Strategy,
  type StrategyName,
  type StrategyOptions,
  createStrategy,
  strategyFromHeader,
} from './strategies';

/** Everything one request owns. Built fresh per request: nothing here is shared between requests. */
export interface RequestContext {
  /** The strategy the `x-strategy` header picked, and its name. */
  strategy: Strategy;
  strategyName: StrategyName;
  /** A fork of the ORM's EntityManager, so the identity map and the query log are this request's own. */
  em: EntityManager;
  queryRecorder: QueryRecorder;
  logger: Logger;
}

export interface ContextDeps extends StrategyOptions {
  orm: Orm;
  logger: Logger;
  nPlusOneThreshold: number;
}

export function createRequestContext(deps: ContextDeps, request: Request): RequestContext {
  const strategyName = strategyFromHeader(request.headers.get(STRATEGY_HEADER));
  const queryRecorder = new QueryRecorder({ threshold: deps.nPlusOneThreshold, fixes: FIXES });
  // The request's AbortSignal fires when its connection closes before the response is sent (the client left,
  // or shutdown cut it): from then on every statement of this request fails at once instead of running.
  const em = deps.orm.em.fork({ loggerContext: { [QUERY_LISTENER]: queryRecorder }, signal: request.signal });
  return {
    strategy: createStrategy(strategyName, em, { batchMaxSize: deps.batchMaxSize, onBatch: deps.onBatch, joined: deps.joined }),
    strategyName,
    em,
    queryRecorder,
    logger: deps.logger.child({ strategy: strategyName }),
  };
}
