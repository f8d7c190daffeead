import path from 'node:path';
import { ConfigError, parseChoice, parseHttpUrl, parseSwitch } from './config-values';

export { ConfigError };

/** Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgresql'; url: string };

export interface Config {
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Users seeded into an empty database on start (the seed is deterministic, see src/db/seed.ts). */
  seedUsers: number;
  /** Report `extensions.queryStats` in every response; turn off in production. */
  queryStats: boolean;
  /** Most keys one DataLoader batch sends in a single `IN (…)` list. */
  batchMaxSize: number;
  /** Distinct parameter sets of one statement from one field that the detector reports as an N+1. */
  nPlusOneThreshold: number;
  graphiql: boolean;
  log: { level: string; pretty: boolean };
  /** Jaeger's UI (e.g. http://localhost:16686), for the trace links `npm run compare` prints. */
  jaegerUiUrl?: string;
  timeouts: Timeouts;
}

/** Time bounds, in milliseconds (the README's Configuration table says what each bounds on each database). */
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

export const DEFAULT_TIMEOUTS: Timeouts = { statementMs: 5000, acquireMs: 2000, readyMs: 1000, shutdownGraceMs: 10_000 };

export const DEFAULT_SQLITE_FILE = path.join('data', 'graphql-n1-lab.sqlite');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const development = env.NODE_ENV === 'development';
  return {
    host: env.HOST?.trim() || '0.0.0.0',
    port: parseInteger(env, 'PORT', 4000, 0, 65535),
    database: parseDatabaseUrl(env.DATABASE_URL),
    seedUsers: parseInteger(env, 'SEED_USERS', 20, 0, 1_000_000),
    queryStats: parseSwitch(env, 'QUERY_STATS', true),
    batchMaxSize: parseInteger(env, 'BATCH_MAX_SIZE', 1000, 1, 10_000),
    nPlusOneThreshold: parseInteger(env, 'N_PLUS_ONE_THRESHOLD', 5, 2, 10_000),
    graphiql: parseSwitch(env, 'GRAPHIQL', true),
    log: {
      level: parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      pretty: parseChoice(env, 'LOG_FORMAT', ['json', 'pretty'], development ? 'pretty' : 'json') === 'pretty',
    },
    jaegerUiUrl: parseHttpUrl(env, 'JAEGER_UI_URL'),
    timeouts: {
      statementMs: parseInteger(env, 'DB_STATEMENT_TIMEOUT_MS', DEFAULT_TIMEOUTS.statementMs, 1, 600_000),
      acquireMs: parseInteger(env, 'DB_ACQUIRE_TIMEOUT_MS', DEFAULT_TIMEOUTS.acquireMs, 1, 600_000),
      readyMs: parseInteger(env, 'READY_TIMEOUT_MS', DEFAULT_TIMEOUTS.readyMs, 1, 60_000),
      shutdownGraceMs: parseInteger(env, 'SHUTDOWN_GRACE_MS', DEFAULT_TIMEOUTS.shutdownGraceMs, 0, 600_000),
    },
  };
}

/** OpenTelemetry: the SDK reads the standard OTEL_* variables itself; this only decides whether it starts. */
export interface TelemetryConfig {
  /** Off unless an exporter has somewhere to send spans: off starts nothing and patches nothing. */
  enabled: boolean;
  /** Where spans go, for the start-up log line: a collector URL (password hidden), `console`, … */
  destination: string;
}

export function loadTelemetryConfig(env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  const exporters = (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || 'otlp').split(',').map((name) => name.trim());
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || exporters.includes('none');
  const destinations = exporters.flatMap((name) => (name === 'otlp' ? (endpoint ? [redactUrl(endpoint)] : []) : [name]));
  return { enabled: !disabled && destinations.length > 0, destination: destinations.join(', ') };
}

/**
 * `postgres://…`/`postgresql://…` selects PostgreSQL; `sqlite:<file>` (or `sqlite::memory:`) selects SQLite;
 * unset means the default SQLite file.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const url = value?.trim();
  if (!url) return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError(`DATABASE_URL "sqlite:" needs a file name, e.g. sqlite:data/lab.sqlite`);
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL: "${redactUrl(url)}"`);
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError(
        `DATABASE_URL must name a host and a database, e.g. postgres://user@localhost:5432/lab; got "${redactUrl(url)}"`,
      );
    }
    return { kind: 'postgresql', url };
  }
  throw new ConfigError(
    `DATABASE_URL must be a postgres:// URL or sqlite:<file>; got "${redactUrl(url)}"`,
  );
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export function describeDatabase(database: DatabaseConfig): string {
  return database.kind === 'sqlite' ? `sqlite:${database.file}` : redactUrl(database.url);
}

/** `raw` as a whole number from `min` to `max`, for a setting (`PORT`) or a script's flag (`--users`). */
export function parseWholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  return raw ? parseWholeNumber(name, raw, min, max) : fallback;
}
