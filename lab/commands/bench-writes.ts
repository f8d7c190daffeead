/** npm run bench:writes -- [options]: see `npm run bench:writes -- --help`. */
import path from 'node:path';
import { type Command, runCommand } from '../../src/cli';
import { parseWholeNumber } from '../../src/config';
import { runLessonBench } from '../bench/lesson-bench';
import { apiStart } from '../bench/options';
import { measureWrites, renderWrites, type WriteBenchReport } from '../bench/writes';

const WRITES_COMMAND = {
  name: 'bench:writes',
  summary:
    'Measures writes beside reads: placeOrder with its items inserted one by one (x-write: per-item) or in one\n' +
    'statement (batched), and the README query under batched without and with the products cache (x-cache); one\n' +
    'request at a time, then requests per second under load; writes results.json and README.md.',
  flags: {
    'database-url': {
      value: 'URL',
      meaning: 'a PostgreSQL server: a scratch database is created on it and dropped afterwards (default: a temporary SQLite file)',
    },
    'redis-url': { value: 'URL', meaning: "the cache in this Redis (the server's REDIS_URL); without it, in the server's memory" },
    items: { value: 'N', default: '10', meaning: 'items per order (1 to 50)' },
    n: { value: 'N', default: '20', meaning: "the README query's users(first:)" },
    requests: { value: 'K', default: '50', meaning: 'requests measured per case, after 3 to warm up' },
    connections: { value: 'N', default: '4', meaning: 'connections for the requests-per-second runs' },
    seconds: { value: 'S', default: '5', meaning: 'seconds of each requests-per-second run' },
    start: { value: 'HOW', default: 'compiled', meaning: 'the API compiled (as the production image runs it) or through tsx (as npm start)' },
    out: { value: 'DIR', meaning: 'where to write (default docs/benchmarks/writes, or docs/benchmarks/postgresql/writes)' },
  },
} satisfies Command;

const SEED_USERS = 1000;

runCommand(WRITES_COMMAND, async (values, argv) => {
  const root = path.join(__dirname, '../..');
  const postgres = values['database-url'] !== undefined;
  const redisUrl = values['redis-url'];
  const options = {
    items: parseWholeNumber('--items', values.items, 1, 50),
    // Below the seed's size: its last user places the orders, out of the README query's reach.
    first: parseWholeNumber('--n', values.n, 1, SEED_USERS - 1),
    requests: parseWholeNumber('--requests', values.requests, 1, 10_000),
    connections: parseWholeNumber('--connections', values.connections, 1, 100),
    seconds: parseWholeNumber('--seconds', values.seconds, 1, 600),
    start: apiStart(values.start),
  };
  const cache = redisUrl ? 'Redis' : "the server's memory";
  await runLessonBench<WriteBenchReport>({
    script: WRITES_COMMAND.name,
    argv,
    name: 'writes',
    databaseUrl: values['database-url'],
    users: SEED_USERS,
    outDir: path.resolve(root, values.out ?? (postgres ? 'docs/benchmarks/postgresql/writes' : 'docs/benchmarks/writes')),
    requests: options.requests,
    start: options.start,
    render: renderWrites,
    measure: async (database, onRequest) => ({
      ...options,
      cache,
      results: await measureWrites({ database, ...options, orderUserId: SEED_USERS, ...(redisUrl && { redisUrl }), onRequest }),
    }),
  });
});
