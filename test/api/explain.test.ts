import { runOptionalMigration } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import type { PlansReport } from '../../src/stats/plans';
import { seedOracle } from '../support/seed-oracle';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

// 400 users: 1,200 orders, 6 of them shipped after PLACED_AFTER, enough for a scan of them all to be a finding (it reads at least 1,000 rows).
const USERS = 400;
const oracle = seedOracle(USERS);
const PLACED_AFTER = new Date(Date.UTC(2026, 0, 1) + 390 * 3_600_000);
const SHIPPED_LATE = oracle.rows.orders.filter((order) => order.status === 'SHIPPED' && order.createdAt > PLACED_AFTER);
const QUERY = `query ShippedLately($after: DateTime!) { orders(first: 20, status: SHIPPED, placedAfter: $after) { id status createdAt } }`;
const variables = { after: PLACED_AFTER.toISOString() };

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp({ users: USERS });
});
afterAll(() => lab.close());

const explained = async (explain: string | undefined, strategy = 'naive') => {
  const { status, body } = await lab.gql(QUERY, { strategy, variables, headers: explain ? { 'x-explain': explain } : {} });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return { data: body.data, stats: body.extensions!.queryStats!, plans: body.extensions!.queryStats!.plans as PlansReport };
};

describe(`orders(status, placedAfter) and x-explain [${TEST_DB}]`, () => {
  test.each(['naive', 'batched', 'joined', 'select-in', 'balanced'])('%s: the filter answers what the seed says', async (strategy) => {
    const { data, stats } = await explained(undefined, strategy);
    expect(SHIPPED_LATE).toHaveLength(6);
    expect(data).toEqual({
      orders: SHIPPED_LATE.map((order) => ({ id: String(order.id), status: 'SHIPPED', createdAt: order.createdAt.toISOString() })),
    });
    expect(stats.plans).toBeUndefined();
  });

  test('analyze: the scan that reads all 1,200 orders to return 6, with its fix; the request’s own counts unchanged', async () => {
    const { stats, plans } = await explained('analyze');
    expect(stats.sqlCount).toBe(1);
    expect(plans.mode).toBe('analyze');
    expect(plans.statements).toHaveLength(1);
    const [statement] = plans.statements;
    expect(statement!.sql).toBe(stats.statements[0]!.sql);
    expect(statement!.findings).toHaveLength(1);
    const [finding] = statement!.findings;
    expect(finding!.fix).toBe('an index on orders(status, created_at)');
    if (TEST_DB === 'postgres') {
      expect(plans.note).toMatch(/^x-explain: analyze ran each statement below a second time/);
      expect(statement!.plan.analyzed).toBe(true);
      expect(finding!.message).toMatch(/^(Seq Scan|Index Scan) on orders read 1,200 rows to return 6$/);
      expect(statement!.plan.nodes.find((node) => node.relation === 'orders')).toMatchObject({ rows: 6, rowsRemoved: 1194, estimated: false });
    } else {
      expect(plans.note).toMatch(/^SQLite has no EXPLAIN ANALYZE/);
      expect(statement!.plan.analyzed).toBe(false);
      expect(finding!.message).toBe('SCAN on orders reads all 1,200 rows to return 6');
      expect(statement!.plan.nodes.map((node) => node.detail)).toEqual(['SCAN o0']);
    }
  });

  test('the finding in the log, as a warning, and in the lab’s timeline', async () => {
    lab.logs.length = 0;
    const { body } = await lab.gql(QUERY, { variables, headers: { 'x-explain': 'analyze' } });
    const [finding] = (body.extensions!.queryStats!.plans as PlansReport).statements[0]!.findings;
    expect(lab.logs.filter((line) => line.msg === 'scan reads far more rows than it returns')).toEqual([
      expect.objectContaining({ level: 40, operation: 'ShippedLately', table: 'orders', message: finding!.message, fix: finding!.fix }),
    ]);
    const { requestId } = (body.extensions as { lab: { requestId: string } }).lab;
    const timeline = await (await lab.app.fetch(`http://lab/lab/requests/${requestId}`)).json();
    expect(timeline.findings.plans).toEqual([finding]);
  });

  test('never a value from the request in a plan: placeholders, names and counts only', async () => {
    for (const mode of ['plan', 'analyze']) {
      const { plans } = await explained(mode);
      const text = JSON.stringify(plans);
      expect(text).not.toContain('SHIPPED');
      expect(text).not.toContain('2026-01-17');
      expect(text).not.toMatch(/1[78]\d{11}/); // the instant as epoch milliseconds
    }
  });

  test('plan: what the planner intends, nothing run again', async () => {
    const { plans } = await explained('plan');
    expect(plans.mode).toBe('plan');
    expect(plans.statements[0]!.plan.analyzed).toBe(false);
    expect(plans.note).toMatch(/^x-explain: plan shows what the planner intends/);
    expect(plans.statements[0]!.plan.nodes.every((node) => node.estimated)).toBe(true);
  });

  // In-process on PostgreSQL; SQLite's in-memory database belongs to the test's one connection, so there the
  // command runs against a file, in test/process/lab-index.test.ts.
  if (TEST_DB === 'postgres') {
    test('the index, added by its migration and taken back: the plan uses it and the finding goes, then returns', async () => {
      const logger = createLogger({ level: 'silent', pretty: false });
      const database = { kind: 'postgresql', url: lab.orm.config.get('clientUrl')! } as const;
      expect(await runOptionalMigration(database, logger, 'orders_status', 'add')).toEqual({ name: 'orders_status', before: false, after: true });
      try {
        const { plans } = await explained('analyze');
        expect(plans.statements[0]!.findings).toEqual([]);
        expect(plans.statements[0]!.plan.nodes.map((node) => node.index)).toContain('orders_status_created_at_index');
      } finally {
        expect(await runOptionalMigration(database, logger, 'orders_status', 'drop')).toEqual({ name: 'orders_status', before: true, after: false });
      }
      const { plans } = await explained('analyze');
      expect(plans.statements[0]!.findings).toHaveLength(1);
    });
  }

  test('unknown value: HTTP 400 naming the choices', async () => {
    const { status, body } = await lab.gql(QUERY, { variables, headers: { 'x-explain': 'verbose' } });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unknown x-explain "verbose": expected one of off, plan, analyze' })]);
  });

  test('refused where queryStats are off (production): HTTP 400, nothing run', async () => {
    const quiet = await createTestApp({ users: 1, queryStats: false });
    try {
      const { status, body } = await quiet.gql('{ orders(first: 1) { id } }', { headers: { 'x-explain': 'analyze' } });
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'x-explain needs queryStats, which this server does not report (QUERY_STATS=off); got x-explain: analyze',
        }),
      ]);
    } finally {
      await quiet.close();
    }
  });
});
