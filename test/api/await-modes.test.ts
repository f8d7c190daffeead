import { DASHBOARD_OPERATION } from '../../src/examples';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

const oracle = seedOracle();

describe(`x-await: the dashboard's independent parts [${TEST_DB}]`, () => {
  test.each(['sequential', 'parallel'])('%s: the same answer, one statement per part', async (awaitMode) => {
    const { status, body, headers } = await lab.gql(DASHBOARD_OPERATION, { awaitMode, variables: { top: 3 } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ dashboard: oracle.dashboard(3) });
    const stats = body.extensions!.queryStats!;
    expect(stats).toMatchObject({ await: awaitMode, sqlCount: 5, nPlusOne: [] });
    expect(stats.byPath).toEqual([{ path: 'dashboard', sqlCount: 5, dbTimeMs: expect.any(Number) }]);
    // SQLite's one connection runs the parts one after another whatever the code does: 5 round trips in series
    // either way. (PostgreSQL overlaps them: test/api/await-round-trips.test.ts, with a simulated network.)
    if (TEST_DB === 'sqlite') expect(stats.roundTripsInSeries).toBe(5);
    expect(headers.get('server-timing')).toMatch(/^db;dur=[\d.]+;desc="5 queries \(\d in series\) \d+ bytes"/);
  });

  test('absent: sequential; only the selected parts run', async () => {
    const { body } = await lab.gql('{ dashboard { userCount revenueCents } }');
    expect(body.data).toEqual({ dashboard: { userCount: 20, revenueCents: oracle.dashboard(5).revenueCents } });
    expect(body.extensions!.queryStats).toMatchObject({ await: 'sequential', sqlCount: 2, roundTripsInSeries: 2 });
  });

  test('the request log and the lab timeline carry the mode and the round trips', async () => {
    lab.logs.length = 0;
    const { body } = await lab.gql('query Counts { dashboard { userCount orderCount } }', { awaitMode: 'Parallel' });
    const { roundTripsInSeries } = body.extensions!.queryStats!;
    const line = lab.logs.find((entry) => entry.msg === 'request');
    expect(line).toMatchObject({ operation: 'Counts', await: 'parallel', sqlCount: 2, roundTripsInSeries });
    const requestId = (body.extensions as { lab: { requestId: string } }).lab.requestId;
    const timeline = await (await lab.app.fetch(`http://lab/lab/requests/${requestId}`)).json();
    expect(timeline).toMatchObject({ operation: 'Counts', strategy: 'naive', await: 'parallel', sqlCount: 2, roundTripsInSeries });
    const recent = await (await lab.app.fetch('http://lab/lab/requests')).json();
    expect(recent[0]).toMatchObject({ id: requestId, await: 'parallel' });
  });

  test('unknown value: HTTP 400, a GraphQL error naming the value and the choices, no SQL', async () => {
    const { status, body } = await lab.gql(DASHBOARD_OPERATION, { awaitMode: 'eventually' });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unknown x-await "eventually": expected one of sequential, parallel' })]);
  });

  test.each([0, 51])('top: %i is refused, naming the argument', async (top) => {
    const { body } = await lab.gql(DASHBOARD_OPERATION, { variables: { top } });
    expect(body.errors).toEqual([expect.objectContaining({ message: `Argument "top" must be from 1 to 50; got ${top}` })]);
    expect(body.extensions!.queryStats!.sqlCount).toBe(0);
  });
});
