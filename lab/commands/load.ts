/** npm run load -- [options]: see `npm run load -- --help`. */
import { runCommand } from '../../src/cli';
import { FixableError } from '../../src/errors';
import { ConfigError, parseDatabaseUrl, parseWholeNumber } from '../../src/config';
import { runLoad } from '../load/load';
import { renderLoadReport } from '../load/render';

const LOAD_COMMAND = {
  name: 'load',
  summary:
    'A benchmark, not a test: starts the real server (src/main.ts, a child process on a loopback port) on a fresh\n' +
    'SQLite file, holds it at a fixed concurrency with every example operation under every strategy, and reports\n' +
    "errors (there must be none), latency and the server's memory before and after. With --sigterm-at it sends\n" +
    'SIGTERM mid-run and reports what became of the requests then in flight (none may fail). Exit code 1 if\n' +
    'anything failed.',
  flags: {
    duration: { value: 'S', default: '60', meaning: 'seconds of load' },
    connections: { value: 'N', default: '10', meaning: 'concurrent connections, each one request at a time' },
    'sigterm-at': { value: 'S', meaning: 'send SIGTERM S seconds in (less than --duration)' },
    users: { value: 'N', default: '20', meaning: 'users seeded into the fresh database' },
    'database-url': { value: 'URL', meaning: 'a DATABASE_URL to use instead of a fresh SQLite file (it is seeded if empty)' },
    json: { meaning: 'print the report as JSON' },
  },
};

runCommand(LOAD_COMMAND, async (values) => {
  const durationSeconds = parseWholeNumber('--duration', values.duration, 1, 3600);
  const sigtermAt = values['sigterm-at'];
  const databaseUrl = values['database-url'];
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  const report = await runLoad({
    durationSeconds,
    connections: parseWholeNumber('--connections', values.connections, 1, 1000),
    ...(sigtermAt !== undefined && { sigtermAtSeconds: parseWholeNumber('--sigterm-at', sigtermAt, 1, durationSeconds - 1) }),
    users: parseWholeNumber('--users', values.users, 1, 1_000_000),
    ...(databaseUrl && { databaseUrl }),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderLoadReport(report));
  if (!report.ok) throw new FixableError('the run had errors, failed requests or an unclean stop (see above)');
});

/** A bad --database-url fails here, in one line, rather than in the server's start-up. */
function checkDatabaseUrl(url: string): void {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new ConfigError((error as Error).message.replace(/^DATABASE_URL/, '--database-url'));
  }
}
