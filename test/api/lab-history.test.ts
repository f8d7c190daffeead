import { EXAMPLE_OPERATIONS } from '../../src/examples';
import type { Timeline } from '../../src/timeline/shape';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';
import { labGet, recentRequests, timelineOf } from '../support/timelines';

const { usersWithOrders, usersOrdersItemsProducts } = EXAMPLE_OPERATIONS;

describe(`the lab's history of recent requests [${TEST_DB}]`, () => {
  let lab: TestApp;
  afterEach(() => lab.close());

  test('LAB_HISTORY=3: a fourth request pushes out the oldest', async () => {
    lab = await createTestApp({ env: { LAB_HISTORY: '3' } });
    const ids: string[] = [];
    for (const strategy of ['naive', 'batched', 'joined', 'select-in']) ids.push((await timelineOf(lab, usersWithOrders, strategy)).id);
    const { body } = await recentRequests(lab);
    expect(body.map((summary) => summary.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect((await labGet(lab, `/lab/requests/${ids[0]}`)).status).toBe(404);
  });

  test('LAB_HISTORY_BYTES: a request larger than the bound is kept with its statement list cut, the count intact', async () => {
    const maxBytes = 64 * 1024;
    lab = await createTestApp({ users: 100, env: { LAB_HISTORY_BYTES: String(maxBytes) } });
    const huge = await timelineOf(lab, usersOrdersItemsProducts, 'naive', { first: 100 });
    expect(JSON.stringify(huge).length).toBeLessThanOrEqual(maxBytes);
    // 1 + 100 users' orders + 300 orders' items + 600 items' products.
    expect(huge.sqlCount).toBe(1001);
    expect(huge.statements.length).toBeGreaterThan(0);
    expect(huge.statements.length + huge.statementsDropped).toBe(1001);
    // The next requests push the huge one out rather than grow past the bound.
    const small = await timelineOf(lab, usersWithOrders, 'batched');
    const { body } = await recentRequests(lab);
    const kept = await Promise.all(body.map(async ({ id }) => JSON.stringify((await labGet<Timeline>(lab, `/lab/requests/${id}`)).body).length));
    expect(kept.reduce((sum, bytes) => sum + bytes, 0)).toBeLessThanOrEqual(maxBytes);
    expect(body[0]!.id).toBe(small.id);
  });

  test('LAB_HISTORY_STATEMENTS: statements past the cap are counted, not listed', async () => {
    lab = await createTestApp({ env: { LAB_HISTORY_STATEMENTS: '10' } });
    const timeline = await timelineOf(lab, usersOrdersItemsProducts, 'naive');
    expect([timeline.statements.length, timeline.statementsDropped, timeline.sqlCount]).toEqual([10, 41, 51]);
    // The first ten to start: the users, then their orders.
    expect(timeline.statements.map((statement) => statement.path).slice(0, 2)).toEqual(['users', 'users.orders']);
  });

  test('NODE_ENV=production: no history, no /lab, no extensions.lab, no header, unless LAB_HISTORY says so', async () => {
    lab = await createTestApp({ env: { NODE_ENV: 'production' } });
    const reply = await lab.gql(usersWithOrders, { strategy: 'batched' });
    expect(reply.body.extensions).toBeUndefined();
    expect(reply.headers.get('x-lab-request-id')).toBeNull();
    for (const path of ['/lab', '/lab/requests', '/lab/examples']) expect((await lab.app.fetch(`http://graphql-n1-lab${path}`)).status).toBe(404);
    await lab.close();
    lab = await createTestApp({ env: { NODE_ENV: 'production', LAB_HISTORY: '10' } });
    expect((await timelineOf(lab, usersWithOrders, 'batched')).sqlCount).toBe(2);
  });

  test('a request refused before execution is kept too, with no statements', async () => {
    lab = await createTestApp();
    const reply = await lab.gql('{ users { nope } }', { strategy: 'batched' });
    const { requestId } = (reply.body.extensions as { lab: { requestId: string } }).lab;
    const { body } = await labGet<Timeline>(lab, `/lab/requests/${requestId}`);
    expect([body.status, body.sqlCount, body.phases.map((phase) => phase.name)]).toEqual([400, 0, ['parse', 'validate']]);
  });

  test('GET /lab/requests/<id>/jaeger.json: the timeline as a download for Jaeger\u2019s Upload JSON', async () => {
    lab = await createTestApp();
    const timeline = await timelineOf(lab, usersOrdersItemsProducts, 'batched');
    const response = await lab.app.fetch(`http://graphql-n1-lab/lab/requests/${timeline.id}/jaeger.json`);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="graphql-n1-lab-${timeline.id}.jaeger.json"`);
    const { data } = (await response.json()) as { data: Array<{ spans: Array<{ operationName: string }> }> };
    const names = data[0]!.spans.map((span) => span.operationName);
    expect(names.filter((name) => name.startsWith('dataloader.batch '))).toEqual([
      'dataloader.batch ordersByUserId',
      'dataloader.batch itemsByOrderId',
      'dataloader.batch productById',
    ]);
    expect(names.filter((name) => name.startsWith('SELECT '))).toHaveLength(4);
  });
});
