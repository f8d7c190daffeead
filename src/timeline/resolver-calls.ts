import type { GraphQLSchema } from 'graphql';
import type { RequestContext } from '../context';
import { wrapResolvers } from '../graphql/wrap-resolvers';

/**
 * Every resolver call of a request goes through its recorder, which keeps the first `perPath` of each field
 * path (list positions folded) for the lab's timeline and counts the rest, as resolver spans do.
 */
export function recordResolverCalls(schema: GraphQLSchema, perPath: number): GraphQLSchema {
  return wrapResolvers(
    schema,
    (resolve) => (source, args, context, info) =>
      (context as RequestContext).recorder.callResolver(info, perPath, () => resolve(source, args, context, info)),
  );
}
