import type { LogContext, Logger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger as Pino } from 'pino';
import { sanitizeSql } from './sql-text';

/**
 * MikroORM's logger, routed to pino (statements reach the request's listener through statement-timing.ts).
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
    if (this.logger.isLevelEnabled('debug')) {
      this.logger.debug({ ns: 'orm:query', sql: sanitizeSql(context.query), tookMs: context.took, rows: context.results }, 'sql');
    }
  }

  setDebugMode(): void {}

  isEnabled(namespace: LoggerNamespace): boolean {
    return namespace !== 'query' && namespace !== 'query-params' && this.logger.isLevelEnabled('debug');
  }
}
