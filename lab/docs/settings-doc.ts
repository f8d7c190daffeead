import path from 'node:path';
import { type Config, ConfigError, describeDatabase, loadConfig, loadTelemetryConfig, type TelemetryConfig } from '../../src/config';

export const SETTINGS_DOC = path.join(__dirname, '..', '..', 'docs', 'reference', 'settings.md');

/** The groups of the page, in its order (the order of .env.example); `note` opens the group's section. */
const groups = () => ({
  process: { title: 'The process' },
  database: { title: 'The database' },
  writes: { title: 'Writes (mutations)' },
  cache: { title: 'The products cache behind `x-cache: on`' },
  report: {
    title: 'What responses report, and the lab',
    note: "The windows onto what a request did. Production closes the bold ones; set them to open them there, as docker-compose.yml's `app` service does.",
  },
  limits: {
    title: 'Limits',
    note:
      'A document over any of the first five is refused before any resolver runs, so before any SQL: HTTP 400 (200 under ' +
      "plain `application/json`) and one error naming the limit, the allowed value and the query's (`QUERY_LIMIT_EXCEEDED`).",
  },
  metrics: { title: 'Metrics' },
  traces: {
    title: 'Traces',
    note:
      'The OpenTelemetry SDK reads the standard `OTEL_*` variables itself (`OTEL_EXPORTER_OTLP_PROTOCOL`, ' +
      '`OTEL_SERVICE_NAME`, which is `graphql-n1-lab` unless set, `OTEL_BSP_*`, …); config.ts reads only those below, ' +
      'to decide whether the SDK starts at all. Metrics and logs are not exported through it. With none of them set, traces ' +
      `are ${loadTelemetryConfig({}).enabled ? 'on' : 'off'}.`,
  },
});

type Group = keyof ReturnType<typeof groups>;

interface SettingBase {
  name: string;
  group: Group;
  /** What it does and when to change it; what a bad value does only where that is special. */
  meaning: string;
}

/** A setting the loaded configuration keeps: its defaults are computed from what `read` returns. */
interface ReadSetting extends SettingBase {
  read: (config: Config, telemetry: TelemetryConfig) => unknown;
  /** For a setting config.ts takes without checking (no bad value): what it takes. Otherwise the check says. */
  values?: string;
}

/** A setting that leaves no value of its own in the configuration: its default is written, and why says a comment. */
interface WrittenSetting extends SettingBase {
  written: { default?: string; production?: string };
  values: string;
}

type Setting = ReadSetting | WrittenSetting;

