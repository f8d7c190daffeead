import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { Kind } from 'graphql';
import type { RequestContext } from '../context';

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
}>({
  plugins: [ComplexityPlugin],
  defaultFieldNullability: false,
  // Each field's cost, for MAX_COST: 1 per field, a list's selection × 10 unless the field says otherwise
  // (root lists: × their `first`). src/plugins/query-limits.ts checks it while validating, before any resolver.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 10 },
});

builder.queryType({});
builder.mutationType({});

const parseDateTime = (value: unknown): Date => {
  const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime must be an ISO-8601 string; got ${JSON.stringify(value)}`);
  return date;
};

builder.scalarType('DateTime', {
  description: 'An instant in UTC, as an ISO-8601 string such as 2026-01-01T05:00:00.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: parseDateTime,
  // A literal in the document (`placedAfter: "2026-…"`). One parameter: graphql-jit warns on every compile about
  // graphql-js's default, which also takes the variables.
  parseLiteral: (node) => parseDateTime(node.kind === Kind.STRING ? node.value : undefined),
});
