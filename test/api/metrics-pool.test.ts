import type { Pool, PoolClient } from 'pg';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { appWith } from '../support/metrics-app';
import { samples } from '../support/metrics-text';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** The pool's gauges: what a scrape reads while the test holds connections, and a request waits for one. */
describe(`n1lab_db_pool_* [${TEST_DB}]`, () => {
  if (TEST_DB === 'sqlite') {
    test('SQLite: one connection and no pool, so no pool gauges', async () => {
      const names = new Set((await appWith(lab.orm).scrape()).map((sample) => sample.name));
      expect([...names].filter((name) => name.startsWith('n1lab_db_pool'))).toEqual([]);
    });
    return;
  }

  test('PostgreSQL: in use and idle connections, the pool size, and a request queued for a connection', async () => {
    const metrics = appWith(lab.orm);
    const pool = (await lab.orm.driver.getConnection().getNativeClient()) as Pool;
    const gauges = async () => {
      const all = await metrics.scrape();
      return {
        ...samples(all, 'n1lab_db_pool_connections'),
        max: samples(all, 'n1lab_db_pool_max')[''],
        waiting: samples(all, 'n1lab_db_pool_waiting')[''],
      };
    };
    expect(await gauges()).toEqual({ 'state=in_use': 0, 'state=idle': pool.idleCount, max: 10, waiting: 0 });

    // The test takes every connection the pool may open: a request now has to wait for one.
    const held: PoolClient[] = await Promise.all(Array.from({ length: 10 }, () => pool.connect()));
    try {
      expect(await gauges()).toEqual({ 'state=in_use': 10, 'state=idle': 0, max: 10, waiting: 0 });
      const response = metrics.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'joined' });
      while (pool.waitingCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await gauges()).toEqual({ 'state=in_use': 10, 'state=idle': 0, max: 10, waiting: 1 });

      held.pop()!.release(); // the queued request gets it, runs its one statement, and gives it back
      expect((await response).body.errors).toBeUndefined();
      expect(await gauges()).toEqual({ 'state=in_use': 9, 'state=idle': 1, max: 10, waiting: 0 });
    } finally {
      for (const client of held) client.release();
    }
    expect(await gauges()).toEqual({ 'state=in_use': 0, 'state=idle': 10, max: 10, waiting: 0 });
  });
});