const SETTINGS: Setting[] = [
  {
    name: 'NODE_ENV',
    group: 'process',
    // The switch itself: Config keeps what it turns on (development, the defaults below), not its value.
    written: { production: 'production' },
    values: '`development`, `production`; anything else is neither',
    meaning:
      '`development`: responses carry error details (the message, its stack, any SQL) and logs are pretty. `production` (the ' +
      "image's): the lab's windows default off (the bold values in the production column) and mutations need `WRITE_TOKEN`.",
  },
  {
    name: 'HOST',
    group: 'process',
    read: (config) => config.host,
    values: 'an address of this machine (not checked)',
    meaning: 'The interface to listen on, for the API and `METRICS_PORT` alike; `127.0.0.1` keeps the server to this machine.',
  },
  {
    name: 'PORT',
    group: 'process',
    read: (config) => config.port,
    meaning: 'The HTTP port: `/graphql`, `/health`, `/ready`, `/lab` and, unless `METRICS_PORT` is set, `/metrics`. `0` picks a free one.',
  },
  {
    name: 'LOG_LEVEL',
    group: 'process',
    read: (config) => config.log.level,
    meaning: "pino's level. `debug` also logs each SQL statement with its placeholders (values are never logged).",
  },
  {
    name: 'LOG_FORMAT',
    group: 'process',
    read: (config) => (config.log.pretty ? 'pretty' : 'json'),
    meaning: '`json`: one object a line, for a log collector; `pretty`: coloured lines for a terminal, the default under `NODE_ENV=development`.',
  },
  {
    name: 'SHUTDOWN_GRACE_MS',
    group: 'process',
    read: (config) => config.timeouts.shutdownGraceMs,
    meaning:
      'On SIGTERM or SIGINT, how long requests in flight may take to finish before their connections are cut. Keep it ' +
      "below your orchestrator's own grace period (Kubernetes: 30 s).",
  },
  {
    name: 'DATABASE_URL',
    group: 'database',
    read: (config) => describeDatabase(config.database),
    meaning:
      '`sqlite:<file>` (or `sqlite::memory:`) for an embedded SQLite file; `postgres://user:password@host:5432/db` for ' +
      'PostgreSQL, whose database must exist. Start-up migrates it; the password never appears in logs or errors.',
  },
  {
    name: 'SEED_USERS',
    group: 'database',
    read: (config) => config.seedUsers,
    meaning: 'Users seeded into an empty database on start (a database with data is never touched); `npm run seed -- --users N` reseeds.',
  },
  {
    name: 'DB_STATEMENT_TIMEOUT_MS',
    group: 'database',
    read: (config) => config.timeouts.statementMs,
    meaning:
      "PostgreSQL: the server cancels a longer statement (`statement_timeout`), and pg gives up on a silent server shortly after. SQLite's " +
      'statements run in the process and cannot be interrupted: no effect. Raise it for a start that runs a long migration.',
  },
  {
    name: 'DB_ACQUIRE_TIMEOUT_MS',
    group: 'database',
    read: (config) => config.timeouts.acquireMs,
    meaning:
      "PostgreSQL: the wait for a pooled connection, or a new one's handshake; also how long start-up waits for the server. " +
      'SQLite: the wait for a lock another connection holds (the busy timeout), during which the whole process waits: keep it short.',
  },
  {
    name: 'READY_TIMEOUT_MS',
    group: 'database',
    read: (config) => config.timeouts.readyMs,
    meaning: "How long `/ready` waits for the database's `select 1` before it answers 503.",
  },
  {
    name: 'DB_NETWORK_LATENCY_MS',
    group: 'database',
    // Config keeps a latency only where there is one (PostgreSQL, above 0): none is 0.
    read: (config) => (config.database.kind === 'postgresql' ? config.database.networkLatencyMs : undefined) ?? 0,
    meaning:
      'PostgreSQL only: the app reaches the database through a proxy it starts, which holds every answer this long: a network, ' +
      'simulated, for measuring round trips. Above 0 with a SQLite `DATABASE_URL` it stops start-up.',
  },
  {
    name: 'WRITE_TOKEN',
    group: 'writes',
    read: (config) => config.writes.token,
    meaning:
      'Set: mutations need `Authorization: Bearer <token>` (401 otherwise). Unset: anyone may run them, except under ' +
      '`NODE_ENV=production`, which refuses them (403). A shorter token stops start-up; the error gives its length, never the token.',
  },
  {
    name: 'REDIS_URL',
    group: 'cache',
    read: (config) => config.cache.redisUrl,
    meaning:
      'Keep the products cache in this Redis (`rediss://` for TLS), shared by every process using it. Unset: an LRU in this ' +
      'process. The password never appears in logs or errors.',
  },
  {
    name: 'CACHE_KEY_PREFIX',
    group: 'cache',
    read: (config) => config.cache.keyPrefix,
    values: 'any text',
    meaning: 'Redis only: before every key. Apps on different data sharing one Redis (a test run, another lab) need different prefixes.',
  },
  {
    name: 'CACHE_TTL_SECONDS',
    group: 'cache',
    read: (config) => config.cache.ttlSeconds,
    meaning: 'How long a cached product lives, in Redis or in the LRU.',
  },
  {
    name: 'CACHE_TIMEOUT_MS',
    group: 'cache',
    read: (config) => config.cache.timeoutMs,
    meaning: 'Redis only: a command slower than this is a miss, and the database answers; one warning is logged per outage.',
  },
  {
    name: 'CACHE_MAX_ENTRIES',
    group: 'cache',
    read: (config) => config.cache.maxEntries,
    meaning: 'The in-process LRU only: how many products it keeps; the least recently used go first.',
  },
  {
    name: 'QUERY_STATS',
    group: 'report',
    read: (config) => config.queryStats,
    meaning:
      '`extensions.queryStats` (the SQL with placeholders, counts, N+1 findings) and the `Server-Timing` header on every ' +
      'response. `x-explain` needs it. They show the schema and the data: off where clients are not yours.',
  },
  {
    name: 'N_PLUS_ONE_THRESHOLD',
    group: 'report',
    read: (config) => config.nPlusOneThreshold,
    meaning: 'Distinct parameter sets of one statement from one field at which `queryStats` (and the metrics) report an N+1.',
  },
  {
    name: 'BATCH_MAX_SIZE',
    group: 'report',
    read: (config) => config.batchMaxSize,
    meaning: 'Most keys one DataLoader batch sends in one `IN (…)` list; more keys are split into several statements.',
  },
  {
    name: 'GRAPHIQL',
    group: 'report',
    read: (config) => config.graphiql,
    meaning: "GraphiQL at `/graphql` for a browser, served from this process (no CDN). Also `LAB_HISTORY`'s default: `0` without it.",
  },
  {
    name: 'INTROSPECTION',
    group: 'report',
    read: (config) => config.introspection,
    meaning:
      'Answer `__schema` and `__type`, and suggest field names (`Did you mean …?`). Off, both are refused, as either reveals ' +
      'the schema; GraphiQL then has no docs or completion.',
  },
  {
    name: 'LAB_HISTORY',
    group: 'report',
    read: (config) => config.lab.history,
    meaning:
      'Requests whose timeline the lab keeps, newest first, for `/lab`. `0`: none, and no `/lab` and no `extensions.lab`. ' +
      'Its default follows `GRAPHIQL`: `0` where GraphiQL is off.',
  },
  {
    name: 'LAB_HISTORY_BYTES',
    group: 'report',
    read: (config) => config.lab.maxBytes,
    meaning: "The history's size as JSON: the oldest requests go first, and one larger request is kept with its statement list cut.",
  },
  {
    name: 'LAB_HISTORY_STATEMENTS',
    group: 'report',
    read: (config) => config.lab.maxStatements,
    meaning: 'Statements listed per timeline; the rest are counted (`statementsDropped`).',
  },
  {
    name: 'MAX_DEPTH',
    group: 'limits',
    read: (config) => config.limits.maxDepth,
    meaning: 'Levels of fields from the root, the leaf included (`{ users { id } }` is 2); fragments add none.',
  },
  {
    name: 'MAX_ALIASES',
    group: 'limits',
    read: (config) => config.limits.maxAliases,
    meaning: 'Aliased fields (`a: users`) in a document.',
  },
  {
    name: 'MAX_TOKENS',
    group: 'limits',
    read: (config) => config.limits.maxTokens,
    meaning: "Lexical tokens in a document; parsing stops at the first one past it. GraphiQL's introspection query has about 180.",
  },
  {
    name: 'MAX_DIRECTIVES',
    group: 'limits',
    read: (config) => config.limits.maxDirectives,
    meaning: 'Directives (`@include`, `@skip`) in a document.',
  },
  {
    name: 'MAX_COST',
    group: 'limits',
    read: (config) => config.limits.maxCost,
    meaning: "Estimated work: 1 per field, a root list's selection times its `first`, a nested list's times 10.",
  },
  {
    name: 'JOINED_MAX_RELATIONS',
    group: 'limits',
    read: (config) => config.joined.maxRelations,
    meaning:
      'Under `x-strategy: joined`, relations in its one statement (each a JOIN, `orderCount` a subquery); past it the root ' +
      'field is refused before any SQL (`JOINED_PLAN_TOO_LARGE`).',
  },
  {
    name: 'JOINED_MAX_TO_MANY',
    group: 'limits',
    read: (config) => config.joined.maxToMany,
    meaning: 'Under `x-strategy: joined`, list relations among them: each multiplies the rows the statement returns.',
  },
  {
    name: 'MAX_BODY_BYTES',
    group: 'limits',
    read: (config) => config.maxBodyBytes,
    meaning: 'The largest request body; a larger one is answered 413, whether `Content-Length` says so or a chunked body streams past it.',
  },
  {
    name: 'CORS_ORIGINS',
    group: 'limits',
    read: (config) => config.corsOrigins,
    meaning: 'The web origins granted CORS with credentials. Unset: any origin may call the API, none with credentials.',
  },
  {
    name: 'METRICS',
    group: 'metrics',
    read: (config) => config.metrics.enabled,
    meaning: "Prometheus metrics at `/metrics`: the requests', the N+1s', the pool's and the process's own (CPU, memory, GC). Off: no `/metrics`.",
  },
  {
    name: 'METRICS_PORT',
    group: 'metrics',
    read: (config) => config.metrics.port,
    meaning:
      "Serve `/metrics` on this port, and nothing else there, instead of on `PORT`: keeps it off the API's port. `0` picks a " +
      'free one; the same port as `PORT` stops start-up.',
  },
  {
    name: 'METRICS_LABEL_LIMIT',
    group: 'metrics',
    read: (config) => config.metrics.labelLimit,
    meaning:
      'Operation names, and N+1 field paths, that get a label value of their own; later ones count as `(other)`, so clients cannot add series without end.',
  },
  {
    name: 'OTEL_TRACES_EXPORTER',
    group: 'traces',
    // Read by the SDK (whose default it is) and by config.ts only to decide whether to start it: TelemetryConfig keeps no exporter.
    written: { default: 'otlp' },
    values: '`otlp`, `console`, `zipkin`, `none`; several separated by commas',
    meaning: 'Where spans go: `otlp` to the endpoint below, `console` to stdout (`npm run dev`). `none` among them: no traces.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
    group: 'traces',
    // Read by the SDK; TelemetryConfig keeps only where spans go, for the start-up log line.
    written: {},
    values: 'a URL',
    meaning:
      'The OTLP/HTTP collector, e.g. `http://localhost:4318` (Jaeger; the SDK adds `/v1/traces`). Unset, `otlp` has nowhere to ' +
      'send: no traces, and the SDK is neither started nor patches anything.',
  },
  {
    name: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    group: 'traces',
    // As OTEL_EXPORTER_OTLP_ENDPOINT.
    written: {},
    values: 'a URL',
    meaning: 'The same for traces only, used as given (`…/v1/traces`); it wins over `OTEL_EXPORTER_OTLP_ENDPOINT`.',
  },
  {
    name: 'OTEL_SDK_DISABLED',
    group: 'traces',
    // Read by the SDK; TelemetryConfig keeps only the outcome (enabled), with the other variables'.
    written: { default: 'false' },
    values: '`true`, `false`',
    meaning: '`true`: no traces, whatever else is set.',
  },
  {
    name: 'TRACE_RESOLVER_SPANS_PER_PATH',
    group: 'traces',
    read: (_config, telemetry) => telemetry.resolverSpansPerPath,
    meaning:
      "Resolver spans per field path per traced request (`users.*.orders`: the first users' orders); the rest are counted on " +
      "the root span (`app.resolver_spans_dropped`). The lab's timelines keep as many resolver calls per path.",
  },
  {
    name: 'JAEGER_UI_URL',
    group: 'traces',
    read: (config) => config.jaegerUiUrl,
    meaning: "Jaeger's UI (e.g. `http://localhost:16686`), for the trace links `npm run compare` prints.",
  },
];

