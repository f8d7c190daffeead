/** npm run load -- [options]: see `npm run load -- --help`. */
import { type FlagValues, runCommand } from '../../src/cli';
import { ConfigError, parseDatabaseUrl, parseWholeNumber } from '../../src/config';
import { FixableError } from '../../src/errors';
import { writeLoadReport } from '../load/files';
import { runLoad } from '../load/load';
import { renderLoadReport, renderSideBySide } from '../load/render';
import type { LoadOptions } from '../load/report';
import { isLoadStart } from '../load/server';
import { runSideBySide } from '../load/side-by-side';

const LOAD_COMMAND = {
  name: 'load',
  summary:
    'A benchmark and a soak, not a test: starts the real server (compiled, as the production image runs it, in a\n' +
    'child process on a loopback port) on a fresh SQLite file, holds it at a fixed concurrency with every example\n' +
    'operation under every strategy and a few writes (orders, for users no read sees; prices), and reports errors\n' +
    "(there must be none), latency, the server's memory, sampled throughout, and whether the data holds afterwards\n" +
    '(every acknowledged order there once, each adding up). Its leak check: the heap after a full GC before and after the load, within 20 MiB.\n' +
    'With --sigterm-at it sends SIGTERM mid-run and reports what became of the requests then in flight (none may\n' +
    'fail). Exit code 1 if anything failed.',
  flags: {
    duration: { value: 'S', default: '60', meaning: 'seconds of load (up to an hour)' },
    connections: { value: 'N', default: '10', meaning: 'concurrent connections, each one request at a time' },
    'sigterm-at': { value: 'S', meaning: 'send SIGTERM S seconds in (less than --duration; no leak check then)' },
    users: {
      value: 'N',
      default: '20',
      meaning: 'users seeded into the fresh database; with writes, the last two get the orders, so at least --first + 2',
    },
    writes: {
      value: 'on|off',
      default: 'on',
      meaning: 'mutations in the mix (placeOrder under each x-write, updateProductPrice); on: the data is checked after the run',
    },
    first: { value: 'N', meaning: "the operations' $first (their default: 5)" },
    start: {
      value: 'HOW',
      default: 'compiled',
      meaning:
        "compiled (dist/, built if stale, the image's command line), uncapped (the same without the image's heap settings: V8's own) or tsx (as npm start)",
    },
    'node-options': {
      value: 'S',
      meaning: "the server's NODE_OPTIONS instead of the image's heap bounds: --node-options='--max-old-space-size=512', or '' for none",
    },
    alongside: {
      value: 'HOW',
      meaning:
        "also load a second server started HOW (as --start), at the same time, each on its own database, and set the two side by side; --node-options is the first's",
    },
    'alongside-database-url': {
      value: 'URL',
      meaning: "the second server's DATABASE_URL, needed with --database-url (a fresh SQLite file otherwise)",
    },
    'memory-limit': {
      value: 'MIB',
      meaning:
        'run the server (and the --alongside one) in a cgroup of its own limited to MIB, as a container given that limit: Node sizes its heap from it, the kernel OOM-kills past it (Linux, as root)',
    },
    'sample-every': { value: 'S', default: '10', meaning: "seconds between two samples of the server's memory" },
    out: { value: 'STEM', meaning: 'also write STEM.json, STEM.svg (memory over time) and STEM.md, e.g. docs/load/sqlite-soak' },
    'database-url': { value: 'URL', meaning: 'a DATABASE_URL to use instead of a fresh SQLite file (it is seeded if empty)' },
    json: { meaning: 'print the report as JSON' },
  },
};

runCommand(LOAD_COMMAND, async (values, argv) => {
  const durationSeconds = parseWholeNumber('--duration', values.duration, 1, 3600);
  const sigtermAt = values['sigterm-at'];
  const databaseUrl = values['database-url'];
  if (databaseUrl) checkDatabaseUrl(databaseUrl);
  const start = values.start;
  if (!isLoadStart(start)) throw new ConfigError(`--start is compiled, uncapped or tsx; got ${JSON.stringify(start)}`);
  const options: LoadOptions = {
    durationSeconds,
    connections: parseWholeNumber('--connections', values.connections, 1, 1000),
    start,
    sampleSeconds: parseWholeNumber('--sample-every', values['sample-every'], 1, 600),
    ...(values.first !== undefined && { first: parseWholeNumber('--first', values.first, 1, 1000) }),
    ...(values['node-options'] !== undefined && { nodeOptions: values['node-options'] }),
    ...(sigtermAt !== undefined && { sigtermAtSeconds: parseWholeNumber('--sigterm-at', sigtermAt, 1, durationSeconds - 1) }),
    users: parseWholeNumber('--users', values.users, 1, 1_000_000),
    writes: parseOnOff('--writes', values.writes),
    ...(databaseUrl && { databaseUrl }),
    ...(values['memory-limit'] !== undefined && { memoryLimitMiB: parseWholeNumber('--memory-limit', values['memory-limit'], 64, 65_536) }),
  };
  if (values.alongside !== undefined) return runAlongside(options, values.alongside, values);
  const report = await runLoad(options);
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderLoadReport(report));
  if (values.out) {
    const command = ['npm run load --', ...argv].join(' ');
    for (const file of await writeLoadReport(report, values.out, command)) process.stderr.write(`wrote ${file}\n`);
  }
  if (!report.ok) throw new FixableError('the run had errors, failed requests or an unclean stop (see above)');
});

async function runAlongside(options: LoadOptions, start: string, values: FlagValues<typeof LOAD_COMMAND.flags>): Promise<void> {
  if (!isLoadStart(start)) throw new ConfigError(`--alongside is compiled, uncapped or tsx; got ${JSON.stringify(start)}`);
  if (values.out !== undefined || options.sigtermAtSeconds !== undefined) throw new ConfigError('--alongside takes neither --out nor --sigterm-at');
  const databaseUrl = values['alongside-database-url'];
  if (databaseUrl !== undefined) checkDatabaseUrl(databaseUrl);
  if (options.databaseUrl !== undefined && (databaseUrl === undefined || databaseUrl === options.databaseUrl)) {
    throw new ConfigError(
      `--alongside with --database-url needs --alongside-database-url, another database; got ${JSON.stringify(databaseUrl ?? null)}`,
    );
  }
  const { nodeOptions: _firstOnly, databaseUrl: _own, ...shared } = options;
  const report = await runSideBySide(options, { ...shared, start, ...(databaseUrl !== undefined && { databaseUrl }) });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : renderSideBySide(report));
  if (!report.ok) throw new FixableError('a run had errors, failed requests or an unclean stop (see above)');
}

function parseOnOff(flag: string, value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new ConfigError(`${flag} is on or off; got ${JSON.stringify(value)}`);
}

/** A bad --database-url fails here, in one line, rather than in the server's start-up. */
function checkDatabaseUrl(url: string): void {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    throw new ConfigError((error as Error).message.replace(/^DATABASE_URL/, '--database-url'));
  }
}
