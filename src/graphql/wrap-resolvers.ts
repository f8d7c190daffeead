// Types only from graphql: telemetry's modules import this one, and graphql must load after the preload patched it.
import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/**
 * Replaces the resolver of every field that has one of its own with `wrap(resolver)`, on object (and interface)
 * types; fields read straight off their parent (Pothos's exposed fields too) have none and are left alone.
 */
export function wrapResolvers(schema: GraphQLSchema, wrap: (resolve: GraphQLFieldResolver<unknown, unknown>) => GraphQLFieldResolver<unknown, unknown>): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getInterfaces' in type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.resolve) field.resolve = wrap(field.resolve);
    }
  }
  return schema;
}
