import net from 'node:net';
import { sendOperation } from '../../lab/client';
import { logLinesOnce, type RunningServer } from './server-process';

// For test/process/database-faults.test.ts: the bounds a faulty database is held to, the answer a request then
// gets, the checks that a server serves or refuses, and the means to start one by hand.

// Small bounds, so each fault costs about a second: a statement (and a silent server) 1 s (+0.5 s for pg's
// client-side query_timeout), getting a connection or a lock 1 s, /ready's select 1 0.5 s.
export const BOUNDS = { DB_STATEMENT_TIMEOUT_MS: '1000', DB_ACQUIRE_TIMEOUT_MS: '1000', READY_TIMEOUT_MS: '500' };
// Every timing below is an upper bound with a wide margin (the machine is shared); the numbers that matter are
// the status codes, the error codes and the counts.
export const WITHIN_MS = 6000;
export const USERS = 'query Users { users(first: 3) { id } }';
const UNAVAILABLE = {
  message: 'The database is unavailable; try again shortly.',
  locations: [{ line: 1, column: 15 }],
  path: ['users'],
  extensions: { code: 'DATABASE_UNAVAILABLE' },
};

/** The three users over HTTP: status, data, errors and the round trip in ms. */
export async function users(server: RunningServer) {
  const reply = await sendOperation<{ users: unknown[] }>(server.url, { query: USERS, strategy: 'batched' });
  return { status: reply.status, data: reply.body.data, errors: reply.body.errors, ms: reply.roundTripMs };
}

/** The `database unavailable` log lines, once `count` have arrived. */
export function unavailableLines(server: RunningServer, count = 1) {
  return logLinesOnce(server, (line) => line.msg === 'database unavailable', count);
}

/** Served: the three users, HTTP 200. */
export async function expectServed(server: RunningServer) {
  expect(await users(server)).toMatchObject({ status: 200, data: { users: [{ id: '1' }, { id: '2' }, { id: '3' }] } });
}

/** The next request: 503 DATABASE_UNAVAILABLE within the bound, and one more log line saying why. */
export async function expectUnavailable(server: RunningServer, why: Record<string, unknown>) {
  const before = (await logLinesOnce(server, (line) => line.msg === 'database unavailable', 0, 0)).length;
  const reply = await users(server);
  expect(reply).toMatchObject({ status: 503, data: null, errors: [UNAVAILABLE] });
  expect(reply.ms).toBeLessThan(WITHIN_MS);
  expect((await unavailableLines(server, before + 1)).slice(before)).toEqual([
    expect.objectContaining({ operation: 'Users', strategy: 'batched', ...why }),
  ]);
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `attempt()` once it stops throwing (a connection refused while the process starts), for up to 20 s. */
export async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
