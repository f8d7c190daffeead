import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { STRATEGIES } from '../support/operations';
import { statsOf, useTestApp } from '../support/shared-app';
import { createTestApp, TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** The Server-Timing header: the request's time split as queryStats reports it. */
describe(`Server-Timing [${TEST_DB}]`, () => {
  test.each(STRATEGIES)('%s: db, orm, graphql, serialize, other and total, matching queryStats', async (strategy) => {
    const { stats, headers } = await statsOf(lab, EXAMPLE_OPERATIONS.usersOrdersItemsProducts, strategy);
    const header = headers.get('server-timing')!;
    const metrics = Object.fromEntries(
      header.split(/,\s*/).map((metric) => {
        const [name, ...params] = metric.split(';');
        return [name, Object.fromEntries(params.map((param) => param.split('=') as [string, string]))];
      }),
    );
    expect(Object.keys(metrics)).toEqual(['db', 'orm', 'graphql', 'serialize', 'other', 'total']);
    expect(metrics.db.desc).toBe(
      `"${stats.sqlCount} quer${stats.sqlCount === 1 ? 'y' : 'ies'} (${stats.roundTripsInSeries} in series) ${stats.bytesFetched} bytes"`,
    );
    expect(metrics.total.desc).toBe(`"${headers.get('content-length')} bytes"`);
    const ms = (name: string) => Number(metrics[name].dur);
    expect([ms('db'), ms('orm'), ms('graphql')]).toEqual([stats.dbTimeMs, stats.ormTimeMs, stats.graphqlTimeMs]);
    const parts = ms('db') + ms('orm') + ms('graphql') + ms('serialize') + ms('other');
    expect(Math.abs(parts - ms('total'))).toBeLessThanOrEqual(0.05); // two-decimal rounding of five parts
  });

  test('not sent when query stats are off', async () => {
    const quiet = await createTestApp({ queryStats: false });
    try {
      const { headers } = await quiet.gql(EXAMPLE_OPERATIONS.usersWithOrders);
      expect(headers.get('server-timing')).toBeNull();
    } finally {
      await quiet.close();
    }
  });
});
