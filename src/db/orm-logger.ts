import type { EntityManager, LogContext, Logger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger as Pino } from 'pino';
import { inAskingField } from '../stats/field-scope';
import { sanitizeSql } from './sql-text';

/** The key under which a request's QueryListener travels in its EntityManager fork's `loggerContext`. */
export const QUERY_LISTENER = 'queryListener';

/** Told about every statement a request's EntityManager ran (the request's QueryRecorder, in src/stats/). */
export interface QueryListener {
  onQuery(event: LogContext): void;
  /** An ORM call (statement, then mapping rows to results) ran from `startedAt` to `endedAt` (performance.now()). */
  onOrmCall(startedAt: number, endedAt: number): void;
}

/**
 * Runs one ORM call and tells the request's listener how long it took, so the time the ORM spends around its
 * statements (building SQL, mapping rows, hydrating entities) can be told apart from the database's.
 */
export function ormCall<T>(em: EntityManager, call: () => Promise<T>): Promise<T> {
  // Where SQL starts: from here on its statements are attributed to the field that asked (see field-scope.ts).
  return inAskingField(() => timedOrmCall(em, call));
}

async function timedOrmCall<T>(em: EntityManager, call: () => Promise<T>): Promise<T> {
  const listener = em.getLoggerContext()[QUERY_LISTENER] as QueryListener | undefined;
  const startedAt = performance.now();
  try {
    return await call();
  } finally {
    listener?.onOrmCall(startedAt, performance.now());
  }
}

/**
 * MikroORM's logger, routed to pino, and each executed statement handed to the request's QueryListener.
 *
 * MikroORM calls `logQuery` after every statement, with the SQL as built (`?` placeholders), the bound
 * values in `params`, the time taken and the row count. `isEnabled('query')` stays false on purpose: when it
 * is true MikroORM rewrites the text for the dialect (`$1` on PostgreSQL), and `query-params` would inline
 * user values into the text. Values are never logged.
 */
export class OrmLogger implements Logger {
  constructor(private readonly logger: Pino) {}

  log(namespace: LoggerNamespace | string, message: string): void {
    this.logger.debug({ ns: `orm:${namespace}` }, message);
  }

  warn(namespace: LoggerNamespace | string, message: string): void {
    this.logger.warn({ ns: `orm:${namespace}` }, message);
  }

  error(namespace: LoggerNamespace | string, message: string): void {
    this.logger.error({ ns: `orm:${namespace}` }, message);
  }

  logQuery(context: LogContext): void {
    if (!context.query) return;
    (context[QUERY_LISTENER] as QueryListener | undefined)?.onQuery(context);
    if (this.logger.isLevelEnabled('debug')) {
      this.logger.debug(
        { ns: 'orm:query', sql: sanitizeSql(context.query), tookMs: context.took, rows: context.results },
        'sql',
      );
    }
  }

  setDebugMode(): void {}

  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace !== 'query' && namespace !== 'query-params' && this.logger.isLevelEnabled('debug');
  }
}
