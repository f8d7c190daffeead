import { AsyncLocalStorage } from 'node:async_hooks';
import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { wrapResolvers } from '../schema/wrap-resolvers';

/** The GraphQL field whose resolver is running: `users.orders` (list indices folded) and `User.orders`. */
export interface FieldScope {
  path: string;
  coordinate: string;
}

// The resolver's `info`; its path is folded only when a statement asks, not on every resolver call.
const fieldScope = new AsyncLocalStorage<GraphQLResolveInfo>();

/** The field on whose behalf the current code runs, if any. */
export function currentField(): FieldScope | undefined {
  const info = fieldScope.getStore();
  return info && { path: foldedPath(info), coordinate: `${info.parentType.name}.${info.fieldName}` };
}

/**
 * Runs every resolver the schema defines inside a scope naming its field, so SQL can be attributed to the
 * field that caused it. The scope follows the resolver's async work: MikroORM logs a statement in the
 * caller's async context, and DataLoader runs a batch in the context of the first `load` of that batch, so
 * a batch belongs to the level that asked for it. Fields without a resolver of their own (Pothos's exposed
 * fields too) cannot run SQL and are left alone.
 */
export function attributeSqlToFields(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (resolve) => (source, args, context, info) => fieldScope.run(info, () => resolve(source, args, context, info)));
}

/** `users.3.orders.0.items` → `users.orders.items`: one path per field, whatever the list positions. */
export function foldedPath(info: Pick<GraphQLResolveInfo, 'path'>): string {
  const keys: string[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') keys.unshift(path.key);
  }
  return keys.join('.');
}
