import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

// The real faults (a hung, killed or locked database) are produced for real in test/process/database-faults;
// here the connection is made to fail on cue, to pin how each kind of failure reaches the client.
let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());
afterEach(() => jest.restoreAllMocks());

/** The next `times` statements fail with `error`, as the driver would have thrown it. */
function failNext(error: Error, times = 1) {
  const connection = lab.orm.em.getConnection();
  const spy = jest.spyOn(connection, 'execute');
  for (let i = 0; i < times; i += 1) spy.mockRejectedValueOnce(error);
}

const unavailableLines = () => lab.logs.filter((line) => line.msg === 'database unavailable');

describe(`database errors [${TEST_DB}]`, () => {
  test.each(['naive', 'batched', 'joined'])(
    'unreachable under %s: 503, one DATABASE_UNAVAILABLE error, one log line, nothing else leaked',
    async (strategy) => {
      const before = unavailableLines().length;
      failNext(new Error('Query read timeout'));
      const { status, body } = await lab.gql('query Users { users(first: 3) { id orders { id } } }', { strategy });
      expect(status).toBe(503);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        {
          message: 'The database is unavailable; try again shortly.',
          locations: [{ line: 1, column: 15 }],
          path: ['users'],
          extensions: { code: 'DATABASE_UNAVAILABLE' },
        },
      ]);
      expect(unavailableLines().slice(before)).toEqual([
        expect.objectContaining({
          operation: 'Users',
          strategy,
          cause: 'no reply within DB_STATEMENT_TIMEOUT_MS (the server went silent)',
          error: 'Query read timeout',
        }),
      ]);
    },
  );

  test('part of the data came back: 200 with the data and the DATABASE_UNAVAILABLE error on the field that failed', async () => {
    failNext(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    const { status, body } = await lab.gql('{ user(id: 1) { id } products(first: 1) { id } }', { strategy: 'batched' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ user: null, products: [{ id: '1' }] });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['user'], extensions: { code: 'DATABASE_UNAVAILABLE' } })]);
  });

  test('any other error is still a bug: masked as "Unexpected error." and logged in full, HTTP 200 as before, no 503', async () => {
    const before = unavailableLines().length;
    failNext(new Error('syntax error at or near "selec"'));
    const { status, body } = await lab.gql('{ users(first: 1) { id } }');
    expect(status).toBe(200);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', path: ['users'] })]);
    expect(body.errors![0]!.extensions?.code).not.toBe('DATABASE_UNAVAILABLE');
    expect(unavailableLines()).toHaveLength(before);
    expect(lab.logs).toContainEqual(expect.objectContaining({ msg: 'unexpected error while resolving' }));
  });
});
