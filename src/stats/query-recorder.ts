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
}

export interface StatementCount {
  sql: string;
  count: number;
}

export interface ExecutedStatement {
  /** SQL with `?` placeholders, exactly as MikroORM built it before binding values. */
  sql: string;
  /** When the statement finished (performance.now()) and how long it took. */
  endedAt: number;
  tookMs: number;
  rows?: number;
}

/**
 * Collects the SQL one request runs. One instance per request, handed to MikroORM as the fork's
 * `loggerContext`, so statements from concurrent requests can never mix.
 */
export class QueryRecorder {
  private readonly counts = new Map<string, StatementCount>();
  private readonly intervals: Array<[start: number, end: number]> = [];

  record(statement: ExecutedStatement): void {
    const sql = sanitizeSql(statement.sql);
    const entry = this.counts.get(sql);
    if (entry) entry.count += 1;
    else this.counts.set(sql, { sql, count: 1 });
    this.intervals.push([statement.endedAt - statement.tookMs, statement.endedAt]);
  }

  get sqlCount(): number {
    return this.intervals.length;
  }

  /** The union of the statements' time intervals, in milliseconds (two decimals). */
  get dbTimeMs(): number {
    const sorted = [...this.intervals].sort((a, b) => a[0] - b[0]);
    let total = 0;
    let coveredUntil = Number.NEGATIVE_INFINITY;
    for (const [start, end] of sorted) {
      const from = Math.max(start, coveredUntil);
      if (end > from) total += end - from;
      coveredUntil = Math.max(coveredUntil, end);
    }
    return Math.round(total * 100) / 100;
  }

  stats(strategy: string): QueryStats {
    return {
      strategy,
      sqlCount: this.sqlCount,
      dbTimeMs: this.dbTimeMs,
      statements: [...this.counts.values()].map((entry) => ({ ...entry })),
    };
  }
}
