import { createHash } from 'node:crypto';
import type { LogContext } from '@mikro-orm/core';
import type { QueryListener } from '../db/orm-logger';
import { sanitizeSql } from '../db/sql-text';
import { currentField } from './field-scope';
import { type RepeatFinding, type RepeatOptions, findRepeats } from './repeats';
import { roundMs } from './round-ms';

/** What every response reports in `extensions.queryStats`. */
export interface QueryStats {
  strategy: string;
  sqlCount: number;
  /**
   * Wall-clock milliseconds during which at least one statement was in flight. Not the sum of statement
   * times: concurrent resolvers overlap (and queue on SQLite's single connection), so a sum would count the
   * same wait several times and could exceed the request's own duration.
   */
  dbTimeMs: number;
  /** Each distinct statement, with placeholders instead of values, in the order each first finished. */
  statements: Array<{ sql: string; count: number }>;
  /** The SQL each GraphQL field caused (list indices folded: `users.orders`); the counts add up to sqlCount. */
  byPath: PathStats[];
  /** Fields that ran one statement per parent, with the fix. */
  nPlusOne: RepeatFinding[];
  /** Statements that ran again with the same parameters from the same field. */
  duplicates: RepeatFinding[];
}

export interface PathStats {
  path: string;
  sqlCount: number;
  dbTimeMs: number;
}

export interface ExecutedStatement {
  /** SQL with `?` placeholders, exactly as MikroORM built it before binding values. */
  sql: string;
  /** When the statement finished (performance.now()) and how long it took. */
  endedAt: number;
  tookMs: number;
  /** The bound values: only a digest is kept, to tell repeats from different parameters. */
  params?: readonly unknown[];
}

/** One statement as recorded: its shape, the field that ran it, a digest of its parameters, when it ran. */
export interface Execution {
  sql: string;
  path: string;
  coordinate?: string;
  paramsDigest: string;
  interval: [start: number, end: number];
}

/** Where statements issued outside any resolver are attributed. */
export const OUTSIDE_RESOLVERS = '(request)';

/**
 * Collects the SQL one request runs. One instance per request, handed to MikroORM in the fork's
 * `loggerContext` (it is the request's QueryListener), so statements from concurrent requests never mix.
 */
export class QueryRecorder implements QueryListener {
  private readonly executions: Execution[] = [];
  /** No statement of this request can have started earlier; MikroORM's whole-millisecond times could say so. */
  private readonly createdAt = performance.now();

  constructor(private readonly repeatOptions: RepeatOptions) {}

  /** MikroORM's event for a statement it ran, as a statement of this request. */
  onQuery(event: LogContext): void {
    if (!event.query) return;
    this.record({ sql: event.query, endedAt: performance.now(), tookMs: event.took ?? 0, params: event.params });
  }

  record(statement: ExecutedStatement): void {
    const field = currentField();
    this.executions.push({
      sql: sanitizeSql(statement.sql),
      path: field?.path ?? OUTSIDE_RESOLVERS,
      coordinate: field?.coordinate,
      paramsDigest: digest(statement.params),
      interval: [Math.max(this.createdAt, statement.endedAt - statement.tookMs), statement.endedAt],
    });
  }

  get dbTimeMs(): number {
    return unionMs(this.executions);
  }

  stats(strategy: string): QueryStats {
    return {
      strategy,
      sqlCount: this.executions.length,
      dbTimeMs: this.dbTimeMs,
      statements: [...groupBy(this.executions, (execution) => execution.sql)].map(([sql, runs]) => ({ sql, count: runs.length })),
      byPath: [...groupBy(this.executions, (execution) => execution.path)].map(([path, runs]) => ({
        path,
        sqlCount: runs.length,
        dbTimeMs: unionMs(runs),
      })),
      ...findRepeats(this.executions, this.repeatOptions),
    };
  }
}

/** Milliseconds covered by at least one of the executions' intervals. */
function unionMs(executions: Execution[]): number {
  const sorted = executions.map((execution) => execution.interval).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    const from = Math.max(start, coveredUntil);
    if (end > from) total += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return roundMs(total);
}

/** Items grouped by key, groups in the order each key first appears. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function digest(params: readonly unknown[] | undefined): string {
  const text = JSON.stringify(params ?? [], (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
