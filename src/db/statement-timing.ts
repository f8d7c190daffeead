import { AsyncLocalStorage } from 'node:async_hooks';
import type { MikroORM } from '@mikro-orm/core';
import { QUERY_LISTENER, type QueryListener } from './query-listener';
import { bytesOfRows } from './row-bytes';

type ExecuteQuery = (query: string, run: () => Promise<unknown>, context?: Record<string, unknown>) => Promise<unknown>;
type DriverExecute = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** The statement being run, in the async context of its driver call: when the database began executing it. */
const running = new AsyncLocalStorage<Measured>();

interface Measured {
  calledAt: number;
  executingSince?: number;
  endedAt?: number;
}

/**
 * Times every statement of a request around the driver call and tells the request's listener (carried in the
 * statement's logger context): MikroORM's own `took` is in whole milliseconds, too coarse for a waterfall of
 * statements that take a tenth of one. The wrapper sits on each connection object, inside whatever instruments
 * the prototype (the SQL spans), and costs nothing for statements of no request (migrations, the seed, /ready).
 */
export function timeStatements(orm: MikroORM): void {
  const driver = orm.em.getDriver();
  for (const connection of new Set([driver.getConnection('write'), driver.getConnection('read')])) {
    // executeQuery is protected: this is the one place outside MikroORM that wraps it on an instance.
    const exposed = connection as unknown as { executeQuery: ExecuteQuery };
    const original = exposed.executeQuery.bind(connection);
    exposed.executeQuery = (query, run, context) => {
      const listener = context?.[QUERY_LISTENER] as QueryListener | undefined;
      if (!listener) return original(query, run, context);
      const params = context?.params as readonly unknown[] | undefined;
      return original(query, () => timed(query, params, listener, run), context);
    };
  }
}

function timed(sql: string, params: readonly unknown[] | undefined, listener: QueryListener, run: () => Promise<unknown>) {
  return timeStatement(run, ({ startedAt, endedAt }, { result }) => {
    const rows = Array.isArray(result) ? result.length : undefined;
    listener.onStatement({ sql, params, startedAt, endedAt, rows, bytes: Array.isArray(result) ? bytesOfRows(result) : undefined });
  });
}

/** When the database executed a statement (performance.now()): from reaching it to having returned its rows. */
export interface StatementTimes {
  startedAt: number;
  endedAt: number;
}

/**
 * Runs one statement's driver call (`run`) and tells `done` when the database executed it, and how it ended. A
 * call inside another's measurement (the SQL span around the request's own) shares it: both see the same times.
 */
export async function timeStatement<T>(
  run: () => Promise<T>,
  done: (times: StatementTimes, outcome: { result?: T; error?: unknown }) => void,
): Promise<T> {
  const enclosing = running.getStore();
  const statement = enclosing ?? { calledAt: performance.now() };
  const outcome: { result?: T; error?: unknown } = {};
  try {
    outcome.result = enclosing ? await run() : await running.run(statement, run);
    return outcome.result;
  } catch (error) {
    outcome.error = error;
    throw error;
  } finally {
    statement.endedAt ??= performance.now();
    done({ startedAt: statement.executingSince ?? statement.calledAt, endedAt: statement.endedAt }, outcome);
  }
}

/**
 * MikroORM's `onCreateConnection`, handed each database connection its query builder (kysely) opens: marks when
 * a statement reaches the database, after any wait for the connection, and when the driver hands back its rows.
 * On SQLite every statement queues for the one connection, on PostgreSQL for a free one in the pool; a waterfall
 * drawn from the call would show that wait as the database's work, and statements that ran one after another as
 * overlapping. The end is marked here too, not where the ORM's call resumes: on SQLite the next statement in the
 * queue runs (synchronously) as the connection is released, a few promise hops before that call resumes, and
 * the statement would be drawn over it and over the ORM's work in between.
 */
export async function markExecution(connection: unknown): Promise<void> {
  const target = connection as { executeQuery: DriverExecute };
  const execute = target.executeQuery;
  target.executeQuery = function (this: unknown, ...args: unknown[]) {
    const statement = running.getStore();
    if (!statement) return execute.apply(this, args);
    statement.executingSince = performance.now();
    const ended = () => {
      statement.endedAt = performance.now();
    };
    const execution = execute.apply(this, args);
    execution.then(ended, ended);
    return execution;
  };
}
