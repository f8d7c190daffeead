import type { Configuration, Dictionary } from '@mikro-orm/core';
import { AbstractSqlDriver, SqlitePlatform } from '@mikro-orm/sql';
import { SqliteConnection, MikroORM as SqliteMikroORM } from '@mikro-orm/sqlite';

type Dialect = ReturnType<SqliteConnection['createKyselyDialect']>;
type Driver = ReturnType<Dialect['createDriver']>;

/**
 * Statements waiting for SQLite's one connection, served first come, first served: each release wakes the next
 * waiter only. kysely's own guard (its ConnectionMutex) wakes every waiter at each release and all but one go back
 * to waiting, so a naive request's hundred statements, queued at once, woke each other ten thousand times: a
 * quarter of the server's allocations under `npm run load` (a heap-allocation profile, docs/guide/10-production.md).
 */
export class ConnectionQueue {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  /** Resolves once the caller holds the connection; it must `release` it exactly once. */
  take(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the connection to the longest waiter, or frees it. */
  release(): void {
    if (!this.#held) throw new Error('ConnectionQueue.release: the connection is not held (a release without its take)');
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }

  get waiting(): number {
    return this.#waiting.length;
  }
}

/** kysely's SQLite driver with its connection taken in turn through a ConnectionQueue; everything else is the driver's own. */
class QueuedDriver implements Driver {
  readonly #queue = new ConnectionQueue();

  constructor(private readonly driver: Driver) {}

  init(...args: Parameters<Driver['init']>) {
    return this.driver.init(...args);
  }

  async acquireConnection(...args: Parameters<Driver['acquireConnection']>) {
    await this.#queue.take();
    try {
      return await this.driver.acquireConnection(...args);
    } catch (error) {
      this.#queue.release();
      throw error;
    }
  }

  async releaseConnection(...args: Parameters<Driver['releaseConnection']>) {
    try {
      await this.driver.releaseConnection(...args);
    } finally {
      this.#queue.release();
    }
  }

  beginTransaction(...args: Parameters<Driver['beginTransaction']>) {
    return this.driver.beginTransaction(...args);
  }

  commitTransaction(...args: Parameters<Driver['commitTransaction']>) {
    return this.driver.commitTransaction(...args);
  }

  rollbackTransaction(...args: Parameters<Driver['rollbackTransaction']>) {
    return this.driver.rollbackTransaction(...args);
  }

  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>) {
    return this.driver.savepoint!(...args);
  }

  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    return this.driver.rollbackToSavepoint!(...args);
  }

  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    return this.driver.releaseSavepoint!(...args);
  }

  destroy(...args: Parameters<Driver['destroy']>) {
    return this.driver.destroy(...args);
  }
}

/**
 * MikroORM's better-sqlite3 connection, its kysely dialect's driver queued. The adapter claims multiple
 * connections only so that kysely adds no mutex of its own: the queue is that mutex.
 */
class QueuedSqliteConnection extends SqliteConnection {
  override createKyselyDialect(options: Dictionary): Dialect {
    const dialect = super.createKyselyDialect(options);
    return {
      createAdapter: () => Object.create(dialect.createAdapter(), { supportsMultipleConnections: { value: true } }),
      createDriver: () => new QueuedDriver(dialect.createDriver()),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (db) => dialect.createIntrospector(db),
    };
  }
}

/** @mikro-orm/sqlite's SqliteDriver with a QueuedSqliteConnection: what the app's SQLite database runs on. */
export class QueuedSqliteDriver extends AbstractSqlDriver<QueuedSqliteConnection> {
  constructor(config: Configuration) {
    super(config, new SqlitePlatform(), QueuedSqliteConnection, ['kysely', 'better-sqlite3']);
  }

  override getORMClass() {
    return SqliteMikroORM;
  }
}
