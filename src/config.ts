import type { JoinedLimits, LabConfig, MetricsConfig, QueryLimits, Timeouts } from './config-types';
import { type DatabaseConfig, parseDatabaseUrl, redactUrl } from './database-url';
import { ConfigError, parseChoice, parseHttpUrl, parseInteger, parseOrigins, parseSwitch } from './settings';

export type { JoinedLimits, LabConfig, MetricsConfig, QueryLimits, Timeouts } from './config-types';
export { type DatabaseConfig, DEFAULT_SQLITE_FILE, describeDatabase, parseDatabaseUrl, redactUrl } from './database-url';
export { ConfigError, parseWholeNumber } from './settings';

export interface Config {
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Users seeded into an empty database on start (the seed is deterministic, see src/db/seed.ts). */
  seedUsers: number;
  /** Report `extensions.queryStats` (SQL with placeholders) in every response; off by default in production. */
  queryStats: boolean;
  /** Most keys one DataLoader batch sends in a single `IN (…)` list. */
  batchMaxSize: number;
  /** Distinct parameter sets of one statement from one field that the detector reports as an N+1. */
  nPlusOneThreshold: number;
  graphiql: boolean;
  metrics: MetricsConfig;
  /** NODE_ENV=development: responses may carry error details (messages, stacks, SQL); otherwise never. */
  development: boolean;
  /** Answer `__schema`/`__type` queries (and "Did you mean" suggestions); off by default in production. */
  introspection: boolean;
  /** Documents over these are refused before they run (src/plugins/query-limits.ts). */
  limits: QueryLimits;
  /** How large one joined statement may grow (src/strategies/selection.ts). */
  joined: JoinedLimits;
  /** Largest request body accepted; a larger one is answered 413. */
  maxBodyBytes: number;
  /** Web origins granted CORS with credentials; none listed: any origin, never with credentials. */
  corsOrigins: string[];
  log: { level: string; pretty: boolean };
  /** Jaeger's UI (e.g. http://localhost:16686), for the trace links `npm run compare` prints. */
  jaegerUiUrl?: string;
  timeouts: Timeouts;
  lab: LabConfig;
  writes: WriteAccess;
  cache: CacheConfig;
}

/** The products cache behind `x-cache: on`: Redis when a URL is given, this process's LRU otherwise. */
export interface CacheConfig {
  redisUrl?: string;
  /** Redis only: before every key, so apps on different data (a test run, another lab) never share entries. */
  keyPrefix: string;
  ttlSeconds: number;
  /** Redis only: a command slower than this is a miss, and the database answers. */
  timeoutMs: number;
  /** The in-process LRU only: how many products it keeps. */
  maxEntries: number;
}

/** Who may run mutations: with a token, only requests bearing it; without one, anyone unless NODE_ENV=production. */
export interface WriteAccess {
  token?: string;
  allowedWithoutToken: boolean;
}

/** A shorter WRITE_TOKEN is refused at start: it would be guessable. */
export const MIN_WRITE_TOKEN_LENGTH = 16;

