import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { wrapResolvers } from '../graphql/wrap-resolvers';

/** The GraphQL field whose resolver is running: `users.orders` (list indices folded) and `User.orders`. */
export interface FieldScope {
  path: string;
  coordinate: string;
}

// The resolver's `info`; its path is folded only when a statement asks, not on every resolver call.
const fieldScope = new AsyncLocalStorage<GraphQLResolveInfo>();
/** The field whose resolver is running synchronously right now (no async context: a variable, set and reset). */
let resolving: GraphQLResolveInfo | undefined;

/** The field on whose behalf the current code runs, if any: where a statement is logged, its async scope. */
export function currentField(): FieldScope | undefined {
  const info = fieldScope.getStore() ?? resolving;
  return info && { path: foldedPath(info), coordinate: `${info.parentType.name}.${info.fieldName}` };
}

/**
 * Names, for every resolver the schema defines, the field whose SQL it may cause, so SQL can be attributed to
 * it. A resolver call only marks itself for its synchronous part, which costs a variable; the async scope that
 * follows the work to its statements is opened where SQL starts, in `ormCall` (naive's per-parent finds, every
 * root query) and in the batched strategy's DataLoader scheduling (`scheduleInOpenersField`): a few scopes per
 * request instead of one per resolver call, each of which would copy the async context (see
 * docs/benchmarks/NOTES.md).
 * Fields without a resolver of their own (Pothos's exposed fields too) cannot run SQL and are left alone.
 */
export function attributeSqlToFields(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (resolve) => (source, args, context, info) => {
    const outer = resolving;
    resolving = info;
    try {
      return resolve(source, args, context, info);
    } finally {
      resolving = outer;
    }
  });
}

/**
 * Runs `work` (which starts SQL) in the scope of the field that asked for it: the resolver running right now,
 * else the scope already around it. No new scope when that one is already in place.
 */
export function inAskingField<T>(work: () => T): T {
  const scoped = fieldScope.getStore();
  const field = resolving ?? scoped;
  return field && field !== scoped ? fieldScope.run(field, work) : work();
}

/**
 * A DataLoader `batchScheduleFn` that sends each batch in the scope of the load that opened it (DataLoader calls
 * it from that load), so a batch's SQL belongs to the level that asked for it. The timing is DataLoader's own
 * default: after the promise jobs of the current tick, then a `process.nextTick`, so a whole level's loads
 * (made one after another by the engine without awaiting) still land in one batch.
 */
export function scheduleInOpenersField(dispatch: () => void): void {
  inAskingField(() => void Promise.resolve().then(() => process.nextTick(dispatch)));
}

/** `users.3.orders.0.items` → `users.orders.items`: one path per field, whatever the list positions. */
export function foldedPath(info: Pick<GraphQLResolveInfo, 'path'>): string {
  const keys: string[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') keys.unshift(path.key);
  }
  return keys.join('.');
}
