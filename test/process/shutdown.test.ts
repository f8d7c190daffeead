import http from 'node:http';
import { get, holdRequest } from '../support/held-request';
import { type Exited, logLines, logLinesOnce, startServer, useFreshDatabase } from '../support/server-process';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { TEST_DB } from '../support/test-app';

const USERS = 'query Users { users(first: 2) { id } }';
const SHUTTING_DOWN = (line: Record<string, unknown>) => line.msg === 'shutting down: finishing open requests';
// After "stopped" the process must end by itself: its watchdog would say what held it after 1 s.
const EXITS_WITHIN_MS = 1000;

/** A moment for bytes already sent to reach the server (a setup step, not a measurement). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** The checks every shutdown ends with: exit 0, "stopped" last, nothing left running after it. */
function expectCleanExit(exited: Exited, report: { finished: number; cut: number }) {
  expect(exited.code).toBe(0);
  const lines = logLines(exited.stdout);
  const stopped = lines.at(-1)!;
  expect(stopped).toMatchObject({ msg: 'stopped', ...report });
  expect(exited.at - Number(stopped.time)).toBeLessThan(EXITS_WITHIN_MS);
  expect(lines.filter((line) => line.msg === 'still running after stopping: exiting anyway')).toEqual([]);
}

describe(`graceful shutdown [${TEST_DB}]`, () => {
  const database = useFreshDatabase();

  test('SIGTERM: /ready 503 at once, new connections refused, the request in flight finishes with 200, then a clean exit', async () => {
    const server = await startServer({ DATABASE_URL: database.url });
    const origin = new URL(server.url).origin;
    // A keep-alive connection, idle when the signal comes, and a request the server is in the middle of.
    const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(`${origin}/ready`, keepAlive)).toMatchObject({ status: 200, connection: 'keep-alive' });
    const held = holdRequest(server.url, USERS);
    await settle(); // the server has the request's headers

    const exit = server.stop('SIGTERM');
    await logLinesOnce(server, SHUTTING_DOWN);
    // The open connection still gets an answer, and is told to go.
    expect(await get(`${origin}/ready`, keepAlive)).toEqual({
      status: 503,
      connection: 'close',
      body: JSON.stringify({ status: 'shutting down' }),
    });
    // A new connection is refused.
    expect(await get(`${origin}/health`, new http.Agent())).toEqual({ error: 'ECONNREFUSED' });

    held.finish();
    const answer = await held.answer;
    expect(answer).toMatchObject({ status: 200, connection: 'close' });
    expect(JSON.parse((answer as { body: string }).body).data).toEqual({ users: [{ id: '1' }, { id: '2' }] });

    const exited = await exit;
    expectCleanExit(exited, { finished: 1, cut: 0 });
    expect(logLines(exited.stdout)).toContainEqual(expect.objectContaining({ msg: 'request', operation: 'Users', status: 200 }));
    keepAlive.destroy();
  });

  test('a request still running when the grace period ends is cut, and logged as cut (no status), then a clean exit', async () => {
    const server = await startServer({ DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: '1000' });
    const held = holdRequest(server.url, USERS);
    await settle(); // the server has the request's headers

    const exited = await server.stop('SIGTERM');
    expect(await held.answer).toEqual({ error: 'ECONNRESET' });
    expectCleanExit(exited, { finished: 0, cut: 1 });
    const lines = logLines(exited.stdout);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'shutdown grace period over: cutting the requests still in flight', requests: 1, graceMs: 1000 }),
    );
    expect(lines.filter((line) => line.msg === 'request' || line.msg === 'request cut')).toEqual([
      expect.objectContaining({ msg: 'request cut', cut: true, sqlCount: 0 }),
    ]);
    expect(lines.filter((line) => 'status' in line)).toEqual([]);
  });

  test('a second signal while draining ends the process at once, without waiting for the grace period', async () => {
    const server = await startServer({ DATABASE_URL: database.url, SHUTDOWN_GRACE_MS: '60000' });
    const held = holdRequest(server.url, USERS);
    await settle(); // the server has the request's headers
    const exit = server.stop('SIGTERM');
    await logLinesOnce(server, SHUTTING_DOWN);
    server.child.kill('SIGINT');
    const exited = await exit;
    expect(exited.code).toBeNull(); // ended by the signal itself
    expect(logLines(exited.stdout).filter((line) => line.msg === 'stopped')).toEqual([]);
    expect(await held.answer).toMatchObject({ error: expect.stringMatching(/ECONNRESET|socket hang up/) });
  });
});

// PostgreSQL's own: registered in the postgres project only (not skipped in the other).
if (TEST_DB === 'postgres')
  describe('graceful shutdown with the database hung', () => {
    const database = useFreshDatabase();
    let proxy: TcpProxy;
    beforeAll(async () => {
      const target = new URL(process.env.TEST_DATABASE_URL!);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    });
    afterAll(() => proxy.close());

    test('a request waiting on a silent database is cut at the deadline, runs no more SQL, and the process still exits cleanly', async () => {
      const server = await startServer({
        DATABASE_URL: proxy.urlFor(database.url),
        SHUTDOWN_GRACE_MS: '500',
        DB_STATEMENT_TIMEOUT_MS: '3000',
      });
      proxy.pause();
      // Batched: 4 statements if the database answered; the first one never returns.
      const held = holdRequest(server.url, 'query Tree { users(first: 5) { orders { items { product { name } } } } }');
      held.finish();
      await settle(); // the statement is out, waiting for its reply

      const signalled = Date.now();
      const exited = await server.stop('SIGTERM');
      expect(await held.answer).toEqual({ error: 'ECONNRESET' });
      expectCleanExit(exited, { finished: 0, cut: 1 });
      expect(logLines(exited.stdout)).toContainEqual(expect.objectContaining({ msg: 'request cut', operation: 'Tree', sqlCount: 1 }));
      // The grace period (0.5 s), then the hung statement's own bound (3 s + 0.5 s) before its connection is
      // released and the pool can close; generous margin on top.
      expect(exited.at - signalled).toBeLessThan(10_000);
    });
  });
