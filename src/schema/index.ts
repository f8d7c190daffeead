import type { GraphQLSchema } from 'graphql';
import { builder } from './builder';
import './user';
import './order';
import './order-item';
import './product';
import './dashboard';

/**
 * The schema as Pothos builds it from the type files above, a new one per call: createApp instruments its own.
 * Pothos sorts types and fields, so schema.graphql diffs stay stable however the modules are arranged.
 */
export function buildSchema(): GraphQLSchema {
  return builder.toSchema();
}
