import { attributeSqlToFields } from '../stats/field-scope';
import { withResolverSpans } from '../telemetry/resolver-spans';
import { builder } from './builder';
import './user';
import './order';
import './order-item';
import './product';

// Pothos sorts types and fields, so schema.graphql diffs stay stable however the modules are arranged.
// Resolver spans wrap the field scope, so a resolver's SQL is attributed and traced to the same field.
export const schema = withResolverSpans(attributeSqlToFields(builder.toSchema()));
