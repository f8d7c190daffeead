import { DatabaseSync } from 'node:sqlite';
import { sendOperation } from '../../lab/client';
import { BOUNDS, eventually, expectServed, expectUnavailable, freePort, USERS, unavailableLines, users, WITHIN_MS } from '../support/database-faults';
import { probe, type RunningServer, runScript, startServer, useFreshDatabase } from '../support/server-process';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { TEST_DB } from '../support/test-app';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// PostgreSQL's own: registered in the postgres project only (not skipped in the other).
if (TEST_DB === 'postgres')
  describe('PostgreSQL behind a proxy the test controls', () => {
    let proxy: TcpProxy;
    let server: RunningServer;
    // Declared first so it runs first: the server stops before its database is dropped (hooks run in order).
    afterAll(async () => {
      await server?.stop();
      await proxy?.close();
    });
    const database = useFreshDatabase();
    beforeAll(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL!);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      server = await startServer({ DATABASE_URL: proxy.urlFor(database.url), ...BOUNDS });
    });

    test('paused (a server that stops answering): 503 DATABASE_UNAVAILABLE within the bound, /ready 503, /health 200; restored: served again without a restart', async () => {
      await expectServed(server);
      expect(await probe(server, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });

      proxy.pause();
      await expectUnavailable(server, {
        cause: 'no reply within DB_STATEMENT_TIMEOUT_MS (the server went silent)',
        error: 'Query read timeout',
      });
      expect(await probe(server, '/ready')).toEqual({
        status: 503,
        body: { status: 'unavailable', reason: 'select 1 did not answer within 500 ms (READY_TIMEOUT_MS)' },
      });
      expect((await probe(server, '/health')).status).toBe(200);

      await proxy.restore();
      await expectServed(server);
      expect(await probe(server, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    });

    test('paused under 12 requests at once (the pool holds 10 connections): every one 503 within the bound, each wait cut by its own setting', async () => {
      const before = (await unavailableLines(server)).length;
      proxy.pause();
      const replies = await Promise.all(Array.from({ length: 12 }, () => users(server)));
      expect(replies.map((reply) => reply.status)).toEqual(Array(12).fill(503));
      expect(Math.max(...replies.map((reply) => reply.ms))).toBeLessThan(WITHIN_MS);
      const causes = new Set((await unavailableLines(server, before + 12)).slice(before).map((line) => line.cause));
      // A pooled connection whose reply never comes (query_timeout), and a new connection whose handshake never
      // completes or a free connection that never comes (the pool's connectionTimeoutMillis).
      expect(causes).toEqual(
        new Set(['no reply within DB_STATEMENT_TIMEOUT_MS (the server went silent)', 'no connection within DB_ACQUIRE_TIMEOUT_MS']),
      );
      await proxy.restore();
      await expectServed(server);
    });

    test('hung at start-up: the port answers at once (/health 200, /ready 503 starting), start-up gives up after DB_ACQUIRE_TIMEOUT_MS with one line', async () => {
      const port = await freePort();
      proxy.pause();
      const starting = runScript('src/main.ts', [], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: proxy.urlFor(database.url),
        DB_ACQUIRE_TIMEOUT_MS: '3000',
      });
      const origin = `http://127.0.0.1:${port}`;
      const health = await eventually(() => fetch(`${origin}/health`));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', phase: 'starting' });
      const ready = await fetch(`${origin}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'starting' } });
      const api = await sendOperation(`${origin}/graphql`, USERS);
      expect({ status: api.status, body: api.body }).toEqual({
        status: 503,
        body: { errors: [{ message: 'The server is starting; try again shortly.' }] },
      });

      const { code, stderr } = await starting;
      await proxy.restore();
      expect(code).toBe(1);
      // pg's pool and its client each time the handshake out; whichever fires first words the error.
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^graphql-n1-lab: Cannot connect to the database ${escapeRegExp(proxy.urlFor(database.url))} \\(DATABASE_URL\\): ` +
            '(timeout exceeded when trying to connect|Connection terminated due to connection timeout)',
        ),
      );
    });

    test('killed (connections dropped, new ones refused): 503 at once, /ready 503; restored: served again', async () => {
      await proxy.kill();
      // Which of the two depends on whether the pool had noticed its connections die before the request came.
      const gone = expect.stringMatching(/^(the server refused the connection|the connection to the server was lost)$/);
      await expectUnavailable(server, { cause: gone });
      expect(await probe(server, '/ready')).toEqual({ status: 503, body: { status: 'unavailable', reason: gone } });

      await proxy.restore();
      await expectServed(server);
      expect(await probe(server, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
    });
  });

// SQLite's own: registered in the sqlite project only (not skipped in the other).
if (TEST_DB === 'sqlite')
  describe('SQLite busy: another connection holds the write lock', () => {
    let server: RunningServer;
    afterAll(() => server?.stop()); // before the database is dropped
    const database = useFreshDatabase();
    beforeAll(async () => {
      server = await startServer({ DATABASE_URL: database.url, ...BOUNDS });
    });

    test('locked: 503 DATABASE_UNAVAILABLE after the busy timeout, /health and /ready 200; unlocked: served again', async () => {
      await expectServed(server);

      const other = new DatabaseSync(database.url.slice('sqlite:'.length));
      try {
        // An exclusive lock: in SQLite's default (rollback journal) mode no other connection may even read.
        other.exec('begin exclusive');
        await expectUnavailable(server, {
          cause: 'another connection held the lock past DB_ACQUIRE_TIMEOUT_MS (busy timeout)',
          error: 'database is locked',
          code: 'SQLITE_BUSY',
        });
        expect((await probe(server, '/health')).status).toBe(200);
        // `select 1` reads no table, so it needs no lock: on SQLite /ready stays 200 while requests wait on one.
        expect(await probe(server, '/ready')).toEqual({ status: 200, body: { status: 'ready' } });
        other.exec('commit');
      } finally {
        other.close();
      }
      await expectServed(server);
    });
  });
