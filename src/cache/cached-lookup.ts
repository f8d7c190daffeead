import { trace } from '@opentelemetry/api';
import type { ProductCache, ProductRow } from './product-cache';

/** Told of each cache lookup a request made: the request's recorder, for queryStats and the timeline. */
export interface CacheObserver {
  cacheLookup(lookup: CacheLookup): void;
}

export interface CacheLookup {
  store: ProductCache['kind'];
  hits: number;
  misses: number;
  interval: [start: number, end: number];
}

/**
 * Products by id through the cache: the ids it holds are served from it, the rest loaded by `load` (one
 * statement) and written to it for the next request. The lookup is an event on the active span (the DataLoader
 * batch's), and told to `observer`.
 */
export async function productsThroughCache(
  cache: ProductCache,
  ids: readonly number[],
  load: (ids: number[]) => Promise<ProductRow[]>,
  observer?: CacheObserver,
): Promise<Map<number, ProductRow>> {
  const startedAt = performance.now();
  const cached = await cache.getMany(ids);
  const rows = new Map<number, ProductRow>();
  const missing: number[] = [];
  ids.forEach((id, index) => {
    const row = cached[index];
    if (row) rows.set(id, row);
    else missing.push(id);
  });
  const lookup: CacheLookup = { store: cache.kind, hits: rows.size, misses: missing.length, interval: [startedAt, performance.now()] };
  trace
    .getActiveSpan()
    ?.addEvent('cache_lookup', { 'app.cache.store': lookup.store, 'app.cache.hits': lookup.hits, 'app.cache.misses': lookup.misses });
  observer?.cacheLookup(lookup);
  if (missing.length) {
    const loaded = await load(missing);
    for (const row of loaded) rows.set(row.id, row);
    await cache.setMany(loaded);
  }
  return rows;
}
