import { sendOperation } from '../../lab/client';
import type { PlansReport } from '../../src/stats/plans';
import { freshDatabaseUrl, runScript, startServer } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

const QUERY = '{ orders(first: 20, status: SHIPPED, placedAfter: "2026-01-17T06:00:00.000Z") { id } }';

/**
 * `npm run lab -- index add|drop|status orders_status` as a user runs it, on a database of their own (a SQLite
 * file, or a scratch PostgreSQL database): a migration applied and taken back, and the server's plan with it.
 */
describe(`npm run lab -- index … [${TEST_DB}]`, () => {
  test('status, add (the plan searches the index, no finding), add again, drop (the scan and its finding are back)', async () => {
    const database = await freshDatabaseUrl();
    const env = { DATABASE_URL: database.url };
    const lab = (...args: string[]) => runScript('lab/commands/lab.ts', args, env, 60_000);
    try {
      expect(await runScript('scripts/seed.ts', ['--users', '400'], env, 60_000)).toMatchObject({ code: 0 });
      const said = async (...args: string[]) => {
        const { code, stdout, stderr } = await lab(...args);
        expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
        return stdout.trim().replace(/ on \S+: /, ': ');
      };
      expect(await said('index', 'status', 'orders_status')).toBe('orders_status: unchanged: no orders_status_created_at_index');

      const findings = async () => {
        const server = await startServer(env);
        try {
          const { body } = await sendOperation(server.url, { query: QUERY, headers: { 'x-explain': 'plan' } });
          expect(body.errors).toBeUndefined();
          const plans = body.extensions!.queryStats!.plans as PlansReport;
          return {
            findings: plans.statements[0]!.findings.map((finding) => finding.fix),
            indexes: plans.statements[0]!.plan.nodes.map((node) => node.index),
          };
        } finally {
          await server.stop();
        }
      };
      // Before: on SQLite a SCAN of all 1,200 orders; PostgreSQL's plan (estimates) a Seq Scan with a filter.
      expect((await findings()).findings).toEqual(['an index on orders(status, created_at)']);

      expect(await said('index', 'add', 'orders_status')).toBe(
        'orders_status: no orders_status_created_at_index → orders_status_created_at_index exists',
      );
      expect(await said('index', 'add', 'orders_status')).toBe('orders_status: unchanged: orders_status_created_at_index exists');
      expect(await findings()).toEqual({ findings: [], indexes: expect.arrayContaining(['orders_status_created_at_index']) });

      expect(await said('index', 'drop', 'orders_status')).toBe(
        'orders_status: orders_status_created_at_index exists → no orders_status_created_at_index',
      );
      expect((await findings()).findings).toEqual(['an index on orders(status, created_at)']);
    } finally {
      await database.drop();
    }
  }, 120_000);

  test('a wrong word is one line naming what it takes', async () => {
    const { code, stderr } = await runScript('lab/commands/lab.ts', ['index', 'add', 'orders_colour'], {}, 30_000);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('lab: no index named "orders_colour": expected one of orders_status');
  });
});
