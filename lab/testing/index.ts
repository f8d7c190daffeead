import type { QueryStats } from '../../src/stats/query-stats';
import { type Operation, sendOperation, type Target } from '../client';

export type { Operation, Target };

/**
 * Assertions on the SQL an operation costs, for tests written against graphql-n1-lab (or any server that
 * reports `extensions.queryStats`). Works with the app in-process (anything with Yoga's `fetch`) or a URL:
 *
 *   const { expectQueries, expectNoNPlusOne } = queryExpectations(app);
 *   await expectQueries({ query, strategy: 'batched' }, { max: 4 });
 *   await expectNoNPlusOne({ query, strategy: 'batched' });
 */
export interface QueryLimits {
  /** Fail above this many statements. */
  max?: number;
  /** Fail unless exactly this many statements ran. */
  exactly?: number;
}

/** An expectation about SQL that did not hold; the message lists where the statements came from. */
export class QueryExpectationError extends Error {
  override name = 'QueryExpectationError';
}

export function queryExpectations(target: Target) {
  return {
    queryStats: (operation: Operation | string) => queryStatsOf(target, operation),
    expectQueries: (operation: Operation | string, limits: QueryLimits) => expectQueries(target, operation, limits),
    expectNoNPlusOne: (operation: Operation | string) => expectNoNPlusOne(target, operation),
  };
}

/** Runs the operation and returns its `extensions.queryStats`; GraphQL errors fail it. */
export async function queryStatsOf(target: Target, operation: Operation | string): Promise<QueryStats> {
  const { body } = await sendOperation(target, operation);
  if (body.errors?.length) {
    throw new QueryExpectationError(`the operation failed: ${body.errors.map((error) => error.message).join('; ')}`);
  }
  if (!body.extensions?.queryStats) {
    throw new QueryExpectationError('the response has no extensions.queryStats (is QUERY_STATS off?)');
  }
  return body.extensions.queryStats;
}

export async function expectQueries(target: Target, operation: Operation | string, { max, exactly }: QueryLimits): Promise<QueryStats> {
  if (max === undefined && exactly === undefined) throw new TypeError('expectQueries needs { max } or { exactly }');
  const stats = await queryStatsOf(target, operation);
  const expected = exactly !== undefined ? `exactly ${exactly}` : `at most ${max}`;
  if ((exactly !== undefined && stats.sqlCount !== exactly) || (max !== undefined && stats.sqlCount > max)) {
    throw new QueryExpectationError(
      `expected ${expected} SQL statements, got ${stats.sqlCount} (x-strategy: ${stats.strategy})\n${explainQueries(stats)}`,
    );
  }
  return stats;
}

export async function expectNoNPlusOne(target: Target, operation: Operation | string): Promise<QueryStats> {
  const stats = await queryStatsOf(target, operation);
  if (stats.nPlusOne.length > 0) {
    throw new QueryExpectationError(
      `expected no N+1 queries, found ${stats.nPlusOne.length} (x-strategy: ${stats.strategy})\n${explainQueries(stats)}`,
    );
  }
  return stats;
}

/** The statements by field, then each N+1 and duplicate with its statement and fix. */
export function explainQueries(stats: QueryStats): string {
  const width = Math.max(...stats.byPath.map((entry) => entry.path.length), 4);
  const flagged = new Set(stats.nPlusOne.map((finding) => finding.path));
  const lines = ['statements by field:'];
  for (const { path, sqlCount } of stats.byPath) {
    lines.push(`  ${path.padEnd(width)}  ${String(sqlCount).padStart(5)}${flagged.has(path) ? '  N+1' : ''}`);
  }
  for (const finding of stats.nPlusOne) {
    lines.push(`N+1 at ${finding.path}: ${finding.count} × ${finding.sql}`, `  fix: ${finding.hint}`);
  }
  for (const finding of stats.duplicates) {
    lines.push(`duplicate at ${finding.path}: ${finding.count} repeated × ${finding.sql}`);
  }
  return lines.join('\n');
}
