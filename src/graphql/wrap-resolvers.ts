// Types only from graphql: telemetry's modules import this one, and graphql must load after the preload patched it.
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/**
 * Replaces the resolver of every field that has one of its own with `wrap(resolver)`, on object (and interface)
 * types; fields read straight off their parent (Pothos's exposed fields too) have none and are left alone.
 */
export function wrapResolvers(
  schema: GraphQLSchema,
  wrap: (resolve: GraphQLFieldResolver<unknown, unknown>) => GraphQLFieldResolver<unknown, unknown>,
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getInterfaces' in type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.resolve) field.resolve = wrap(field.resolve);
    }
  }
  return schema;
}

/**
 * Runs a resolver and calls `done` once its own result has settled (`failed`, with the error, if it threw or rejected). The engine
 * gets the resolver's own value or promise, and `done` rides a side chain: chaining `.then` into the result would
 * settle it a tick later and reorder what runs next (the next level's calls, DataLoader's batches).
 */
export function whenResolved(resolve: () => unknown, done: (failed: boolean, error?: unknown) => void): unknown {
  let result: unknown;
  try {
    result = resolve();
  } catch (error) {
    done(true, error);
    throw error;
  }
  if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
    (result as PromiseLike<unknown>).then(
      () => done(false),
      (error: unknown) => done(true, error),
    );
  } else {
    done(false);
  }
  return result;
}
