import SchemaBuilder from '@pothos/core';
import type { RequestContext } from '../context';

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
  };
}>({
  defaultFieldNullability: false,
});

builder.queryType({});

builder.scalarType('DateTime', {
  description: 'An instant in UTC, as an ISO-8601 string such as 2026-01-01T05:00:00.000Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime must be an ISO-8601 string; got ${JSON.stringify(value)}`);
    return date;
  },
});
