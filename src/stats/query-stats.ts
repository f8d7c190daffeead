import type { RepeatFinding } from './repeats';

/** What every response reports in `extensions.queryStats`. */
export interface QueryStats {
  strategy: string;
  sqlCount: number;
  /** Rows the database sent back, all statements together: a JOIN repeats its parent's columns on every row. */
  rowsFetched: number;
  /**
   * Wall-clock milliseconds during which at least one statement was in flight. Not the sum of statement
   * times: concurrent resolvers overlap (and queue on SQLite's single connection), so a sum would count the
   * same wait several times and could exceed the request's own duration.
   */
  dbTimeMs: number;
  /** Milliseconds inside ORM calls with no statement in flight: building SQL, mapping rows, hydrating entities. */
  ormTimeMs: number;
  /** The rest of execution: resolvers, DataLoader scheduling and graphql-js completing the result. */
  graphqlTimeMs: number;
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

/** The statistics of a request that ran no SQL (refused before execution), under the strategy it named. */
export function noStatements(strategy: string): QueryStats {
  return { strategy, sqlCount: 0, rowsFetched: 0, dbTimeMs: 0, ormTimeMs: 0, graphqlTimeMs: 0, statements: [], byPath: [], nPlusOne: [], duplicates: [] };
}