export const DEFAULT_TIMEOUTS: Timeouts = { statementMs: 5000, acquireMs: 2000, readyMs: 1000, shutdownGraceMs: 10_000 };
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const development = env.NODE_ENV === 'development';
  // Production ships its own operations: schema discovery (GraphiQL, introspection) is for everywhere else.
  const production = env.NODE_ENV === 'production';
  const graphiql = parseSwitch(env, 'GRAPHIQL', !production);
  return {
    host: env.HOST?.trim() || '0.0.0.0',
    port: parseInteger(env, 'PORT', 4000, 0, 65535),
    database: withNetworkLatency(parseDatabaseUrl(env.DATABASE_URL), parseInteger(env, 'DB_NETWORK_LATENCY_MS', 0, 0, 1000)),
    seedUsers: parseInteger(env, 'SEED_USERS', 20, 0, 1_000_000),
    queryStats: parseSwitch(env, 'QUERY_STATS', !production),
    batchMaxSize: parseInteger(env, 'BATCH_MAX_SIZE', 1000, 1, 10_000),
    nPlusOneThreshold: parseInteger(env, 'N_PLUS_ONE_THRESHOLD', 5, 2, 10_000),
    graphiql,
    metrics: parseMetrics(env),
    development,
    introspection: parseSwitch(env, 'INTROSPECTION', !production),
    limits: {
      maxDepth: parseInteger(env, 'MAX_DEPTH', 8, 1, 1000),
      maxAliases: parseInteger(env, 'MAX_ALIASES', 15, 0, 100_000),
      maxTokens: parseInteger(env, 'MAX_TOKENS', 1000, 1, 10_000_000),
      maxDirectives: parseInteger(env, 'MAX_DIRECTIVES', 50, 0, 100_000),
      maxCost: parseInteger(env, 'MAX_COST', 1_000_000, 1, Number.MAX_SAFE_INTEGER),
    },
    joined: {
      maxRelations: parseInteger(env, 'JOINED_MAX_RELATIONS', 8, 1, 1000),
      maxToMany: parseInteger(env, 'JOINED_MAX_TO_MANY', 3, 1, 100),
    },
    maxBodyBytes: parseInteger(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 1_000_000_000),
    corsOrigins: parseOrigins(env, 'CORS_ORIGINS'),
    log: {
      level: parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
      pretty: parseChoice(env, 'LOG_FORMAT', ['json', 'pretty'], development ? 'pretty' : 'json') === 'pretty',
    },
    jaegerUiUrl: parseHttpUrl(env, 'JAEGER_UI_URL'),
    lab: {
      history: parseInteger(env, 'LAB_HISTORY', graphiql ? 100 : 0, 0, 10_000),
      maxBytes: parseInteger(env, 'LAB_HISTORY_BYTES', 16 * 2 ** 20, 64 * 1024, 2 ** 31),
      maxStatements: parseInteger(env, 'LAB_HISTORY_STATEMENTS', 2000, 1, 1_000_000),
      resolversPerPath: parseInteger(env, 'TRACE_RESOLVER_SPANS_PER_PATH', DEFAULT_RESOLVER_SPANS_PER_PATH, 1, 1_000_000),
    },
    writes: { token: parseWriteToken(env), allowedWithoutToken: !production },
    cache: {
      redisUrl: parseRedisUrl(env),
      keyPrefix: env.CACHE_KEY_PREFIX?.trim() || 'graphql-n1-lab:',
      ttlSeconds: parseInteger(env, 'CACHE_TTL_SECONDS', 300, 1, 86_400),
      timeoutMs: parseInteger(env, 'CACHE_TIMEOUT_MS', 50, 1, 10_000),
      maxEntries: parseInteger(env, 'CACHE_MAX_ENTRIES', 10_000, 1, 10_000_000),
    },
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
  /** Resolver spans per field path per request (`users.*.orders`); the rest are counted on the root span. */
  resolverSpansPerPath: number;
}

/**
 * Resolver spans kept per field path per request by default: enough to see a fan-out, few enough to be cheap
 * (what each costs: docs/benchmarks/NOTES.md).
 */
export const DEFAULT_RESOLVER_SPANS_PER_PATH = 5;

export function loadTelemetryConfig(env: NodeJS.ProcessEnv = process.env): TelemetryConfig {
  const exporters = (env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() || 'otlp').split(',').map((name) => name.trim());
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const disabled = env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true' || exporters.includes('none');
  const destinations = exporters.flatMap((name) => (name === 'otlp' ? (endpoint ? [redactUrl(endpoint)] : []) : [name]));
  return {
    enabled: !disabled && destinations.length > 0,
    destination: destinations.join(', '),
    resolverSpansPerPath: parseInteger(env, 'TRACE_RESOLVER_SPANS_PER_PATH', DEFAULT_RESOLVER_SPANS_PER_PATH, 1, 1_000_000),
  };
}

/** DB_NETWORK_LATENCY_MS: a simulated network between the app and PostgreSQL (SQLite runs in the process: no network). */
function withNetworkLatency(database: DatabaseConfig, networkLatencyMs: number): DatabaseConfig {
  if (networkLatencyMs === 0) return database;
  if (database.kind !== 'postgresql') {
    throw new ConfigError(
      `DB_NETWORK_LATENCY_MS needs a PostgreSQL DATABASE_URL (SQLite has no network); got ${networkLatencyMs} with ${database.file}`,
    );
  }
  return { ...database, networkLatencyMs };
}

function parseRedisUrl(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(url)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL; got ${redactUrl(url)}`);
  return url;
}

function parseWriteToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.WRITE_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < MIN_WRITE_TOKEN_LENGTH) {
    throw new ConfigError(`WRITE_TOKEN must be at least ${MIN_WRITE_TOKEN_LENGTH} characters; got ${token.length}`);
  }
  return token;
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
