/**
 * npm run migration:create -- --name add_order_notes [--postgres postgres://postgres@127.0.0.1:5432/test]
 *
 * Each dialect is diffed in a scratch database: SQLite in memory, PostgreSQL in a temporary database created on
 * the server named by --postgres (or TEST_DATABASE_URL) and dropped afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import pino from 'pino';
import { runCommand } from '../src/cli';
import { ConfigError, type DatabaseConfig } from '../src/config';
import { ormOptions } from '../src/db/orm';
import { withScratchPostgresDatabase } from '../src/db/scratch-database';

async function createFor(database: DatabaseConfig, name: string): Promise<void> {
  const dialect = database.kind;
  const dir = path.join(__dirname, '..', 'src', 'db', 'migrations', dialect);
  const options = ormOptions(database, pino({ level: 'warn' }));
  const orm = await MikroORM.init({
    ...options,
    migrations: { ...options.migrations, path: dir, pathTs: dir, emit: 'ts', fileName: (ts) => `Migration${ts}_${name}` },
  });
  try {
    await orm.migrator.up();
    const created = await orm.migrator.create(dir, false, false, name);
    if (!created.fileName) {
      console.log(`${dialect}: schema is up to date`);
      return;
    }
    const file = path.join(dir, created.fileName);
    // SQLite's generator emits each foreign-key index twice (its own plus our @Index, which PostgreSQL needs).
    fs.writeFileSync(file, dropRepeatedStatements(fs.readFileSync(file, 'utf8')));
    console.log(`${dialect}: wrote ${file}`);
  } finally {
    await orm.close(true);
  }
}

function dropRepeatedStatements(source: string): string {
  const seen = new Set<string>();
  return source
    .split('\n')
    .filter((line) => {
      if (!line.trim().startsWith('this.addSql(')) return true;
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    })
    .join('\n');
}

const MIGRATION_COMMAND = {
  name: 'migration:create',
  summary:
    'Writes a migration for each dialect from the difference between the entities and the schema the existing\n' +
    'migrations produce. Then add the new classes to src/db/migrations/<dialect>/index.ts.',
  flags: {
    name: { value: 'NAME', meaning: "the migration's name, snake_case (required)" },
    postgres: { value: 'URL', meaning: 'a PostgreSQL server to diff against (default $TEST_DATABASE_URL)' },
  },
};

runCommand(MIGRATION_COMMAND, async (values) => {
  const name = values.name ?? '';
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new ConfigError(`--name must be snake_case, e.g. add_order_notes; got "${name}"`);
  const serverUrl = values.postgres ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new ConfigError('--postgres (or TEST_DATABASE_URL) must name a PostgreSQL server to diff against');
  await createFor({ kind: 'sqlite', file: ':memory:' }, name);
  await withScratchPostgresDatabase(serverUrl, 'n1lab_migration', (url) => createFor({ kind: 'postgresql', url }, name));
});
