import type { Context } from '@opentelemetry/api';
// Types only from graphql: telemetry's modules import this one, and graphql must load after the preload patched it.
import type { GraphQLResolveInfo } from 'graphql';

/** Response paths as resolver spans need them: counted with list positions folded, and named with them. */
type ResponsePath = GraphQLResolveInfo['path'];

/** Resolver calls so far at one folded field path of a request (`users.*.orders`), and the paths under it. */
export interface PathCount {
  calls: number;
  below: Map<string, PathCount>;
}

/** The count of a path with its list positions folded, found by field name from the top; no string is built. */
export function countAt(counts: PathCount, path: ResponsePath): PathCount {
  const above = path.prev ? countAt(counts, path.prev) : counts;
  if (typeof path.key === 'number') return above;
  let count = above.below.get(path.key);
  if (!count) above.below.set(path.key, (count = { calls: 0, below: new Map() }));
  return count;
}

/** The span context of the nearest enclosing field that has a span (fields read off their parent have none). */
export function parentContext(traced: ReadonlyMap<string, Context>, path: ResponsePath): Context | undefined {
  for (let prev = path.prev; prev; prev = prev.prev) {
    const parent = typeof prev.key === 'string' ? traced.get(pathText(prev)) : undefined;
    if (parent) return parent;
  }
  return undefined;
}

/** `users.3.orders`: the path as graphql reports it, list positions included, as span names have always been. */
export function pathText(path: ResponsePath): string {
  let text = String(path.key);
  for (let prev = path.prev; prev; prev = prev.prev) text = `${prev.key}.${text}`;
  return text;
}
