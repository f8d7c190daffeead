import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TIMEOUTS, describeDatabase, parseDatabaseUrl } from '../../src/config';
import { runAutocannon } from '../kit/autocannon';
import { describeMachine, installedVersions } from '../kit/machine';
import { InFlightAtSignal } from './in-flight';
import { emptyCounts, mixedRequests } from './mix';
import { type LoadOptions, type LoadReport, isClean } from './report';
import { type Memory, type ServerUnderLoad, startServerUnderLoad } from './server';

/** How long after SIGTERM the run waits for the server to exit: its grace period, a statement's bound, slack. */
const EXIT_WITHIN_MS = DEFAULT_TIMEOUTS.shutdownGraceMs + DEFAULT_TIMEOUTS.statementMs + 5000;

/** The real server in a child process, held at a fixed concurrency for a fixed time (see the README's "Under load"). */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const scratch = options.databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-load-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(scratch!, 'load.sqlite')}`;
  const server = await startServerUnderLoad({ DATABASE_URL: databaseUrl, SEED_USERS: String(options.users) });
  try {
    const before = await server.memory();
    const started = performance.now();
    const held = await hold(server, options);
    const after = held.after ?? (await server.memory());
    const signalledAt = held.signalledAt ?? performance.now();
    if (held.signalledAt === undefined) server.signal('SIGTERM');
    const exitCode = await Promise.race([server.exited, sleep(EXIT_WITHIN_MS).then(() => null)]);
    const stopped = server.lines('stopped')[0] ?? {};
    const { run, byStrategy } = held;
    const counts = Object.values(byStrategy);
    const report: LoadReport = {
      options,
      machine: describeMachine(),
      versions: installedVersions(['autocannon']),
      database: describeDatabase(parseDatabaseUrl(databaseUrl)),
      seconds: Math.round((performance.now() - started) / 100) / 10,
      requests: { total: run.requests.total, perSecond: Math.round(run.requests.total / run.duration), byStrategy },
      latencyMs: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max, mean: run.latency.average },
      errors: {
        connection: held.errorsBefore,
        timeouts: run.timeouts,
        non2xx: counts.reduce((sum, count) => sum + count.non2xx, 0),
        graphql: counts.reduce((sum, count) => sum + count.graphqlErrors, 0),
      },
      memory: { before, after },
      exitCode,
      exitMs: Math.round(performance.now() - signalledAt),
      ...(held.signalledAt !== undefined && {
        sigterm: {
          atSeconds: options.sigtermAtSeconds!,
          ...held.inFlight.report,
          refusedAfter: held.errorsAfter,
          finished: Number(stopped.finished ?? -1),
          cut: Number(stopped.cut ?? -1),
        },
      }),
      ok: false,
    };
    report.ok = isClean(report);
    return report;
  } finally {
    server.signal('SIGKILL'); // a no-op once it has exited
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * autocannon against the server for the whole duration; or, with `sigtermAtSeconds`, until then: note the
 * server's memory, send SIGTERM, and end the run once every request then in flight has its answer (what
 * autocannon sends after that meets a closed port, as it should).
 */
async function hold(server: ServerUnderLoad, options: LoadOptions) {
  const byStrategy = emptyCounts();
  const inFlight = new InFlightAtSignal();
  const held = { byStrategy, inFlight, errorsBefore: 0, errorsAfter: 0, after: undefined as Memory | undefined, signalledAt: undefined as number | undefined };
  const end = new AbortController();
  const timer =
    options.sigtermAtSeconds === undefined
      ? undefined
      : setTimeout(async () => {
          held.after = await server.memory().catch(() => undefined);
          inFlight.signal();
          held.signalledAt = performance.now();
          server.signal('SIGTERM');
          await until(() => inFlight.settled, EXIT_WITHIN_MS);
          end.abort();
        }, options.sigtermAtSeconds * 1000);
  const run = await runAutocannon({
    url: server.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: mixedRequests(new URL(server.url).pathname, byStrategy),
    setupClient: inFlight.setupClient,
    onRequestError: () => (held.signalledAt === undefined ? (held.errorsBefore += 1) : (held.errorsAfter += 1)),
    signal: end.signal,
  });
  clearTimeout(timer);
  return { ...held, run };
}

async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(10);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
