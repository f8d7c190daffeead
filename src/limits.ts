/** What the API bounds, as config.ts reads it: a document's size and cost, and how large one joined statement may grow. */
export interface QueryLimits {
  /** Nesting of fields, counted from the root (`{ users { id } }` is 2); fragments add no level. */
  maxDepth: number;
  maxAliases: number;
  /** Lexical tokens in the document (names, punctuation, values); parsing stops past it. */
  maxTokens: number;
  maxDirectives: number;
  /** Estimated work: each field 1, a root list's selection × its `first`, a nested list's × 10. */
  maxCost: number;
}

/** How large the joined strategy lets one statement grow; a larger selection is refused before any SQL. */
export interface JoinedLimits {
  /** Populate paths in one statement: each is a JOIN (or, for `orderCount`, a subquery). */
  maxRelations: number;
  /** List relations among them: each multiplies the rows the statement returns. */
  maxToMany: number;
}