/** The environment the production column is computed under: what the image sets (Dockerfile). */
const PRODUCTION: NodeJS.ProcessEnv = { NODE_ENV: 'production' };

/**
 * A value wrong for every check config.ts makes (not a whole number, not on/off, not a URL, too short for a
 * token), so the ConfigError it earns states the rule; a setting that takes it is not checked.
 */
const PROBE = '-1';

/** One setting as the page shows it: defaults as one would write them in the environment (undefined: unset). */
interface SettingRow {
  name: string;
  group: Group;
  default: string | undefined;
  production: string | undefined;
  /** Markdown: the range or values config.ts accepts, from its error message where it checks. */
  rule: string;
  meaning: string;
}

/** Every setting with its defaults (computed by loading the configuration) and what it accepts. */
export function settingRows(): SettingRow[] {
  const loaded = [loadConfig({}), loadTelemetryConfig({})] as const;
  const production = [loadConfig(PRODUCTION), loadTelemetryConfig(PRODUCTION)] as const;
  return SETTINGS.map((setting) => {
    const checked = ruleOf(setting.name);
    if (checked !== undefined && setting.values !== undefined) throw new Error(`${setting.name}: config.ts checks it, so its values are not written`);
    const rule = checked ?? setting.values;
    if (rule === undefined) throw new Error(`${setting.name}: config.ts takes any value: write what it means in \`values\``);
    const [byDefault, inProduction] =
      'read' in setting
        ? [asEnvironment(setting.read(...loaded)), asEnvironment(setting.read(...production))]
        : [setting.written.default, setting.written.production ?? setting.written.default];
    return { name: setting.name, group: setting.group, default: byDefault, production: inProduction, rule, meaning: setting.meaning };
  });
}

