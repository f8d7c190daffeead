import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { EXAMPLES, STRATEGIES } from '../support/operations';
import { statsOf, useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** queryStats.byPath: each statement charged to the GraphQL field whose resolver ran it. */
describe(`per-field attribution [${TEST_DB}]`, () => {
  describe.each(EXAMPLES)('%s', (example) => {
    test.each(STRATEGIES)('%s: counts per path add up to sqlCount; each path within the request’s DB time', async (strategy) => {
      const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS[example], strategy);
      expect(stats.byPath.reduce((sum, entry) => sum + entry.sqlCount, 0)).toBe(stats.sqlCount);
      for (const entry of stats.byPath) {
        expect(entry.path).not.toMatch(/\.\d+(\.|$)/); // list indices folded
        expect(entry.dbTimeMs).toBeLessThanOrEqual(stats.dbTimeMs);
      }
    });
  });

  test('naive: each level is charged to the field that fanned out', async () => {
    const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS.usersOrdersItemsProducts, 'naive');
    expect(stats.byPath.map(({ path, sqlCount }) => [path, sqlCount])).toEqual([
      ['users', 1],
      ['users.orders', 5],
      ['users.orders.items', 15],
      ['users.orders.items.product', 30],
    ]);
  });

  test('batched: a DataLoader batch is charged to the level that asked for it', async () => {
    const { stats } = await statsOf(lab, EXAMPLE_OPERATIONS.userByIdWithTree, 'batched');
    expect(stats.byPath.map(({ path, sqlCount }) => [path, sqlCount])).toEqual(
      expect.arrayContaining([
        ['user', 1],
        ['user.orderCount', 1],
        ['user.orders', 1],
        ['user.orders.items', 1],
        ['user.orders.items.product', 1],
      ]),
    );
  });
});
