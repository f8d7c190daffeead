import { attributeSqlToFields } from '../stats/field-scope';
import { builder } from './builder';
import './user';
import './order';
import './order-item';
import './product';

// Pothos sorts types and fields, so schema.graphql diffs stay stable however the modules are arranged.
export const schema = attributeSqlToFields(builder.toSchema());
