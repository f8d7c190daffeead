/** npm run seed -- [--users N]: see `npm run seed -- --help`. */
import { runCommand } from '../src/cli';
import { ConfigError, describeDatabase, loadConfig, parseWholeNumber } from '../src/config';
import { openDatabase } from '../src/db/orm';
import { reseed, usersForOrders } from '../src/db/seed';
import { createLogger } from '../src/logger';

const SEED_COMMAND = {
  name: 'seed',
  summary: 'Replaces the data in the configured database (DATABASE_URL, default the SQLite file) with the deterministic seed.',
  flags: {
    users: { value: 'N', default: '20', meaning: 'users to seed, 0 to 1000000 (orders, items and products follow: 3 orders and 6 items a user)' },
    orders: { value: 'N', meaning: 'instead of --users: as many users as it takes for N orders (100000: 33,334 users, 200,009 items)' },
  },
};

runCommand(SEED_COMMAND, async (values, argv) => {
  if (values.orders !== undefined && argv.some((arg) => arg.startsWith('--users'))) throw new ConfigError('give --users or --orders, not both');
  const users =
    values.orders === undefined
      ? parseWholeNumber('--users', values.users, 0, 1_000_000)
      : usersForOrders(parseWholeNumber('--orders', values.orders, 0, 3_000_000));
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
