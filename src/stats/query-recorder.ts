import { createHash } from 'node:crypto';
import { currentField } from './field-scope';
import { type DuplicateFinding, type NPlusOneFinding, type RepeatOptions, findRepeats } from './repeats';
import { sanitizeSql } from './sql-text';

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
  statements: StatementCount[];
  /** The SQL each GraphQL field caused (list indices folded: `users.orders`); the counts add up to sqlCount. */
  byPath: PathStats[];
  /** Fields that ran one statement per parent, with the fix. */
  nPlusOne: NPlusOneFinding[];
  /** Statements that ran again with the same parameters from the same field. */
  duplicates: DuplicateFinding[];
}

export interface StatementCount {
  sql: string;
  count: number;
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
  rows?: number;
  /** The bound values: only a digest is kept, to tell repeats from different parameters. */
  params?: readonly unknown[];
}

/** Where statements issued outside any resolver are attributed. */
export const OUTSIDE_RESOLVERS = '(request)';

interface Execution {
  sql: string;
  path: string;
  coordinate?: string;
  paramsDigest: string;
  interval: [start: number, end: number];
}

const NO_FIX: RepeatOptions = { threshold: 5, fixFor: () => undefined };

/**
 * Collects the SQL one request runs. One instance per request, handed to MikroORM as the fork's
 * `loggerContext`, so statements from concurrent requests can never mix.
 */
export class QueryRecorder {
  private readonly executions: Execution[] = [];
  /** No statement of this request can have started earlier; MikroORM's whole-millisecond times could say so. */
  private readonly createdAt = performance.now();

  constructor(private readonly repeatOptions: RepeatOptions = NO_FIX) {}

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

  get sqlCount(): number {
    return this.executions.length;
  }

  get dbTimeMs(): number {
    return unionMs(this.executions);
  }

  stats(strategy: string): QueryStats {
    return {
      strategy,
      sqlCount: this.sqlCount,
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

/** Milliseconds covered by at least one of the executions' intervals, to two decimals. */
function unionMs(executions: Execution[]): number {
  const sorted = executions.map((execution) => execution.interval).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    const from = Math.max(start, coveredUntil);
    if (end > from) total += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return Math.round(total * 100) / 100;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

function digest(params: readonly unknown[] | undefined): string {
  const text = JSON.stringify(params ?? [], (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
