import { sendOperation } from '../../lab/client';
import { usersOrdersUser } from '../support/operations';
import { freshDatabaseUrl, logLines, type RunningServer, startServer } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/**
 * The real server, on a real socket, given what once killed it: `users → orders → user …` 25 levels deep under
 * joined (a V8 abort), with the query limits raised so the joined planner is what answers, and a 2 MB body.
 */
describe(`the server under abuse [${TEST_DB}]`, () => {
  let database: { url: string; drop: () => Promise<void> };
  let server: RunningServer;
  beforeAll(async () => {
    database = await freshDatabaseUrl();
    server = await startServer({ DATABASE_URL: database.url, MAX_DEPTH: '1000', MAX_COST: String(Number.MAX_SAFE_INTEGER) });
  });
  afterAll(async () => {
    await server.stop();
    await database.drop();
  });

  test('depth 25 under joined: refused in well under 2 s, no SQL; the next request is answered', async () => {
    const refused = await sendOperation(server.url, { query: usersOrdersUser(25), strategy: 'joined' });
    expect(refused.roundTripMs).toBeLessThan(2000);
    expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'JOINED_PLAN_TOO_LARGE' }) })]);
    expect(refused.body.extensions!.queryStats!.sqlCount).toBe(0);

    const next = await sendOperation(server.url, { query: '{ users(first: 3) { orders { id } } }', strategy: 'joined' });
    expect([next.status, next.body.errors, next.body.extensions!.queryStats!.sqlCount]).toEqual([200, undefined, 1]);
  });

  test('a 2 MB body: 413 before it is read, and the server answers the next request', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: '{ users { id } }', padding: 'x'.repeat(2_000_000) }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].message).toBe('Request body is larger than 1048576 bytes (MAX_BODY_BYTES)');
    expect((await sendOperation(server.url, '{ products(first: 1) { id } }')).status).toBe(200);
    // The log line is written after the response is sent: give stdout a moment to carry it.
    const logged = () => logLines(server.stdout()).some((line) => line.msg === 'request' && line.status === 413);
    for (let waited = 0; !logged() && waited < 2000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged()).toBe(true);
  });
});
