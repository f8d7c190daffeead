import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { cacheKey, type ProductCache, type ProductRow } from './product-cache';

export interface RedisCacheOptions {
  url: string;
  /** Before every key: instances that share a database share it; anything else keeps its own keys. */
  keyPrefix: string;
  ttlSeconds: number;
  /** How long a command may take before the request gives up on the cache and asks the database. */
  timeoutMs: number;
}

/**
 * Products in Redis, shared by every instance of the app. When Redis is down or slow, commands fail at once
 * or after `timeoutMs`: the lookup is a miss, and one warning is logged per outage (the next
 * success logs its end), not one per request.
 */
export function createRedisCache({ url, keyPrefix, ttlSeconds, timeoutMs }: RedisCacheOptions, logger: Logger): ProductCache {
  const redis = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    // Commands wait for a connection being (re)made, but never longer than commandTimeout.
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    maxRetriesPerRequest: 0,
    // A connection that does not close when asked (a hung server) is destroyed this soon after.
    disconnectTimeout: 200,
    // Keep trying to reconnect in the background, at most once a second.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  // ioredis reports connection errors as events too; the outage warning below already says it once.
  redis.on('error', () => {});
  void redis.connect().catch(() => {});
  let failing = false;
  const failed = (error: unknown) => {
    if (!failing) logger.warn({ err: error, cache: 'redis' }, 'cache unavailable: the database answers until it is back');
    failing = true;
  };
  const succeeded = () => {
    if (failing) logger.info({ cache: 'redis' }, 'cache available again');
    failing = false;
  };
  return {
    kind: 'redis',
    getMany: async (ids) => {
      try {
        const values = await redis.mget(ids.map(cacheKey));
        succeeded();
        return values.map((value) => (value === null ? undefined : (JSON.parse(value) as ProductRow)));
      } catch (error) {
        failed(error);
        return ids.map(() => undefined);
      }
    },
    setMany: async (rows) => {
      if (rows.length === 0) return;
      const pipeline = redis.pipeline();
      for (const row of rows) pipeline.set(cacheKey(row.id), JSON.stringify(row), 'EX', ttlSeconds);
      try {
        // A pipeline resolves with each command's error rather than rejecting.
        const failure = (await pipeline.exec())?.find(([error]) => error)?.[0];
        if (failure) failed(failure);
        else succeeded();
      } catch (error) {
        failed(error);
      }
    },
    delete: async (id) => {
      try {
        await redis.del(cacheKey(id));
        succeeded();
      } catch (error) {
        failed(error);
      }
    },
    close: async () => {
      // QUIT lets Redis close the connection; without one (or when it does not answer) drop it.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
