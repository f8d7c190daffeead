import { Writable } from 'node:stream';
import { type GraphQLReply, type Operation, sendOperation } from '../../lab/client';
import type { App } from '../../src/app';
import { createApp } from '../../src/app';
import type { ProductCache } from '../../src/cache/product-cache';
import { type DatabaseConfig, loadConfig } from '../../src/config';
import { type DatabaseBounds, type Orm, openDatabase } from '../../src/db/orm';
import { createScratchPostgresDatabase } from '../../src/db/scratch-database';
import { reseed } from '../../src/db/seed';
import { createLogger } from '../../src/logger';

declare const __TEST_DB__: 'sqlite' | 'postgres';

/** Which database this Jest project runs the suites against (see jest.config.js). */
export const TEST_DB = __TEST_DB__;

export type RequestOptions = Omit<Operation, 'query'>;

export interface TestApp {
  app: App;
  orm: Orm;
  /** Every log line written while the app ran, parsed. */
  logs: Array<Record<string, unknown>>;
  gql<TData = Record<string, unknown>>(query: string, options?: RequestOptions): Promise<GraphQLReply<TData>>;
  close(): Promise<void>;
}

/** Settings for the app: `env` as `npm start` would read it, then any of the options below over it. */
export interface TestAppOptions {
  users?: number;
  batchMaxSize?: number;
  queryStats?: boolean;
  nPlusOneThreshold?: number;
  /** PostgreSQL only: the app reaches its database through a proxy adding this much to every round trip. */
  networkLatencyMs?: number;
  /** The products cache (`x-cache: on`); the app's own in-process LRU when absent. */
  cache?: ProductCache;
  /** Settings as environment variables (MAX_DEPTH, NODE_ENV, …), read by loadConfig as `npm start` reads them. */
  env?: NodeJS.ProcessEnv;
  /** The database's statement and acquire bounds, when a test needs other than the defaults. */
  bounds?: DatabaseBounds;
}

/** A seeded database of this project's kind (SQLite in memory, or a fresh PostgreSQL database) and an app on it. */
export async function createTestApp({ users = 20, env = {}, networkLatencyMs, cache, bounds, ...overrides }: TestAppOptions = {}): Promise<TestApp> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', pretty: false }, lineCollector(logs));
  const { database, drop } = await testDatabase();
  let orm: Orm;
  if (networkLatencyMs === undefined) {
    orm = await openDatabase(database, logger, bounds);
    await reseed(orm.em.fork(), users);
  } else {
    if (database.kind !== 'postgresql') throw new Error('networkLatencyMs needs the postgres project: SQLite has no network');
    // Seeded directly, so only the app's own statements pay for the simulated network.
    const seeding = await openDatabase(database, logger);
    await reseed(seeding.em.fork(), users);
    await seeding.close(true);
    orm = await openDatabase({ ...database, networkLatencyMs }, logger, bounds);
  }
  const app = createApp({ orm, logger, cache, config: { ...loadConfig(env), ...overrides } });
  return {
    app,
    orm,
    logs,
    gql: (query, options = {}) => sendOperation(app, { query, ...options }),
    close: async () => {
      await cache?.close();
      await orm.close(true);
      await drop();
    },
  };
}

async function testDatabase(): Promise<{ database: DatabaseConfig; drop: () => Promise<void> }> {
  if (TEST_DB === 'sqlite') return { database: { kind: 'sqlite', file: ':memory:' }, drop: async () => {} };
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('the postgres project needs TEST_DATABASE_URL (jest.config.js only adds it when set)');
  const scratch = await createScratchPostgresDatabase(serverUrl, 'n1lab_test');
  return { database: { kind: 'postgresql', url: scratch.url }, drop: scratch.drop };
}

function lineCollector(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
}
