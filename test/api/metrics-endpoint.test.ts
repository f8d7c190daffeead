import fs from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { parse } from 'yaml';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { appWith, USERS_ORDERS_ITEMS_PRODUCTS } from '../support/metrics-app';
import { parseMetrics, samples } from '../support/metrics-text';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** Where /metrics is served and what a scrape is: the text format, not a request itself; METRICS=off and METRICS_PORT. */
describe(`/metrics [${TEST_DB}]`, () => {
  test("Prometheus's text format; a scrape is not a request: not logged, not counted", async () => {
    lab.logs.length = 0;
    const response = await lab.app.fetch('http://lab/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('# TYPE graphql_envelop_request counter');
    const again = parseMetrics(await (await lab.app.fetch('http://lab/metrics')).text());
    expect(samples(again, 'graphql_yoga_http_duration_count')).toEqual({});
    expect(lab.logs.filter((line) => line.msg === 'request')).toEqual([]);
  });

  test.each(['POST', 'PUT', 'DELETE'])('%s /metrics: 405, allowing GET and HEAD (the Prometheus plugin would answer any method)', async (method) => {
    const response = await lab.app.fetch('http://lab/metrics', { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await response.text()).toBe('Method not allowed: the metrics are read with GET /metrics\n');
    expect((await lab.app.fetch('http://lab/metrics', { method: 'HEAD' })).status).toBe(200);
  });

  test('METRICS=off: no /metrics, nothing recorded; METRICS_PORT (and QUERY_STATS=off): not on the app, still recorded', async () => {
    const off = new Registry();
    const withOff = appWith(lab.orm, { enabled: false }, { registry: off });
    await withOff.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'batched' });
    expect((await withOff.app.fetch('http://lab/metrics')).status).toBe(404);
    expect(off.getMetricsAsArray()).toEqual([]);

    // With QUERY_STATS=off too, as in production: the responses carry no queryStats, the metrics still count.
    const elsewhere = new Registry();
    const withPort = appWith(lab.orm, { port: 9464 }, { registry: elsewhere, queryStats: false });
    const { body } = await withPort.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'batched' });
    expect(body.extensions?.queryStats).toBeUndefined();
    expect((await withPort.app.fetch('http://lab/metrics')).status).toBe(404);
    const metrics = parseMetrics(await elsewhere.metrics());
    expect(samples(metrics, 'graphql_envelop_request', USERS_ORDERS_ITEMS_PRODUCTS)).toEqual({ 'strategy=batched': 1 });
    expect(samples(metrics, 'n1lab_sql_statements_sum')).toEqual({ 'strategy=batched': 4 });
  });

  test('every series prometheus/rules.yml reads is one the app exports (after a naive request, its N+1 counter too)', async () => {
    const rules = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'prometheus', 'rules.yml'), 'utf8'));
    const expressions: string[] = rules.groups.flatMap((group: { rules: Array<{ expr: string }> }) => group.rules.map((rule) => rule.expr));
    // The app's own series: not the rules' recorded ones, whose names hold colons.
    const read = new Set(expressions.flatMap((expr) => [...expr.matchAll(/(?<![\w:])(?:graphql|n1lab)_\w+(?![\w:])/g)].map(([name]) => name)));
    expect([...read].sort()).toEqual([
      'graphql_yoga_http_duration_bucket',
      'n1lab_n_plus_one_total',
      'n1lab_sql_statements_count',
      'n1lab_sql_statements_sum',
    ]);
    const app = appWith(lab.orm);
    await app.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy: 'naive' });
    const exported = new Set((await app.scrape()).map((sample) => sample.name));
    for (const name of read) expect({ name, exported: exported.has(name) }).toEqual({ name, exported: true });
  });
});
