import { ConfigError, DEFAULT_SQLITE_FILE, loadConfig, parseWholeNumber, redactUrl } from '../../src/config';

describe('loadConfig', () => {
  test('defaults: port 4000, the SQLite file, 20 seeded users, stats on, JSON logs', () => {
    expect(loadConfig({})).toEqual({
      host: '0.0.0.0',
      port: 4000,
      database: { kind: 'sqlite', file: DEFAULT_SQLITE_FILE },
      seedUsers: 20,
      queryStats: true,
      batchMaxSize: 1000,
      nPlusOneThreshold: 5,
      graphiql: true,
      metrics: { enabled: true, port: undefined, labelLimit: 100 },
      development: false,
      introspection: true,
      limits: { maxDepth: 8, maxAliases: 15, maxTokens: 1000, maxDirectives: 50, maxCost: 1_000_000 },
      joined: { maxRelations: 8, maxToMany: 3 },
      maxBodyBytes: 1_048_576,
      corsOrigins: [],
      log: { level: 'info', pretty: false },
      jaegerUiUrl: undefined,
      timeouts: { statementMs: 5000, acquireMs: 2000, readyMs: 1000, shutdownGraceMs: 10_000 },
      writes: { token: undefined, allowedWithoutToken: true },
      cache: { redisUrl: undefined, keyPrefix: 'graphql-n1-lab:', ttlSeconds: 300, timeoutMs: 50, maxEntries: 10_000 },
      lab: { history: 100, maxBytes: 16 * 2 ** 20, maxStatements: 2000, resolversPerPath: 5 },
    });
  });

  test('NODE_ENV=production: no queryStats, GraphiQL, introspection or lab history unless a setting turns them on', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({
      queryStats: false,
      graphiql: false,
      introspection: false,
      development: false,
      lab: { history: 0 },
    });
    expect(loadConfig({ NODE_ENV: 'production', LAB_HISTORY: '50' }).lab.history).toBe(50);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'on', QUERY_STATS: 'on' })).toMatchObject({ queryStats: true, introspection: true });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ queryStats: true, graphiql: true, introspection: true, development: true });
  });

  test('reads every setting', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://lab:secret@db:5432/lab',
      SEED_USERS: '1000',
      QUERY_STATS: 'off',
      BATCH_MAX_SIZE: '100',
      GRAPHIQL: 'false',
      METRICS_PORT: '9464',
      METRICS_LABEL_LIMIT: '20',
      LOG_LEVEL: 'DEBUG',
      NODE_ENV: 'development',
      MAX_DEPTH: '12',
      MAX_ALIASES: '0',
      MAX_TOKENS: '5000',
      MAX_DIRECTIVES: '3',
      MAX_COST: '9007199254740991',
      JOINED_MAX_RELATIONS: '4',
      JOINED_MAX_TO_MANY: '1',
      MAX_BODY_BYTES: '4096',
      CORS_ORIGINS: ' https://app.example,http://localhost:3000 ',
      INTROSPECTION: 'off',
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_ACQUIRE_TIMEOUT_MS: '250',
      READY_TIMEOUT_MS: '300',
      SHUTDOWN_GRACE_MS: '0',
      LAB_HISTORY: '7',
      LAB_HISTORY_BYTES: '1000000',
      LAB_HISTORY_STATEMENTS: '300',
      TRACE_RESOLVER_SPANS_PER_PATH: '2',
      WRITE_TOKEN: ' a-token-of-sixteen-or-more ',
      REDIS_URL: 'redis://:secret@cache:6379/2',
      CACHE_KEY_PREFIX: 'lab-a:',
      CACHE_TTL_SECONDS: '30',
      CACHE_TIMEOUT_MS: '20',
      CACHE_MAX_ENTRIES: '500',
    });
    expect(config).toMatchObject({
      port: 8080,
      database: { kind: 'postgresql', url: 'postgres://lab:secret@db:5432/lab' },
      seedUsers: 1000,
      queryStats: false,
      batchMaxSize: 100,
      graphiql: false,
      metrics: { enabled: true, port: 9464, labelLimit: 20 },
      log: { level: 'debug', pretty: true },
      development: true,
      introspection: false,
      lab: { history: 7, maxBytes: 1_000_000, maxStatements: 300, resolversPerPath: 2 },
      limits: { maxDepth: 12, maxAliases: 0, maxTokens: 5000, maxDirectives: 3, maxCost: Number.MAX_SAFE_INTEGER },
      joined: { maxRelations: 4, maxToMany: 1 },
      maxBodyBytes: 4096,
      corsOrigins: ['https://app.example', 'http://localhost:3000'],
      timeouts: { statementMs: 30_000, acquireMs: 250, readyMs: 300, shutdownGraceMs: 0 },
      writes: { token: 'a-token-of-sixteen-or-more', allowedWithoutToken: true },
      cache: { redisUrl: 'redis://:secret@cache:6379/2', keyPrefix: 'lab-a:', ttlSeconds: 30, timeoutMs: 20, maxEntries: 500 },
    });
    expect(loadConfig({ NODE_ENV: 'production' }).writes).toEqual({ token: undefined, allowedWithoutToken: false });
    expect(loadConfig({ METRICS: 'off' }).metrics).toEqual({ enabled: false, port: undefined, labelLimit: 100 });
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ kind: 'sqlite', file: ':memory:' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database).toEqual({ kind: 'sqlite', file: '/tmp/x.db' });
  });

  test.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number from 0 to 65535; got "abc"'],
    [{ PORT: '70000' }, 'PORT must be a whole number from 0 to 65535; got "70000"'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 0 to 65535; got "-1"'],
    [{ DATABASE_URL: 'mysql://root:hunter2@db/lab' }, 'DATABASE_URL must be a postgres:// URL or sqlite:<file>; got "mysql://root:***@db/lab"'],
    [
      { DATABASE_URL: 'postgres://lab@db' },
      'DATABASE_URL must name a host and a database, e.g. postgres://user@localhost:5432/lab; got "postgres://lab@db"',
    ],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL "sqlite:" needs a file name, e.g. sqlite:data/lab.sqlite'],
    [{ QUERY_STATS: 'maybe' }, 'QUERY_STATS must be on or off; got "maybe"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; got "loud"'],
    [{ BATCH_MAX_SIZE: '0' }, 'BATCH_MAX_SIZE must be a whole number from 1 to 10000; got "0"'],
    [{ METRICS: 'sometimes' }, 'METRICS must be on or off; got "sometimes"'],
    [{ METRICS_PORT: 'metrics' }, 'METRICS_PORT must be a whole number from 0 to 65535; got "metrics"'],
    [{ METRICS_PORT: '4000' }, 'METRICS_PORT must differ from PORT; both are 4000'],
    [{ PORT: '9464', METRICS_PORT: '9464' }, 'METRICS_PORT must differ from PORT; both are 9464'],
    [{ METRICS_LABEL_LIMIT: '0' }, 'METRICS_LABEL_LIMIT must be a whole number from 1 to 10000; got "0"'],
    [{ MAX_DEPTH: '0' }, 'MAX_DEPTH must be a whole number from 1 to 1000; got "0"'],
    [{ MAX_BODY_BYTES: '1mb' }, 'MAX_BODY_BYTES must be a whole number from 1024 to 1000000000; got "1mb"'],
    [{ INTROSPECTION: 'sometimes' }, 'INTROSPECTION must be on or off; got "sometimes"'],
    [{ CORS_ORIGINS: 'app.example' }, 'CORS_ORIGINS must list origins such as https://app.example.com, separated by commas; got "app.example"'],
    [
      { CORS_ORIGINS: 'https://app.example/' },
      'CORS_ORIGINS must list origins such as https://app.example.com, separated by commas; got "https://app.example/"',
    ],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins such as https://app.example.com, separated by commas; got "*"'],
    [{ DB_STATEMENT_TIMEOUT_MS: '0' }, 'DB_STATEMENT_TIMEOUT_MS must be a whole number from 1 to 600000; got "0"'],
    [{ DB_ACQUIRE_TIMEOUT_MS: '2s' }, 'DB_ACQUIRE_TIMEOUT_MS must be a whole number from 1 to 600000; got "2s"'],
    [{ READY_TIMEOUT_MS: '90000' }, 'READY_TIMEOUT_MS must be a whole number from 1 to 60000; got "90000"'],
    [{ SHUTDOWN_GRACE_MS: '-1' }, 'SHUTDOWN_GRACE_MS must be a whole number from 0 to 600000; got "-1"'],
    [{ WRITE_TOKEN: 'short' }, 'WRITE_TOKEN must be at least 16 characters; got 5'],
    [{ REDIS_URL: 'http://:pw@cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL; got http://:***@cache:6379'],
    [{ CACHE_TIMEOUT_MS: '0' }, 'CACHE_TIMEOUT_MS must be a whole number from 1 to 10000; got "0"'],
  ])('%j: %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  test('never echoes a password', () => {
    expect(redactUrl('postgres://lab:s3cret@db:5432/lab')).toBe('postgres://lab:***@db:5432/lab');
    expect(redactUrl('postgres://lab@db:5432/lab')).toBe('postgres://lab@db:5432/lab');
  });
});

describe('parseWholeNumber: one rule for settings and script flags', () => {
  test('a whole number in range', () => {
    expect(parseWholeNumber('--users', '1000', 0, 1_000_000)).toBe(1000);
  });

  test.each(['1.5', '-3', '1e3', ' 7', '', '1000001'])('"%s" names the flag, the range and the value', (raw) => {
    expect(() => parseWholeNumber('--users', raw, 0, 1_000_000)).toThrow(
      new ConfigError(`--users must be a whole number from 0 to 1000000; got "${raw}"`),
    );
  });
});
