/** npm run bench:bytes -- [options]: see `npm run bench:bytes -- --help`. */
import path from 'node:path';
import { type Command, runCommand } from '../../src/cli';
import { parseWholeNumber } from '../../src/config';
import { type BytesReport, measureBytes, renderBytes } from '../bench/bytes';
import { runLessonBench } from '../bench/lesson-bench';
import { apiStart } from '../bench/options';

const BYTES_COMMAND = {
  name: 'bench:bytes',
  summary:
    'Measures the items’ products of N users under every strategy, without and with Product.description (the wide\n' +
    'column): rows, bytes fetched, response size and time; writes results.json and README.md.',
  flags: {
    'database-url': {
      value: 'URL',
      meaning: 'a PostgreSQL server: a scratch database is created on it and dropped afterwards (default: a temporary SQLite file)',
    },
    n: { value: 'N', default: '20', meaning: 'users(first:)' },
    requests: { value: 'K', default: '25', meaning: 'requests measured per case, after 3 to warm up' },
    start: { value: 'HOW', default: 'compiled', meaning: 'the API compiled (as the production image runs it) or through tsx (as npm start)' },
    out: { value: 'DIR', meaning: 'where to write (default docs/benchmarks/bytes, or docs/benchmarks/postgresql/bytes)' },
  },
} satisfies Command;

const SEED_USERS = 1000;

runCommand(BYTES_COMMAND, async (values, argv) => {
  const root = path.join(__dirname, '../..');
  const postgres = values['database-url'] !== undefined;
  const n = parseWholeNumber('--n', values.n, 1, 1000);
  const requests = parseWholeNumber('--requests', values.requests, 1, 1000);
  const start = apiStart(values.start);
  await runLessonBench<BytesReport>({
    script: BYTES_COMMAND.name,
    argv,
    name: 'bytes',
    databaseUrl: values['database-url'],
    users: SEED_USERS,
    outDir: path.resolve(root, values.out ?? (postgres ? 'docs/benchmarks/postgresql/bytes' : 'docs/benchmarks/bytes')),
    requests,
    start,
    render: renderBytes,
    measure: async (database, onRequest) => ({ n, results: await measureBytes({ database, n, requests, start, onRequest }) }),
  });
});
