import { DriverException, LockWaitTimeoutException } from '@mikro-orm/core';
import { databaseUnavailable } from '../../src/db/unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('databaseUnavailable', () => {
  // Each error as the driver (pg, pg-pool, better-sqlite3) throws it and MikroORM wraps it; the messages were
  // taken from test/process/database-faults.test.ts runs.
  test.each([
    [withCode('canceling statement due to statement timeout', '57014'), 'the statement ran past DB_STATEMENT_TIMEOUT_MS (statement_timeout)'],
    [new DriverException(new Error('Query read timeout')), 'no reply within DB_STATEMENT_TIMEOUT_MS (the server went silent)'],
    [new DriverException(new Error('timeout exceeded when trying to connect')), 'no connection within DB_ACQUIRE_TIMEOUT_MS'],
    [new Error('Connection terminated due to connection timeout'), 'no connection within DB_ACQUIRE_TIMEOUT_MS'],
    [new DriverException(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')), 'the server refused the connection'],
    [new DriverException(new Error('Connection terminated unexpectedly')), 'the connection to the server was lost'],
    [withCode('read ECONNRESET', 'ECONNRESET'), 'the connection to the server was lost'],
    [withCode('terminating connection due to administrator command', '57P01'), 'the server is refusing connections or shutting down'],
    [withCode('sorry, too many clients already', '53300'), 'the server is refusing connections or shutting down'],
    [
      new LockWaitTimeoutException(withCode('database is locked', 'SQLITE_BUSY')),
      'another connection held the lock past DB_ACQUIRE_TIMEOUT_MS (busy timeout)',
    ],
  ])('%s → %s', (error, cause) => {
    expect(databaseUnavailable(error)?.cause).toBe(cause);
  });

  test('keeps the driver code and only the first line of its message', () => {
    const error = new DriverException(withCode('database is locked\n - detail: whatever', 'SQLITE_BUSY'));
    expect(databaseUnavailable(error)).toEqual({
      cause: 'another connection held the lock past DB_ACQUIRE_TIMEOUT_MS (busy timeout)',
      error: 'database is locked',
      code: 'SQLITE_BUSY',
    });
  });

  test.each([
    withCode('relation "users" does not exist', '42P01'),
    withCode('syntax error at or near "selec"', '42601'),
    withCode('duplicate key value violates unique constraint', '23505'),
    new TypeError("Cannot read properties of undefined (reading 'id')"),
    'a string',
    undefined,
  ])('%s is not the database being unavailable', (error) => {
    expect(databaseUnavailable(error)).toBeUndefined();
  });
});
