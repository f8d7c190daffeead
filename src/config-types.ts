/** The shapes of the settings config.ts reads, apart from the one Config that holds them. */

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

/** Prometheus metrics: on the app's own port at `/metrics` (the default), on a port of their own, or off. */
export interface MetricsConfig {
  enabled: boolean;
  /** Serve `/metrics` on this port instead of the app's; unset: on the app's port. */
  port?: number;
  /** Operation names (and N+1 field paths) that get a label value of their own; later ones count as `(other)`. */
  labelLimit: number;
}

/** Time bounds in milliseconds (docs/reference/settings.md says what each bounds on each database). */
export interface Timeouts {
  /** One SQL statement; PostgreSQL cancels it, pg gives up on a server that does not answer at all. */
  statementMs: number;
  /** Getting a connection: PostgreSQL's pool (a free one, or a new one's handshake); SQLite's lock (busy timeout). */
  acquireMs: number;
  /** `/ready`'s `select 1`. */
  readyMs: number;
  /** How long requests in flight at SIGTERM/SIGINT may take to finish before they are cut. */
  shutdownGraceMs: number;
}

/** The lab's history of recent requests (`/lab`, `/lab/requests`): how many it keeps, and its bounds. */
export interface LabConfig {
  /** Requests kept, newest first; 0 keeps none and turns /lab off (the default under NODE_ENV=production). */
  history: number;
  /** The whole history's size as JSON; the oldest requests go first, and one larger request is cut to fit. */
  maxBytes: number;
  /** Statements listed per request; the rest are counted (`statementsDropped`). */
  maxStatements: number;
  /** Resolver calls kept per field path per request, as resolver spans are (TRACE_RESOLVER_SPANS_PER_PATH). */
  resolversPerPath: number;
}
