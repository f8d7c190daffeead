import { execute, type GraphQLFieldResolver, type GraphQLObjectType, parse } from 'graphql';
import { createMemoryCache } from '../../src/cache/memory-cache';
import { loadConfig } from '../../src/config';
import { createRequestContext } from '../../src/context';
import { createLogger } from '../../src/logger';
import { buildSchema } from '../../src/schema';
import { attributeSqlToFields } from '../../src/stats/field-scope';
import { queryStats } from '../../src/stats/query-stats';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** Now, one turn of the event loop later, two turns later: each past the DataLoader batch of the turn before. */
const laterTurns = () => {
  const next = (after: Promise<unknown>) => after.then(() => new Promise((resolve) => setImmediate(resolve)));
  const turns: Promise<unknown>[] = [Promise.resolve()];
  turns.push(next(turns[0]!), next(next(turns[0]!)));
  return turns;
};

describe(`batching split [${TEST_DB}]`, () => {
  test('a User.orders resolver that awaits before load(): ordersByUserId sends 3 batches (2, 2, 1 keys), and says why', async () => {
    const schema = attributeSqlToFields(buildSchema());
    // The deliberate bug: the i-th user's resolver awaits i % 3 turns of the event loop before it asks the loader.
    const orders = (schema.getType('User') as GraphQLObjectType).getFields().orders!;
    const load = orders.resolve as GraphQLFieldResolver<unknown, unknown>;
    // Counted from the first call: the five calls are made one after another in one turn.
    let turns: Promise<unknown>[] | undefined;
    orders.resolve = async (user, args, context, info) => {
      turns ??= laterTurns();
      await turns[Number(info.path.prev!.key) % 3];
      return load(user, args, context, info);
    };
    const config = loadConfig({});
    const request = new Request('http://graphql-n1-lab/graphql');
    const context = createRequestContext(
      { ...config, orm: lab.orm, logger: createLogger({ level: 'silent', pretty: false }), cache: createMemoryCache(config.cache) },
      request,
      {
        strategy: 'batched',
        awaitMode: 'sequential',
        explain: 'off',
        writeMode: 'per-item',
        cacheMode: 'off',
      },
    );
    const result = await execute({ schema, document: parse('{ users(first: 5) { id orders { id } } }'), contextValue: context });
    expect(result.errors).toBeUndefined();

    const fixes = { nPlusOne: () => '', duplicate: () => '' };
    const stats = queryStats(context.recorder, { strategy: 'batched', await: 'sequential' }, 0, {
      threshold: 5,
      fixes,
      batchMaxSize: config.batchMaxSize,
    });
    expect(context.recorder.batches.map(({ loader, path, keys }) => [loader, path, keys])).toEqual([
      ['ordersByUserId', 'users.orders', 2],
      ['ordersByUserId', 'users.orders', 2],
      ['ordersByUserId', 'users.orders', 1],
    ]);
    expect(stats.sqlCount).toBe(4);
    expect(stats.batchingSplit).toEqual([
      {
        path: 'users.orders',
        sql: '',
        count: 3,
        hint:
          'ordersByUserId sent 3 batches for users.orders (2, 2, 1 keys): something awaits before load(), so the ' +
          "level's loads land in different ticks; call load() synchronously in the resolver to make it one batch",
      },
    ]);
  });

  test('the same query with load() called synchronously: one batch, no finding', async () => {
    const timeline = await lab.gql('{ users(first: 5) { id orders { id } } }', { strategy: 'batched' });
    expect(timeline.body.extensions!.queryStats!.batchingSplit).toEqual([]);
    expect(timeline.body.extensions!.queryStats!.sqlCount).toBe(2);
  });
});
