/** npm run seed -- [--users N]: see `npm run seed -- --help`. */
import { runCommand } from '../src/cli';
import { describeDatabase, loadConfig, parseWholeNumber } from '../src/config';
import { openDatabase } from '../src/db/orm';
import { reseed } from '../src/db/seed';
import { createLogger } from '../src/logger';

const SEED_COMMAND = {
  name: 'seed',
  summary: 'Replaces the data in the configured database (DATABASE_URL, default the SQLite file) with the deterministic seed.',
  flags: { users: { value: 'N', default: '20', meaning: 'users to seed, 0 to 1000000 (orders, items and products follow)' } },
};

runCommand(SEED_COMMAND, async (values) => {
  const users = parseWholeNumber('--users', values.users, 0, 1_000_000);
  const config = loadConfig();
  const orm = await openDatabase(config.database, createLogger({ ...config.log, level: 'warn' }), config.timeouts);
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
});
