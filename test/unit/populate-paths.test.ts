import { type GraphQLResolveInfo, execute, parse } from 'graphql';
import { schema } from '../../src/schema';
import { RELATION_FIELDS, populatePaths } from '../../src/strategies/selection';

/** Runs `query` against the real schema with a strategy that only records the populate paths of `users`. */
async function pathsFor(query: string, variableValues?: Record<string, unknown>): Promise<string[]> {
  let paths: string[] = [];
  const strategy = {
    users: async (_page: unknown, info: GraphQLResolveInfo) => {
      paths = populatePaths(info, RELATION_FIELDS);
      return [];
    },
  };
  const result = await execute({ schema, document: parse(query), contextValue: { strategy }, variableValues });
  expect(result.errors).toBeUndefined();
  return paths;
}

describe('populatePaths', () => {
  test('scalars only: nothing to populate', async () => {
    expect(await pathsFor('{ users { id username email } }')).toEqual([]);
  });

  test('every relation level, and the orderCount formula', async () => {
    expect(await pathsFor('{ users { orderCount orders { user { id } items { order { id } product { name } } } } }')).toEqual([
      'orderCount',
      'orders',
      'orders.items',
      'orders.items.order',
      'orders.items.product',
      'orders.user',
    ]);
  });

  test('aliases merge into the field they alias', async () => {
    expect(await pathsFor('{ users { a: orders { id } b: orders { items { id } } } }')).toEqual(['orders', 'orders.items']);
  });

  test('fragments, inline fragments and @include/@skip', async () => {
    const query = `query ($deep: Boolean!) {
      users { ...F ... on User { orderCount } ... @skip(if: true) { orders { user { id } } } }
    }
    fragment F on User { orders { items @include(if: $deep) { product { id } } } }`;
    expect(await pathsFor(query, { deep: true })).toEqual(['orderCount', 'orders', 'orders.items', 'orders.items.product']);
    expect(await pathsFor(query, { deep: false })).toEqual(['orderCount', 'orders']);
  });
});
