import type { EntityManager, LogContext } from '@mikro-orm/core';

/** The key under which a request's QueryListener travels in its EntityManager fork's `loggerContext`. */
export const QUERY_LISTENER = 'queryListener';

/** Told about every statement a request's EntityManager runs (the request's QueryRecorder, in src/stats/). */
export interface QueryListener {
  onQuery(event: LogContext): void;
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
