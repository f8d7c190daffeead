import path from 'node:path';
import { FixableError } from './cli';

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
  metrics: MetricsConfig;
  log: { level: string; pretty: boolean };
  /** Jaeger's UI (e.g. http://localhost:16686), for the trace links `npm run compare` prints. */
  jaegerUiUrl?: string;
}

/** Prometheus metrics: on the app's own port at `/metrics` (the default), on a port of their own, or off. */
export interface MetricsConfig {
  enabled: boolean;
  /** Serve `/metrics` on this port instead of the app's; unset: on the app's port. */
  port?: number;
  /** Operation names (and N+1 field paths) that get a label value of their own; later ones count as `(other)`. */
  labelLimit: number;
}

/** A setting (environment variable or command-line flag) with a bad value. */
export class ConfigError extends FixableError {
  override name = 'ConfigError';
}

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
    metrics: parseMetrics(env),
    log: {
      level: parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      pretty: parseChoice(env, 'LOG_FORMAT', ['json', 'pretty'], development ? 'pretty' : 'json') === 'pretty',
    },
    jaegerUiUrl: parseHttpUrl(env, 'JAEGER_UI_URL'),
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

function parseMetrics(env: NodeJS.ProcessEnv): MetricsConfig {
  const port = env.METRICS_PORT?.trim() ? parseInteger(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  if (port !== undefined && port !== 0 && port === parseInteger(env, 'PORT', 4000, 0, 65535)) {
    throw new ConfigError(`METRICS_PORT must differ from PORT; both are ${port}`);
  }
  return {
    enabled: parseSwitch(env, 'METRICS', true),
    port,
    labelLimit: parseInteger(env, 'METRICS_LABEL_LIMIT', 100, 1, 10_000),
  };
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

function parseInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  return raw ? parseWholeNumber(name, raw, min, max) : fallback;
}

/** `raw` as a whole number from `min` to `max`, for a setting (`PORT`) or a script's flag (`--users`). */
export function parseWholeNumber(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return value;
}

function parseHttpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^https?:\/\/[^/\s]+/.test(raw)) throw new ConfigError(`${name} must be an http(s) URL; got "${raw}"`);
  return raw;
}

function parseSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'off', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off; got "${env[name]}"`);
}

function parseChoice(env: NodeJS.ProcessEnv, name: string, choices: string[], fallback: string): string {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (!choices.includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(', ')}; got "${env[name]}"`);
  }
  return raw;
}