/** The page docs/reference/settings.md. */
export function settingsDocument(): string {
  const rows = settingRows();
  const sections = Object.entries(groups()).map(([group, { title, ...rest }]) => {
    const note = 'note' in rest ? [rest.note, ''] : [];
    const table = rows
      .filter((row) => row.group === group)
      .map((row) => {
        const production = row.production === row.default ? cell(row.production) : `**${cell(row.production)}**`;
        return `| \`${row.name}\` | ${cell(row.default)} | ${production} | ${row.rule} | ${row.meaning} |`;
      });
    return [
      `## ${title}`,
      '',
      ...note,
      '| setting | default | production | range / values | meaning |',
      '| --- | --- | --- | --- | --- |',
      ...table,
    ].join('\n');
  });
  return [
    '# Settings',
    '',
    'Every setting the server reads, by what it concerns. Generated by `npm run docs` from',
    '[`src/config.ts`](../../src/config.ts), which reads them all: the default and production columns are what it',
    'loads with nothing set and with only `NODE_ENV=production` (what the image sets; in bold where it differs), and',
    'the ranges are those it enforces. `npm test` fails when this page, or [`.env.example`](../../.env.example), no',
    'longer matches it.',
    '',
    'Settings come from the environment only: the app reads no file. `.env.example` lists every one with its default,',
    'commented out; copy it to `.env`, uncomment what you change and load it with `node --env-file=.env`, docker',
    "compose's `env_file` or your shell. Nothing is required: `npm start` runs with none set. A bad value stops",
    `start-up with one line naming the setting and the value, and exit code 1:`,
    `\`graphql-n1-lab: ${probe('PORT', 'eighty')}\`. A switch (\`on\`/\`off\`) also takes \`1\`/\`0\`, \`true\`/\`false\``,
    'and `yes`/`no`.',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}

/** A value read from the configuration as one would set it: on/off, a number, a list with commas; unset: undefined. */
function asEnvironment(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.length ? value.join(',') : undefined;
  throw new Error(`no way to show ${JSON.stringify(value)} as a setting's value`);
}

function cell(value: string | undefined): string {
  return value === undefined ? 'unset' : `\`${value}\``;
}

/** The ConfigError message `value` earns `name`, from whichever loader checks it; undefined: none does. */
function probe(name: string, value: string): string | undefined {
  for (const load of [loadConfig, loadTelemetryConfig]) {
    try {
      load({ [name]: value });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.message;
    }
  }
  return undefined;
}

/** What config.ts accepts for `name`, as its error message states it: `0 to 65,535`, a list of values, a sentence. */
function ruleOf(name: string): string | undefined {
  const message = probe(name, PROBE);
  if (message === undefined) return undefined;
  const rule = message.match(new RegExp(`^${name} must (?:be |list )?(.+); got `))?.[1];
  if (rule === undefined) throw new Error(`${name}: the error for "${PROBE}" states no rule: ${message}`);
  const range = rule.match(/^a whole number from (\d+) to (\d+)$/);
  if (range) return `${Number(range[1]).toLocaleString('en')} to ${Number(range[2]).toLocaleString('en')}`;
  const choices =
    rule.match(/^one of (.+)$/)?.[1] ??
    rule
      .match(/^(\w+) or (\w+)$/)
      ?.slice(1)
      .join(', ');
  if (choices)
    return choices
      .split(', ')
      .map((choice) => `\`${choice}\``)
      .join(', ');
  // A sentence: `<file>` is not an HTML tag, and `|` does not end the table's cell.
  return rule.replace(/[<>|]/g, (character) => `\\${character}`);
}
