import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { sendOperation } from '../../lab/client';
import { parseMetrics, samples } from '../support/metrics-text';
import { freshDatabaseUrl, logLines, type RunningServer, runScript, startServer } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** Where the listening line says the metrics are: a URL, or `off`. */
const metricsUrlOf = (server: RunningServer) => logLines(server.stdout()).find((line) => String(line.msg).includes('listening'))?.metrics as string;

describe(`npm start: metrics [${TEST_DB}]`, () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await freshDatabaseUrl();
  });
  afterAll(() => database.drop());

  const stopCleanly = async (server: RunningServer) => {
    const { code, stdout } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(logLines(stdout).at(-1)).toMatchObject({ msg: 'stopped' });
  };

  test('METRICS_PORT: /metrics on a port of its own with the process metrics, not on the API port', async () => {
    const server = await startServer({ DATABASE_URL: database.url, METRICS_PORT: '0' });
    try {
      const metricsUrl = metricsUrlOf(server);
      const api = new URL(server.url);
      expect(metricsUrl).toMatch(/^http:\/\/localhost:\d+\/metrics$/);
      expect(new URL(metricsUrl).port).not.toBe(api.port);
      const local = metricsUrl.replace('localhost', '127.0.0.1');

      await sendOperation(server.url, { query: 'query Count { users(first: 100) { id } }', strategy: 'batched' });
      const response = await fetch(local);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const metrics = parseMetrics(await response.text());
      expect(samples(metrics, 'graphql_envelop_request')).toEqual({ 'operationName=Count,operationType=query,strategy=batched': 1 });
      expect(samples(metrics, 'n1lab_sql_statements_sum')).toEqual({ 'strategy=batched': 1 });
      expect(metrics.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);

      expect((await fetch(`${api.origin}/metrics`)).status).toBe(404);
      expect((await fetch(local.replace('/metrics', '/graphql'))).status).toBe(404);
    } finally {
      await stopCleanly(server);
    }
  });

  test('by default on the API port; METRICS=off: no /metrics at all', async () => {
    const onApiPort = await startServer({ DATABASE_URL: database.url });
    try {
      const origin = new URL(onApiPort.url).origin;
      expect(metricsUrlOf(onApiPort)).toBe(`http://localhost:${new URL(origin).port}/metrics`);
      const metrics = parseMetrics(await (await fetch(`${origin}/metrics`)).text());
      expect(metrics.some((sample) => sample.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    } finally {
      await stopCleanly(onApiPort);
    }

    const off = await startServer({ DATABASE_URL: database.url, METRICS: 'off' });
    try {
      expect(metricsUrlOf(off)).toBe('off');
      expect((await fetch(`${new URL(off.url).origin}/metrics`)).status).toBe(404);
    } finally {
      await stopCleanly(off);
    }
  });

  test('a METRICS_PORT in use: one line naming the setting, exit 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stdout, stderr } = await runScript('src/main.ts', [], {
        DATABASE_URL: database.url,
        PORT: '0',
        HOST: '127.0.0.1',
        METRICS_PORT: String(port),
      });
      expect(code).toBe(1);
      expect(stdout).not.toContain('listening');
      expect(stderr.trim()).toBe(`graphql-n1-lab: METRICS_PORT ${port} cannot be used on 127.0.0.1: EADDRINUSE`);
    } finally {
      taken.close();
    }
  });
});
