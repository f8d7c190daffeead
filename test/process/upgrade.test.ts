import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { sendOperation } from '../../lab/client';
import { parseDatabaseUrl } from '../../src/config';
import { postgresqlMigrations } from '../../src/db/migrations/postgresql';
import { sqliteMigrations } from '../../src/db/migrations/sqlite';
import { openDatabase } from '../../src/db/orm';
import { createScratchPostgresDatabase } from '../../src/db/scratch-database';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { createLogger } from '../../src/logger';
import { seedOracle } from '../support/seed-oracle';
import { logLines, startServer } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** Databases written by 0.1.0 (MikroORM 6.6 on Node 20): see test/fixtures/landed-0.1.0/README.md. */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'landed-0.1.0');

async function databaseMadeByTheLandedVersion(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DB === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-upgrade-'));
    fs.copyFileSync(path.join(FIXTURES, 'lab.sqlite'), path.join(dir, 'lab.sqlite'));
    return { url: `sqlite:${path.join(dir, 'lab.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const scratch = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL!, 'n1lab_test');
  const client = new Client({ connectionString: scratch.url });
  await client.connect();
  try {
    await client.query(fs.readFileSync(path.join(FIXTURES, 'lab.postgresql.sql'), 'utf8'));
  } finally {
    await client.end();
  }
  return { url: scratch.url, drop: scratch.drop };
}

describe(`a database made by 0.1.0 (MikroORM 6) [${TEST_DB}]`, () => {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    database = await databaseMadeByTheLandedVersion();
  });
  afterAll(() => database.drop());

  test("opens under today's code: the migrations since applied, the data kept, the same counts 51 / 4 / 1", async () => {
    const server = await startServer({ DATABASE_URL: database.url });
    const post = async (query: string, strategy: string) => (await sendOperation(server.url, { query, strategy })).body;
    const results: Record<string, { data: unknown; sqlCount: number }> = {};
    try {
      const everyone = await post('{ users(first: 100) { username } }', 'naive');
      expect(everyone.data!.users).toEqual(seedOracle(7).rows.users.map(({ username }) => ({ username })));
      for (const strategy of ['naive', 'batched', 'joined']) {
        const body = await post(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, strategy);
        results[strategy] = { data: body.data, sqlCount: body.extensions!.queryStats!.sqlCount };
      }
    } finally {
      const { code, stdout } = await server.stop('SIGTERM');
      expect(code).toBe(0);
      // An existing database is never reseeded: 7 users stay 7 (a fresh start seeds 20).
      expect(logLines(stdout).map((line) => line.msg)).not.toContain('seeded an empty database');
    }
    expect(Object.fromEntries(Object.entries(results).map(([strategy, { sqlCount }]) => [strategy, sqlCount]))).toEqual({
      naive: 51,
      batched: 4,
      joined: 1,
    });
    expect(results.batched!.data).toEqual(results.naive!.data);
    expect(results.joined!.data).toEqual(results.naive!.data);

    const orm = await openDatabase(parseDatabaseUrl(database.url), createLogger({ level: 'silent', pretty: false }));
    try {
      // The migration 0.1.0 ran is recognised as done, the ones since (Product.description) ran at start, and the
      // tables are exactly what the entities describe.
      const today = (TEST_DB === 'sqlite' ? sqliteMigrations : postgresqlMigrations).map((migration) => migration.name);
      expect(today[0]).toBe('Migration20261121070459_initial');
      expect((await orm.migrator.getExecuted()).map((migration) => migration.name)).toEqual(today);
      expect(await orm.migrator.getPending()).toEqual([]);
      expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
    } finally {
      await orm.close(true);
    }
  });
});
