import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sendOperation } from '../../lab/client';
import { logLines, runScript, startServer, useFreshDatabase } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

describe(`npm start [${TEST_DB}]`, () => {
  const database = useFreshDatabase();

  test('first start migrates, seeds 20 users, serves GraphiQL and the API; SIGTERM stops it cleanly', async () => {
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      const page = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>graphql-n1-lab</title>');
      expect(html).toContain('UsersOrdersItemsProducts'); // the default query
      expect(html).toContain('x-strategy'); // the header, ready to edit
      expect(html).not.toMatch(/unpkg\.com|cdn\.jsdelivr/); // served locally: works offline

      const { body, headers } = await sendOperation<{ users: unknown[] }>(server.url, {
        query: 'query Count { users(first: 100) { id } }',
        strategy: 'batched',
      });
      expect(body.data!.users).toHaveLength(20);
      expect(body.extensions!.queryStats).toMatchObject({ strategy: 'batched', sqlCount: 1 });
      // No OTEL_* settings: telemetry is off, so there is no trace to name.
      expect(body.extensions!.traceId).toBeUndefined();
      expect(headers.get('traceresponse')).toBeNull();
    } finally {
      const { code, stdout } = await server.stop('SIGTERM');
      expect(code).toBe(0);
      const lines = logLines(stdout);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'seeded an empty database', users: 20, orders: 60, items: 120 }));
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', operation: 'Count', strategy: 'batched', sqlCount: 1, status: 200 }));
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
      expect(lines.find((line) => String(line.msg).includes('listening'))).toMatchObject({ traces: 'off' });
      expect(lines.filter((line) => line.trace_id !== undefined)).toEqual([]);
    }
  });

  test('a restart keeps the data: `npm run seed -- --users 7` survives it', async () => {
    const seeded = await runScript('scripts/seed.ts', ['--users', '7'], { DATABASE_URL: database.url });
    expect(seeded.stderr).toBe('');
    expect(seeded.stdout).toMatch(/: 7 users, 20 orders, 41 order items, 50 products/);

    const server = await startServer({ DATABASE_URL: database.url });
    try {
      const { body } = await sendOperation<{ users: unknown[] }>(server.url, '{ users(first: 100) { id } }');
      expect(body.data!.users).toHaveLength(7);
    } finally {
      const { code, stdout } = await server.stop('SIGINT');
      expect(code).toBe(0);
      expect(stdout).not.toContain('seeded an empty database');
    }
  });
});

describe(`start-up errors: one clear line, no stack trace [${TEST_DB}]`, () => {
  const unreachable = 'postgres://postgres@127.0.0.1:1/lab';
  test.each([
    [{ PORT: 'eighty' }, 'graphql-n1-lab: PORT must be a whole number from 0 to 65535; got "eighty"'],
    // Read first by the telemetry preload, before main.ts: the same one line from there.
    [{ TRACE_RESOLVER_SPANS_PER_PATH: 'many' }, 'graphql-n1-lab: TRACE_RESOLVER_SPANS_PER_PATH must be a whole number from 1 to 1000000; got "many"'],
    [
      { DATABASE_URL: 'mysql://root:pw@localhost/lab' },
      'graphql-n1-lab: DATABASE_URL must be a postgres:// URL or sqlite:<file>; got "mysql://root:***@localhost/lab"',
    ],
    [
      { DATABASE_URL: unreachable },
      /^graphql-n1-lab: Cannot connect to the database postgres:\/\/postgres@127\.0\.0\.1:1\/lab \(DATABASE_URL\): .*ECONNREFUSED/,
    ],
  ])('%j', async (env, expected) => {
    const { code, stdout, stderr } = await runScript('src/main.ts', [], env);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
  });

  test('a port already in use', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-'));
    const first = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, 'a.sqlite')}` });
    try {
      const port = new URL(first.url).port;
      const second = await runScript('src/main.ts', [], {
        PORT: port,
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${path.join(dir, 'b.sqlite')}`,
      });
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(`graphql-n1-lab: PORT ${port} cannot be used on 127.0.0.1: EADDRINUSE`);
      // The port is checked first: the second server never created, migrated or seeded its database.
      expect(fs.existsSync(path.join(dir, 'b.sqlite'))).toBe(false);
    } finally {
      await first.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
