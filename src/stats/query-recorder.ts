import { createHash } from 'node:crypto';
import type { LogContext } from '@mikro-orm/core';
import type { QueryListener } from '../db/query-listener';
import { sanitizeSql } from '../db/sql-text';
import { currentField, inAskingField } from './field-scope';
import type { QueryStats } from './query-stats';
import { type RepeatOptions, findRepeats } from './repeats';
import { roundMs, unionMs } from './time';

export interface ExecutedStatement {
  /** SQL with `?` placeholders, exactly as MikroORM built it before binding values. */
  sql: string;
  /** When the statement finished (performance.now()) and how long it took. */
  endedAt: number;
  tookMs: number;
  /** Rows returned, when the statement returns rows. */
  rows?: number;
  /** The bound values: only a digest is kept, to tell repeats from different parameters. */
  params?: readonly unknown[];
}

/** One statement as recorded: its shape, the field that ran it, a digest of its parameters, when it ran. */
export interface Execution {
  sql: string;
  path: string;
  coordinate?: string;
  paramsDigest: string;
  rows: number;
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
  private readonly ormCalls: Array<[start: number, end: number]> = [];
  /** No statement of this request can have started earlier; MikroORM's whole-millisecond times could say so. */
  private readonly createdAt = performance.now();

  constructor(private readonly repeatOptions: RepeatOptions) {}

  /** MikroORM's event for a statement it ran, as a statement of this request. */
  onQuery(event: LogContext): void {
    if (!event.query) return;
    this.record({ sql: event.query, endedAt: performance.now(), tookMs: event.took ?? 0, rows: event.results, params: event.params });
  }

  onOrmCall(startedAt: number, endedAt: number): void {
    this.ormCalls.push([startedAt, endedAt]);
  }

  /** Statements `work` starts belong to the field that asked for them (see field-scope.ts). */
  attribute<T>(work: () => T): T {
    return inAskingField(work);
  }

  record(statement: ExecutedStatement): void {
    const field = currentField();
    this.executions.push({
      sql: sanitizeSql(statement.sql),
      path: field?.path ?? OUTSIDE_RESOLVERS,
      coordinate: field?.coordinate,
      paramsDigest: digest(statement.params),
      rows: statement.rows ?? 0,
      interval: [Math.max(this.createdAt, statement.endedAt - statement.tookMs), statement.endedAt],
    });
  }

  get dbTimeMs(): number {
    return unionMs(this.executions.map((execution) => execution.interval));
  }

  /** The statistics so far; `executionMs`, how long GraphQL execution took, splits off the GraphQL share. */
  stats(strategy: string, executionMs = 0): QueryStats {
    const statements = this.executions.map((execution) => execution.interval);
    const dbTimeMs = unionMs(statements);
    const ormTimeMs = roundMs(Math.max(0, unionMs([...statements, ...this.ormCalls]) - dbTimeMs));
    return {
      strategy,
      sqlCount: this.executions.length,
      rowsFetched: this.executions.reduce((sum, execution) => sum + execution.rows, 0),
      dbTimeMs,
      ormTimeMs,
      graphqlTimeMs: roundMs(Math.max(0, executionMs - dbTimeMs - ormTimeMs)),
      statements: [...groupBy(this.executions, (execution) => execution.sql)].map(([sql, runs]) => ({ sql, count: runs.length })),
      byPath: [...groupBy(this.executions, (execution) => execution.path)].map(([path, runs]) => ({
        path,
        sqlCount: runs.length,
        dbTimeMs: unionMs(runs.map((run) => run.interval)),
      })),
      ...findRepeats(this.executions, this.repeatOptions),
    };
  }
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
