import { execute, type GraphQLResolveInfo, parse } from 'graphql';
import type { SchemaFacts } from '../../src/loading/schema-facts';
import { populatePaths } from '../../src/loading/selection';
import { buildSchema } from '../../src/schema';
import { withSchemaFacts } from '../support/schema-facts';

const schema = buildSchema();
let facts: SchemaFacts;
let close: () => Promise<void>;
beforeAll(async () => ({ facts, close } = await withSchemaFacts()));
afterAll(() => close());

/** Runs `query` against the real schema with a strategy that only records the populate paths of `users`. */
async function pathsFor(query: string, variableValues?: Record<string, unknown>, limits = { maxRelations: 8, maxToMany: 3 }) {
  let paths: string[] = [];
  const strategy = {
    users: async (_page: unknown, info: GraphQLResolveInfo) => {
      paths = populatePaths(info, facts, limits);
      return [];
    },
  };
  const result = await execute({ schema, document: parse(query), contextValue: { strategy }, variableValues });
  if (result.errors) throw result.errors[0];
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

  test('bounded: the path past maxRelations throws, naming the setting', async () => {
    const query = '{ users { orderCount orders { user { id } items { order { id } product { name } } } } }'; // 6 paths
    expect(await pathsFor(query, {}, { maxRelations: 6, maxToMany: 3 })).toHaveLength(6);
    await expect(pathsFor(query, {}, { maxRelations: 5, maxToMany: 3 })).rejects.toMatchObject({
      message:
        'x-strategy joined loads at most 5 relations in one statement (JOINED_MAX_RELATIONS); users selects more. Select fewer relations, or send x-strategy: batched',
      extensions: { code: 'JOINED_PLAN_TOO_LARGE', limit: 'JOINED_MAX_RELATIONS', allowed: 5 },
    });
  });

  test('bounded: the list relation past maxToMany throws, listing them', async () => {
    const query = '{ users { orders { items { order { items { id } } } } } }'; // lists: orders, orders.items, orders.items.order.items
    expect(await pathsFor(query, {}, { maxRelations: 8, maxToMany: 3 })).toHaveLength(4);
    await expect(pathsFor(query, {}, { maxRelations: 8, maxToMany: 2 })).rejects.toMatchObject({
      message: expect.stringContaining('users selects 3: orders, orders.items, orders.items.order.items.'),
      extensions: { code: 'JOINED_PLAN_TOO_LARGE', limit: 'JOINED_MAX_TO_MANY', allowed: 2, found: 3 },
    });
  });
});
