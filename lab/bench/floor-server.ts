/**
 * The floor, as its own process: a bare node:http handler that answers the benchmarked operation with ONE
 * hand-written SQL statement (lab/bench/floor-sql.ts) and the same `{ "data": { "users": [...] } }` as the
 * API. It reads only `variables.first` from the request; the bench checks its data equals the API's.
 *
 *   PORT=… HOST=127.0.0.1 DATABASE_URL=sqlite:… | postgres://… node --require tsx/cjs lab/bench/floor-server.ts
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseDatabaseUrl } from '../../src/config';
import { roundMs } from '../../src/stats/time';
import { openFloorQuery } from './floor-sql';

const MAX_FIRST = 1000;

/** The floor's settings: the API's variable names, read here and nowhere else, DATABASE_URL by the API's parser. */
const settings = {
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '127.0.0.1',
  database: parseDatabaseUrl(process.env.DATABASE_URL),
};

const floor = openFloorQuery(settings.database);

const server = createServer(async (request, response) => {
  const started = performance.now();
  try {
    const first = firstOf(await readBody(request));
    if (first === undefined) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: `variables.first must be a whole number from 1 to ${MAX_FIRST}` }] }));
      return;
    }
    const queryStarted = performance.now();
    const users = await floor.usersJson(first);
    const dbTimeMs = roundMs(performance.now() - queryStarted);
    // The tree arrives as JSON text and is sent as it is: only the envelope is written here.
    const stats = JSON.stringify({ strategy: 'floor', sqlCount: 1, dbTimeMs, rowsFetched: 1 });
    const body = `{"extensions":{"queryStats":${stats}},"data":{"users":${users}}}`;
    const totalMs = roundMs(performance.now() - started);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'server-timing': `db;dur=${dbTimeMs};desc="1 query", other;dur=${roundMs(Math.max(0, totalMs - dbTimeMs))}, total;dur=${totalMs}`,
    });
    response.end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
  }
});

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
}

function firstOf(body: string): number | undefined {
  try {
    const first: unknown = JSON.parse(body)?.variables?.first;
    return Number.isInteger(first) && (first as number) >= 1 && (first as number) <= MAX_FIRST ? (first as number) : undefined;
  } catch {
    return undefined;
  }
}

server.listen(settings.port, settings.host, () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`floor listening: http://${address}:${port}/`);
});

// Like the API's server: stop taking connections, let open requests finish, then close the database.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.closeIdleConnections();
    server.close(() => void floor.close().finally(() => process.exit(0)));
  });
}
