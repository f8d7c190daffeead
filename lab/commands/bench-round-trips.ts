/** npm run bench:round-trips -- [options]: see `npm run bench:round-trips -- --help`. */
import path from 'node:path';
import { type Command, runCommand } from '../../src/cli';
import { parseWholeNumber } from '../../src/config';
import { runLessonBench } from '../bench/lesson-bench';
import { apiStart, BenchError } from '../bench/options';
import { measureRoundTrips, type RoundTripReport, renderRoundTrips } from '../bench/round-trips';

const ROUND_TRIPS_COMMAND = {
  name: 'bench:round-trips',
  summary:
    'Measures naive, batched and joined, and the dashboard under x-await sequential and parallel, with a simulated network\n' +
    'of each --latency between the API and PostgreSQL (DB_NETWORK_LATENCY_MS), and writes results.json and README.md.\n' +
    'Without --database-url: a temporary SQLite file, and only 0 ms (SQLite has no network).',
  flags: {
    'database-url': { value: 'URL', meaning: 'a PostgreSQL server: a scratch database is created on it and dropped afterwards' },
    latency: { value: 'LIST', default: '0,1,5', meaning: 'milliseconds added to every round trip, one server each (PostgreSQL only)' },
    n: { value: 'N', default: '20', meaning: 'users(first:) of the benchmarked tree' },
    requests: { value: 'K', default: '25', meaning: 'requests measured per case, after 3 to warm up' },
    start: { value: 'HOW', default: 'compiled', meaning: 'the API compiled (as the production image runs it) or through tsx (as npm start)' },
    out: { value: 'DIR', meaning: 'where to write (default docs/benchmarks/round-trips, or docs/benchmarks/postgresql/round-trips)' },
  },
} satisfies Command;

const SEED_USERS = 1000;

runCommand(ROUND_TRIPS_COMMAND, async (values, argv) => {
  const root = path.join(__dirname, '../..');
  const postgres = values['database-url'] !== undefined;
  const latenciesMs = postgres ? values.latency.split(',').map((value) => parseWholeNumber('--latency', value.trim(), 0, 1000)) : [0];
  if (!postgres && values.latency !== '0,1,5' && values.latency !== '0') {
    throw new BenchError(`--latency needs --database-url: the simulated network is PostgreSQL's (SQLite runs in the process); got ${values.latency}`);
  }
  const n = parseWholeNumber('--n', values.n, 1, 1000);
  const requests = parseWholeNumber('--requests', values.requests, 1, 1000);
  const start = apiStart(values.start);
  const outDir = path.resolve(root, values.out ?? (postgres ? 'docs/benchmarks/postgresql/round-trips' : 'docs/benchmarks/round-trips'));

  await runLessonBench<RoundTripReport>({
    script: ROUND_TRIPS_COMMAND.name,
    argv,
    name: 'round trips',
    databaseUrl: values['database-url'],
    users: SEED_USERS,
    outDir,
    requests,
    start,
    render: renderRoundTrips,
    measure: async (database, onRequest) => ({ n, results: await measureRoundTrips({ database, latenciesMs, n, requests, start, onRequest }) }),
  });
});
