import { LRUCache } from 'lru-cache';
import { cacheKey, type ProductCache, type ProductRow } from './product-cache';

/** The cache when no REDIS_URL is set: this process's own LRU, so one instance of the app sees its own writes. */
export function createMemoryCache({ maxEntries, ttlSeconds }: { maxEntries: number; ttlSeconds: number }): ProductCache {
  const rows = new LRUCache<string, ProductRow>({ max: maxEntries, ttl: ttlSeconds * 1000 });
  return {
    kind: 'memory',
    getMany: async (ids) => ids.map((id) => rows.get(cacheKey(id))),
    setMany: async (written) => {
      for (const row of written) rows.set(cacheKey(row.id), row);
    },
    delete: async (id) => void rows.delete(cacheKey(id)),
    close: async () => rows.clear(),
  };
}
