/**
 * npm run load -- [options]
 *
 * A benchmark, not a test: starts the real server (src/main.ts, a child process on a loopback port) on a fresh
 * SQLite file, holds it at a fixed concurrency with every example operation under every strategy, and reports
 * errors (there must be none), latency and the server's memory before and after. With --sigterm-at it sends
 * SIGTERM mid-run and reports what became of the requests then in flight (none may fail). Exit code 1 if
 * anything failed.
 *
 *   --duration S         seconds of load (default 60)
 *   --connections N      concurrent connections, each one request at a time (default 10)
 *   --sigterm-at S       send SIGTERM S seconds in (less than --duration)
 *   --users N            users seeded into the fresh database (default 20)
 *   --database-url URL   a DATABASE_URL to use instead of a fresh SQLite file (it is seeded if empty)
 *   --json               print the report as JSON
 */
import { parseFlags, runCli } from '../../src/cli';
import { FixableError } from '../../src/errors';
import { ConfigError, parseDatabaseUrl, parseWholeNumber } from '../../src/config';
import { runLoad } from '../load/load';
import { renderLoadReport } from '../load/render';

const USAGE = 'usage: npm run load -- [--duration S] [--connections N] [--sigterm-at S] [--users N] [--database-url URL] [--json]';

async function main(): Promise<void> {
  const values = parseFlags('load', {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    'sigterm-at': { type: 'string' },
    users: { type: 'string', default: '20' },
    'database-url': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const durationSeconds = parseWholeNumber('--duration', values.duration!, 1, 3600);
  const sigtermAt = values['sigterm-at'];
  const databaseUrl = values['database-url'];
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  const report = await runLoad({
    durationSeconds,
    connections: parseWholeNumber('--connections', values.connections!, 1, 1000),
    ...(sigtermAt !== undefined && { sigtermAtSeconds: parseWholeNumber('--sigterm-at', sigtermAt, 1, durationSeconds - 1) }),
    users: parseWholeNumber('--users', values.users!, 1, 1_000_000),
    ...(databaseUrl && { databaseUrl }),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderLoadReport(report));
  if (!report.ok) throw new FixableError('the run had errors, failed requests or an unclean stop (see above)');
}

/** A bad --database-url fails here, in one line, rather than in the server's start-up. */
function checkDatabaseUrl(url: string): void {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new ConfigError((error as Error).message.replace(/^DATABASE_URL/, '--database-url'));
  }
}

runCli('load', main);
