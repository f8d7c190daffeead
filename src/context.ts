import type { CacheMode } from './cache/cache-mode';
import type { ProductCache } from './cache/product-cache';
import type { ExplainMode } from './db/explain';
import type { EntityManager, Orm } from './db/orm';
import { QUERY_LISTENER } from './db/query-listener';
import type { AwaitMode } from './loading/await-mode';
import type { Logger } from './logger';
import { scheduleInOpenersField } from './stats/field-scope';
import { RequestRecorder } from './stats/request-recorder';
import { createStrategy, type Strategy, type StrategyName, type StrategyOptions } from './strategies';
import type { WriteMode } from './writing/write-mode';

/** Everything one request owns. Built fresh per request: nothing here is shared between requests. */
export interface RequestContext {
  /** The strategy the `x-strategy` header picked, and its name. */
  strategy: Strategy;
  strategyName: StrategyName;
  /** How resolvers with independent parts await them, as the `x-await` header picked. */
  awaitMode: AwaitMode;
  /** Whether to explain the request's statements once it ran (`x-explain`). */
  explain: ExplainMode;
  /** How a mutation inserts the rows it creates (`x-write`). */
  writeMode: WriteMode;
  /** Whether reads go through the cache (`x-cache`). */
  cacheMode: CacheMode;
  /** The products cache across requests; writes invalidate it whatever `x-cache` says. */
  cache: ProductCache;
  /** A fork of the ORM's EntityManager, so the identity map and the query log are this request's own. */
  em: EntityManager;
  /** Everything the request runs below GraphQL: statements, ORM calls, batches, resolver calls. */
  recorder: RequestRecorder;
  logger: Logger;
}

export interface ContextDeps extends Pick<StrategyOptions, 'batchMaxSize' | 'joined'> {
  orm: Orm;
  cache: ProductCache;
  logger: Logger;
}

/** What the request's headers picked (read once, by the caller): `x-strategy`, `x-await`, `x-explain`, `x-write` and `x-cache`. */
export interface RequestChoices {
  strategy: StrategyName;
  awaitMode: AwaitMode;
  explain: ExplainMode;
  writeMode: WriteMode;
  cacheMode: CacheMode;
}

/** The request's own EntityManager, recorder and strategy, under the choices its headers made. */
export function createRequestContext(
  deps: ContextDeps,
  request: Request,
  { strategy: strategyName, awaitMode, explain, writeMode, cacheMode }: RequestChoices,
): RequestContext {
  // Statements are explained after execution, with their first run's values: only then are those kept.
  const recorder = new RequestRecorder(explain !== 'off');
  // The request's AbortSignal fires when its connection closes before the response is sent (the client left,
  // or shutdown cut it): from then on every statement of this request fails at once instead of running.
  const em = deps.orm.em.fork({ loggerContext: { [QUERY_LISTENER]: recorder }, signal: request.signal });
  const { batchMaxSize, joined, cache } = deps;
  const cached = cacheMode === 'on' ? { cache: { store: cache, observer: recorder } } : {};
  return {
    // DataLoader batches are sent in the scope of the field that opened them, so their SQL is attributed there.
    strategy: createStrategy(strategyName, em, { batchMaxSize, joined, batches: recorder, batchScheduleFn: scheduleInOpenersField, ...cached }),
    strategyName,
    awaitMode,
    explain,
    writeMode,
    cacheMode,
    cache,
    em,
    recorder,
    logger: deps.logger.child({ strategy: strategyName, await: awaitMode }),
  };
}
