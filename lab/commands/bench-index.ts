/** npm run bench:index -- [options]: see `npm run bench:index -- --help`. */
import path from 'node:path';
import { type Command, runCommand } from '../../src/cli';
import { parseWholeNumber } from '../../src/config';
import { seedRows, usersForOrders } from '../../src/db/seed';
import { runLessonBench } from '../bench/lesson-bench';
import { type MissingIndexReport, measureMissingIndex, renderMissingIndex } from '../bench/missing-index';
import { apiStart } from '../bench/options';

const INDEX_COMMAND = {
  name: 'bench:index',
  summary:
    'Seeds a scratch database with --orders orders and measures orders(status, placedAfter) under naive, batched and joined,\n' +
    'without the orders_status index and then with it (applied by its migration), and writes results.json and README.md.',
  flags: {
    'database-url': {
      value: 'URL',
      meaning: 'a PostgreSQL server: a scratch database is created on it and dropped afterwards (default: a temporary SQLite file)',
    },
    orders: { value: 'N', default: '100000', meaning: 'orders to seed (and the users and items that come with them)' },
    requests: { value: 'K', default: '25', meaning: 'requests measured per strategy and phase, after 3 to warm up' },
    start: { value: 'HOW', default: 'compiled', meaning: 'the API compiled (as the production image runs it) or through tsx (as npm start)' },
    out: { value: 'DIR', meaning: 'where to write (default docs/benchmarks/missing-index, or docs/benchmarks/postgresql/missing-index)' },
  },
} satisfies Command;

runCommand(INDEX_COMMAND, async (values, argv) => {
  const root = path.join(__dirname, '../..');
  const postgres = values['database-url'] !== undefined;
  const users = usersForOrders(parseWholeNumber('--orders', values.orders, 1000, 3_000_000));
  const requests = parseWholeNumber('--requests', values.requests, 1, 1000);
  const start = apiStart(values.start);
  const outDir = path.resolve(root, values.out ?? (postgres ? 'docs/benchmarks/postgresql/missing-index' : 'docs/benchmarks/missing-index'));

  await runLessonBench<MissingIndexReport>({
    script: INDEX_COMMAND.name,
    argv,
    name: 'missing index',
    databaseUrl: values['database-url'],
    users,
    outDir,
    requests,
    start,
    render: renderMissingIndex,
    measure: async (database, onRequest) => {
      const { placedAfter, results } = await measureMissingIndex({ database, requests, start, onRequest });
      const orders = seedRows(users).orders.length;
      return { database: { label: database.label, version: database.version, seededUsers: users, orders }, placedAfter, results };
    },
  });
});
