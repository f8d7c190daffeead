import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AbstractSqlDriver, EntityManager } from '@mikro-orm/sql';
import type { Logger as Pino } from 'pino';
import { type DatabaseConfig, DEFAULT_TIMEOUTS, describeDatabase, type Timeouts } from '../config';
import { FixableError } from '../errors';
import { entities } from './entities';
import { OPTIONAL_MIGRATIONS, type OptionalMigrationName } from './migrations/optional';
import { postgresqlMigrations } from './migrations/postgresql';
import { sqliteMigrations } from './migrations/sqlite';
import { startNetworkDelay, throughProxy } from './network-delay';
import { OrmLogger } from './orm-logger';
import { QueuedSqliteDriver } from './queued-sqlite';
import { markExecution, timeStatements } from './statement-timing';
import { commentTraceContext } from './trace-comment';

/** Both supported databases are SQL drivers, so the API can use SqlEntityManager (query builder included). */
export type Orm = MikroORM<AbstractSqlDriver, EntityManager>;
export type OrmOptions = Partial<Options<AbstractSqlDriver, EntityManager>>;
export type { EntityManager };

/** A database that cannot be reached or prepared. */
export class DatabaseStartupError extends FixableError {
  override name = 'DatabaseStartupError';
}

/** What bounds every database call: see Timeouts in src/config.ts. */
export type DatabaseBounds = Pick<Timeouts, 'statementMs' | 'acquireMs'>;

/**
 * pg's client-side `query_timeout` fires this long after the server's `statement_timeout` would have: a live
 * server cancels a slow statement itself (with a clear error, and the connection stays usable); only a server
 * that does not answer at all is given up on by the client.
 */
const SILENT_SERVER_MARGIN_MS = 500;

export function ormOptions(database: DatabaseConfig, logger: Pino, bounds: DatabaseBounds = DEFAULT_TIMEOUTS): OrmOptions {
  const shared: OrmOptions = {
    entities,
    extensions: [Migrator],
    loggerFactory: () => new OrmLogger(logger),
    // Datetimes are stored and read as UTC on both databases, so createdAt is the same instant everywhere.
    forceUtcTimezone: true,
    // When each statement reaches the database and when its rows come back (statement-timing.ts): the lab's waterfall draws from it.
    onCreateConnection: markExecution,
    // Where tracing is on, each statement carries its trace context as a SQL comment (trace-comment.ts).
    onQuery: commentTraceContext,
    allowGlobalContext: false,
  };
  if (database.kind === 'sqlite') {
    return {
      ...shared,
      // Statements take the one connection in turn, first come first served (queued-sqlite.ts).
      driver: QueuedSqliteDriver,
      dbName: database.file,
      // better-sqlite3's busy timeout: how long a statement waits for a lock another connection holds. The wait
      // is synchronous (the process does nothing else meanwhile), so it is the acquire bound, not a long one.
      driverOptions: { timeout: bounds.acquireMs },
      migrations: { migrationsList: sqliteMigrations, transactional: true, snapshot: false },
    };
  }
  return {
    ...shared,
    driver: PostgreSqlDriver,
    clientUrl: database.url,
    // Handed to pg's Pool (and each Client) by MikroORM's PostgreSqlConnection.
    driverOptions: {
      statement_timeout: bounds.statementMs,
      query_timeout: bounds.statementMs + SILENT_SERVER_MARGIN_MS,
      connectionTimeoutMillis: bounds.acquireMs,
    },
    migrations: { migrationsList: postgresqlMigrations, transactional: true, snapshot: false },
  };
}

/**
 * Connects, checks the connection for real (the driver connects lazily) and applies pending migrations.
 * Migrations only ever add: start-up never drops data.
 */
export async function openDatabase(database: DatabaseConfig, logger: Pino, bounds?: DatabaseBounds): Promise<Orm> {
  if (database.kind === 'sqlite' && database.file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(database.file)), { recursive: true });
  }
  const delay =
    database.kind === 'postgresql' && database.networkLatencyMs ? await delayedNetwork(database.url, database.networkLatencyMs) : undefined;
  const reached: DatabaseConfig = delay ? { kind: 'postgresql', url: delay.url } : database;
  let orm: Orm;
  try {
    orm = await MikroORM.init<AbstractSqlDriver, EntityManager>(ormOptions(reached, logger, bounds));
  } catch (error) {
    await delay?.close();
    throw new DatabaseStartupError(`Cannot configure the database ${describeDatabase(database)} (DATABASE_URL): ${messageOf(error)}`);
  }
  if (delay) {
    // The proxy lives as long as the ORM's connections: whoever closes the ORM closes it too.
    const close = orm.close.bind(orm);
    orm.close = async (force) => {
      await close(force);
      await delay.close();
    };
    logger.info({ networkLatencyMs: delay.latencyMs }, 'database reached through a simulated network');
  }
  // The driver connects lazily; connect now and run a `select 1`, so a wrong URL fails start-up, not the first request.
  const connection = await orm.connect().then(
    () => orm.checkConnection(),
    (error: unknown) => ({ ok: false as const, reason: messageOf(error), error: undefined }),
  );
  if (!connection.ok) {
    await orm.close(true).catch(() => undefined);
    throw new DatabaseStartupError(
      `Cannot connect to the database ${describeDatabase(database)} (DATABASE_URL): ${connection.reason}` +
        (connection.error ? ` (${messageOf(connection.error)})` : ''),
    );
  }
  timeStatements(orm);
  try {
    await orm.migrator.up();
  } catch (error) {
    await orm.close(true).catch(() => undefined);
    throw new DatabaseStartupError(`Cannot migrate the database ${describeDatabase(database)}: ${messageOf(error)}`);
  }
  return orm;
}

async function delayedNetwork(url: string, latencyMs: number) {
  const target = new URL(url);
  const proxy = await startNetworkDelay({ host: target.hostname, port: Number(target.port || 5432) }, latencyMs);
  return { url: throughProxy(url, proxy), latencyMs, close: () => proxy.close() };
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** What an optional migration's command found and left: applied (its index exists) or not, before and after. */
export interface OptionalMigrationResult {
  name: OptionalMigrationName;
  before: boolean;
  after: boolean;
}

/**
 * Applies (`add`), takes back (`drop`) or reports (`status`) one of OPTIONAL_MIGRATIONS through MikroORM's
 * migrator, on a database first brought up to date by openDatabase. A second ORM lists it beside the regular
 * migrations, and is told to run that one only.
 */
export async function runOptionalMigration(
  database: DatabaseConfig,
  logger: Pino,
  name: OptionalMigrationName,
  action: 'add' | 'drop' | 'status',
): Promise<OptionalMigrationResult> {
  await (await openDatabase(database, logger)).close(true);
  const { migration } = OPTIONAL_MIGRATIONS[name];
  const options = ormOptions(database, logger);
  const orm = await MikroORM.init<AbstractSqlDriver, EntityManager>({
    ...options,
    migrations: { ...options.migrations, migrationsList: [...(options.migrations?.migrationsList ?? []), migration] },
  });
  try {
    const applied = async () => (await orm.migrator.getExecuted()).some((executed) => executed.name === migration.name);
    const before = await applied();
    if (action === 'add' && !before) await orm.migrator.up({ migrations: [migration.name] });
    if (action === 'drop' && before) await orm.migrator.down({ migrations: [migration.name] });
    return { name, before, after: await applied() };
  } finally {
    await orm.close(true);
  }
}
