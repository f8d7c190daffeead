/**
 * Replaces the data in the configured database (DATABASE_URL, default the SQLite file) with the
 * deterministic seed: npm run seed -- --users 1000
 */
import { parseArgs } from 'node:util';
import { ConfigError, describeDatabase, loadConfig } from '../src/config';
import { DatabaseStartupError, openDatabase } from '../src/db/orm';
import { reseed } from '../src/db/seed';
import { createLogger } from '../src/logger';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { users: { type: 'string', default: '20' } } });
  const users = Number(values.users);
  if (!/^\d+$/.test(values.users ?? '') || users > 1_000_000) {
    throw new ConfigError(`--users must be a whole number from 0 to 1000000; got "${values.users}"`);
  }
  const config = loadConfig();
  const orm = await openDatabase(config.database, createLogger({ ...config.log, level: 'warn' }));
  try {
    const started = performance.now();
    const summary = await reseed(orm.em.fork(), users);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Seeded ${describeDatabase(config.database)}: ${summary.users} users, ${summary.orders} orders, ` +
        `${summary.items} order items, ${summary.products} products (${seconds} s)`,
    );
  } finally {
    await orm.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DatabaseStartupError;
  console.error(known ? `seed: ${(error as Error).message}` : error);
  process.exitCode = 1;
});
