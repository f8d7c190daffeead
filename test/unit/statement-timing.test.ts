import { markExecution, type StatementTimes, timeStatement } from '../../src/db/statement-timing';

/** Holds the thread for `ms`, as the ORM's work on other statements does between two promise hops. */
function busyFor(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A connection as kysely opens it, marked by markExecution, whose statements take `executeMs` each. */
async function markedConnection(executeMs: number) {
  const connection = {
    executeQuery: async (sql: string) => {
      busyFor(executeMs);
      if (sql === 'fail') throw new Error('no such table: fail');
      return { rows: [sql] };
    },
  };
  await markExecution(connection);
  return connection;
}

describe('statement timing', () => {
  test('a statement runs from reaching the connection to the driver handing back its rows, not to when its caller resumes', async () => {
    const connection = await markedConnection(5);
    let times!: StatementTimes;
    const calledAt = performance.now();
    const result = await timeStatement(
      async () => {
        busyFor(10); // waiting for the connection
        const rows = await connection.executeQuery('select 1');
        busyFor(30); // what runs before the caller resumes: the next statement in the queue, another's rows mapped
        return rows;
      },
      (measured) => {
        times = measured;
      },
    );
    expect(result).toEqual({ rows: ['select 1'] });
    expect(times.startedAt - calledAt).toBeGreaterThanOrEqual(10);
    const took = times.endedAt - times.startedAt;
    expect(took).toBeGreaterThanOrEqual(5);
    expect(took).toBeLessThan(30);
  });

  test('a failed statement ends where the driver failed, and the error still reaches the caller', async () => {
    const connection = await markedConnection(5);
    let times!: StatementTimes;
    let error: unknown;
    const outcome = timeStatement(
      async () => {
        const rows = connection.executeQuery('fail');
        await rows.catch(() => busyFor(30));
        return rows;
      },
      (measured, ended) => {
        times = measured;
        error = ended.error;
      },
    );
    await expect(outcome).rejects.toThrow('no such table: fail');
    expect((error as Error).message).toBe('no such table: fail');
    expect(times.endedAt - times.startedAt).toBeLessThan(30);
  });

  test('outside a timed statement (migrations, the seed) the connection runs as it would unmarked', async () => {
    const connection = await markedConnection(0);
    expect(await connection.executeQuery('select 2')).toEqual({ rows: ['select 2'] });
  });
});
