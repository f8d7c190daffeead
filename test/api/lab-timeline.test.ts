import { EXAMPLE_OPERATIONS } from '../../src/examples';
import type { Timeline } from '../../src/timeline/shape';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';
import { recentRequests, timelineOf } from '../support/timelines';

const lab = useTestApp();
const README_QUERY = EXAMPLE_OPERATIONS.usersOrdersItemsProducts;

/** Every event of the timeline lies within its request, start before end. */
function expectInsideRequest(timeline: Timeline): void {
  const events = [...timeline.phases, ...timeline.resolvers, ...timeline.batches, ...timeline.statements];
  for (const event of events) {
    expect(event.startMs).toBeGreaterThanOrEqual(0);
    expect(event.endMs).toBeGreaterThanOrEqual(event.startMs);
    expect(event.endMs).toBeLessThanOrEqual(timeline.totalMs);
  }
}

describe(`the lab's timeline of a request [${TEST_DB}]`, () => {
  test('the README query: 51, 4 and 1 statements; batched in three batches of 5, 15 and 22 keys', async () => {
    const naive = await timelineOf(lab, README_QUERY, 'naive');
    const batched = await timelineOf(lab, README_QUERY, 'batched');
    const joined = await timelineOf(lab, README_QUERY, 'joined');
    expect([naive, batched, joined].map((timeline) => [timeline.strategy, timeline.sqlCount, timeline.statements.length])).toEqual([
      ['naive', 51, 51],
      ['batched', 4, 4],
      ['joined', 1, 1],
    ]);
    expect(batched.batches.map(({ loader, path, keys }) => [loader, path, keys])).toEqual([
      ['ordersByUserId', 'users.orders', 5],
      ['itemsByOrderId', 'users.orders.items', 15],
      ['productById', 'users.orders.items.product', 22],
    ]);
    // Each batch's one statement belongs to it; the root list's belongs to none.
    expect(batched.statements.map((statement) => [statement.path, statement.batch])).toEqual([
      ['users', undefined],
      ['users.orders', 0],
      ['users.orders.items', 1],
      ['users.orders.items.product', 2],
    ]);
    // The first five calls of each field path are kept (TRACE_RESOLVER_SPANS_PER_PATH), the rest counted:
    // users 1, orders 5 of 5, items 5 of 15, product 5 of 30.
    expect(batched.resolvers.map((call) => call.path).filter((path) => /^users\.\d+\.orders\.\d+\.items\.\d+\.product$/.test(path))).toHaveLength(5);
    expect([batched.resolvers.length, batched.resolversDropped, batched.resolverCap]).toEqual([16, 35, 5]);
    // The batch of orders was asked by the five users' `orders` calls, all of them kept.
    expect(batched.batches[0]!.askedBy.map((id) => batched.resolvers[id]!.path)).toEqual([0, 1, 2, 3, 4].map((n) => `users.${n}.orders`));
    expect(naive.findings.nPlusOne.map((finding) => [finding.path, finding.count])).toEqual([
      ['users.orders', 5],
      ['users.orders.items', 15],
      ['users.orders.items.product', 30],
    ]);
    for (const timeline of [naive, batched, joined]) {
      expect(timeline.phases.map((phase) => phase.name)).toEqual(['parse', 'validate', 'execute', 'serialize']);
      expect(timeline.split.dbMs).toBeGreaterThan(0);
      expectInsideRequest(timeline);
    }
    // Statements are timed to the microsecond, not in whole milliseconds.
    expect(batched.statements.some((statement) => !Number.isInteger(statement.endMs - statement.startMs))).toBe(true);
  });

  test('statements overlap only where the database runs them at once: PostgreSQL yes, SQLite never', async () => {
    const naive = await timelineOf(lab, README_QUERY, 'naive');
    const sorted = [...naive.statements].sort((a, b) => a.startMs - b.startMs);
    const overlapping = sorted.filter((statement, index) => index > 0 && statement.startMs < sorted[index - 1]!.endMs);
    if (TEST_DB === 'sqlite') expect(overlapping).toEqual([]);
    else expect(overlapping.length).toBeGreaterThan(0);
  });

  test('GET /lab/requests: newest first, with what a list shows', async () => {
    const first = await timelineOf(lab, EXAMPLE_OPERATIONS.ordersWithUser, 'batched');
    const second = await timelineOf(lab, EXAMPLE_OPERATIONS.usersWithOrderCount, 'naive');
    const { body } = await recentRequests(lab);
    expect(body.slice(0, 2)).toEqual([
      {
        id: second.id,
        operation: 'UsersWithOrderCount',
        strategy: 'naive',
        await: 'sequential',
        startedAt: second.startedAt,
        status: 200,
        totalMs: second.totalMs,
        sqlCount: 6,
        nPlusOne: 1,
      },
      {
        id: first.id,
        operation: 'OrdersWithUser',
        strategy: 'batched',
        await: 'sequential',
        startedAt: first.startedAt,
        status: 200,
        totalMs: first.totalMs,
        sqlCount: 2,
        nPlusOne: 0,
      },
    ]);
  });

  test('no value from the request in a timeline: placeholders, paths and names only', async () => {
    const email = 'user0003@example.com';
    const timeline = await timelineOf(
      lab,
      'query ($id: ID!) { user(id: $id) { email orders(first: 13) { id } } }'.replace('(first: 13) ', ''),
      'naive',
      { id: '3' },
    );
    const strings: string[] = [];
    JSON.stringify(timeline, (_key, value) => (typeof value === 'string' && strings.push(value), value));
    expect(strings.filter((text) => /\b3\b/.test(text) || text.includes(email))).toEqual([]);
    expect(timeline.statements.map((statement) => statement.sql).join('\n')).toMatch(/\?/);
  });

  test('the JSON shape, key by key, as src/timeline/shape.ts documents it', async () => {
    const timeline = await timelineOf(lab, README_QUERY, 'batched');
    const keys = (value: object | undefined) => Object.keys(value ?? {}).sort();
    expect(keys(timeline)).toEqual([
      'await',
      'batches',
      'bytesFetched',
      'cacheLookups',
      'findings',
      'id',
      'operation',
      'phases',
      'resolverCap',
      'resolvers',
      'resolversDropped',
      'responseBytes',
      'roundTripsInSeries',
      'rowsFetched',
      'split',
      'sqlCount',
      'startedAt',
      'statements',
      'statementsDropped',
      'status',
      'strategy',
      'totalMs',
    ]);
    expect(keys(timeline.split)).toEqual(['dbMs', 'graphqlMs', 'ormMs', 'otherMs', 'serializationMs']);
    expect(keys(timeline.findings)).toEqual(['batchingSplit', 'duplicates', 'nPlusOne', 'plans']);
    expect(keys(timeline.phases[0])).toEqual(['endMs', 'name', 'startMs']);
    expect(keys(timeline.resolvers[0])).toEqual(['endMs', 'field', 'id', 'path', 'startMs']);
    expect(keys(timeline.batches[0])).toEqual(['askedBy', 'endMs', 'id', 'keys', 'loader', 'path', 'startMs']);
    expect(keys(timeline.statements[1])).toEqual(['batch', 'bytes', 'endMs', 'field', 'path', 'rows', 'sql', 'startMs']);
    expect(timeline.id).toMatch(/^[\w-]{8}$/);
    expect(new Date(timeline.startedAt).toISOString()).toBe(timeline.startedAt);
  });

  test('an unknown id answers 404, saying where the recent requests are', async () => {
    const response = await lab.app.fetch('http://graphql-n1-lab/lab/requests/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Nothing at /lab/requests/nope: recent requests are at /lab/requests' });
  });
});
