/** Why a statement failed when the database itself is out of reach, as opposed to the statement being wrong. */
export interface Unavailable {
  /** What happened, in words that name the setting that bounded it. */
  cause: string;
  /** The driver's own first line (these messages carry no SQL and no values). */
  error: string;
  code?: string;
}

interface DriverError {
  message: string;
  code?: unknown;
}

// The driver errors (pg, pg-pool, better-sqlite3; MikroORM copies `code` onto its DriverException) that mean
// the database is hung, gone, refusing, shutting down or locked: worth a retry later, nothing the query did.
const KNOWN: Array<[(error: DriverError) => boolean, string]> = [
  [(e) => e.code === '57014', 'the statement ran past DB_STATEMENT_TIMEOUT_MS (statement_timeout)'],
  [(e) => e.message.startsWith('Query read timeout'), 'no reply within DB_STATEMENT_TIMEOUT_MS (the server went silent)'],
  [
    (e) => /timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(e.message),
    'no connection within DB_ACQUIRE_TIMEOUT_MS',
  ],
  [(e) => e.code === 'ECONNREFUSED', 'the server refused the connection'],
  [
    (e) =>
      ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(String(e.code)) ||
      /Connection terminated|not queryable/.test(e.message),
    'the connection to the server was lost',
  ],
  [(e) => /^(08|57P0[1-5]|53300)/.test(String(e.code)), 'the server is refusing connections or shutting down'],
  [
    (e) => String(e.code).startsWith('SQLITE_BUSY') || e.message.includes('database is locked'),
    'another connection held the lock past DB_ACQUIRE_TIMEOUT_MS (busy timeout)',
  ],
];

/** The reason `error` means "database unavailable", or undefined for any other error. */
export function databaseUnavailable(error: unknown): Unavailable | undefined {
  if (!(error instanceof Error)) return undefined;
  const driverError = { message: error.message, code: (error as { code?: unknown }).code };
  const known = KNOWN.find(([matches]) => matches(driverError));
  if (!known) return undefined;
  return {
    cause: known[1],
    error: error.message.split('\n')[0]!,
    ...(typeof driverError.code === 'string' && { code: driverError.code }),
  };
}
