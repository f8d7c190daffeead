import type { Product } from '../db/entities';
import type { Row } from '../db/entities/row';

/** A product as the cache holds it: every column. */
export type ProductRow = Row<Product>;

/**
 * Products by id, kept across requests (`x-cache: on`). Lookups never fail: a cache that is down, slow or full
 * of something unreadable answers "miss", and the database answers instead.
 */
export interface ProductCache {
  /** `redis` or `memory`: what queryStats, logs and spans call it. */
  readonly kind: 'redis' | 'memory';
  /** The cached row for each id, in order; undefined where there is none (or the cache failed). */
  getMany(ids: readonly number[]): Promise<Array<ProductRow | undefined>>;
  setMany(rows: readonly ProductRow[]): Promise<void>;
  /**
   * Forgets a product a write changed. A failure is logged, not thrown: the write has committed, and a Redis that
   * cannot be reached serves nothing stale meanwhile; what it held expires with its TTL.
   */
  delete(id: number): Promise<void>;
  close(): Promise<void>;
}

export const cacheKey = (id: number) => `product:${id}`;
