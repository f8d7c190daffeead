import type { EntityManager } from '@mikro-orm/core';

/** The key under which a request's QueryListener travels in its EntityManager fork's `loggerContext`. */
export const QUERY_LISTENER = 'queryListener';

/** One statement as the driver ran it, timed around the driver call (performance.now(), to the microsecond). */
export interface TimedStatement {
  /** SQL with `?` placeholders, exactly as MikroORM built it before binding values. */
  sql: string;
  /** The bound values: a listener keeps a digest at most, to tell repeats from different parameters. */
  params?: readonly unknown[];
  startedAt: number;
  /** When the driver had returned the statement's rows (or failed). */
  endedAt: number;
  /** Rows returned, when the statement returns rows. */
  rows?: number;
  /** The size of the values in those rows (row-bytes.ts). */
  bytes?: number;
}

/** Told about every statement a request's EntityManager runs (the request's recorder, in src/stats/). */
export interface QueryListener {
  onStatement(statement: TimedStatement): void;
  /** An ORM call (statement, then mapping rows to results) ran from `startedAt` to `endedAt` (performance.now()). */
  onOrmCall(startedAt: number, endedAt: number): void;
  /** Runs `work`, which starts SQL, so that its statements reach this listener attributed to whoever asked. */
  attribute<T>(work: () => T): T;
}

export function queryListenerOf(em: EntityManager): QueryListener | undefined {
  return em.getLoggerContext()[QUERY_LISTENER] as QueryListener | undefined;
}

/**
 * Runs one ORM call and tells the request's listener how long it took, so the time the ORM spends around its
 * statements (building SQL, mapping rows, hydrating entities) can be told apart from the database's.
 */
export function ormCall<T>(em: EntityManager, call: () => Promise<T>): Promise<T> {
  const listener = queryListenerOf(em);
  return listener ? listener.attribute(() => timed(listener, call)) : call();
}

async function timed<T>(listener: QueryListener, call: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  try {
    return await call();
  } finally {
    listener.onOrmCall(startedAt, performance.now());
  }
}
