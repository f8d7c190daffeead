import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_TIMEOUTS, describeDatabase, parseDatabaseUrl } from '../../src/config';
import { WRITE_MODES } from '../../src/writing/write-mode';
import { runAutocannon } from '../kit/autocannon';
import { collectGarbage } from '../kit/inspector';
import { describeMachine, installedVersions } from '../kit/machine';
import { InFlightAtSignal } from './in-flight';
import { emptyCounts, mixedRequests, spreadWrites, tally, usersTheReadsSee } from './mix';
import { isClean, LEAK_LIMIT_BYTES, type LoadOptions, type LoadReport, type MemoryReport, type MemorySample } from './report';
import { explainOomKill, type Memory, removeCgroup, runtimeBetween, type ServerUnderLoad, startServerUnderLoad } from './server';
import { WriteMix, writeTargets } from './writes';

/** How long after SIGTERM the run waits for the server to exit: its grace period, a statement's bound, slack. */
const EXIT_WITHIN_MS = DEFAULT_TIMEOUTS.shutdownGraceMs + DEFAULT_TIMEOUTS.statementMs + 5000;

/** How long after the load the leak check waits for autocannon's connections to close and their sockets to go. */
const SETTLE_MS = 2000;

/**
 * The real server in a child process, held at a fixed concurrency for a fixed time (docs/benchmarks/methodology.md),
 * its memory sampled throughout; without a SIGTERM, a soak: the heap after a full collection before and
 * after the load is its leak check. The server runs with its inspector on loopback, for those collections.
 * `beforeLoad` is awaited once the server is ready and measured, just before the load starts.
 */
export async function runLoad(options: LoadOptions, { beforeLoad }: { beforeLoad?: () => Promise<void> } = {}): Promise<LoadReport> {
  const scratch = options.databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-load-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${path.join(scratch!, 'load.sqlite')}`;
  const writes = options.writes ? new WriteMix() : undefined;
  const readsUpTo = usersTheReadsSee(options.first);
  // A fresh database is seeded with ids 1 to `users`: a mix whose writes would reach its reads fails before a server starts.
  if (writes && !options.databaseUrl) writeTargets(lastIds(options.users, WRITE_MODES.length), readsUpTo);
  const settings = {
    DATABASE_URL: databaseUrl,
    SEED_USERS: String(options.users),
    ...(writes && { WRITE_TOKEN: writes.token }),
    ...(options.nodeOptions !== undefined && { NODE_OPTIONS: options.nodeOptions }),
  };
  const server = await startServerUnderLoad(options.start, settings, ['--inspect=127.0.0.1:0'], options.memoryLimitMiB);
  try {
    const ordersBefore = writes && (await WriteMix.before(databaseUrl, readsUpTo));
    const idle = await server.memory();
    await collectGarbage(server.inspectorUrl!);
    const baseline = await server.memory();
    const runtimeBefore = await server.runtime();
    await beforeLoad?.();
    const started = performance.now();
    const sampler = sampleMemory(server, options.sampleSeconds, started, baseline);
    const held = await hold(server, options, writes && ordersBefore && { writes, userIds: ordersBefore.userIds });
    const after = held.after ?? (await server.memory());
    const seconds = secondsSince(started);
    const runtime = held.signalledAt === undefined ? runtimeBetween(runtimeBefore, await server.runtime()) : undefined;
    const samples = sampler.stop({ atSeconds: seconds, ...after });
    const peakRssBytes = server.peakMemoryBytes();
    const leakCheck = held.signalledAt === undefined ? await checkLeak(server, baseline) : undefined;
    const signalledAt = held.signalledAt ?? performance.now();
    if (held.signalledAt === undefined) server.signal('SIGTERM');
    const exitCode = await Promise.race([server.exited, sleep(EXIT_WITHIN_MS).then(() => null)]);
    const stopped = server.lines('stopped')[0] ?? {};
    // Read once the server is gone: what it acknowledged must be there, and nothing it cut half-written.
    const writeReport = writes && ordersBefore && (await writes.check(databaseUrl, ordersBefore));
    const { run, byStrategy } = held;
    const counts = Object.values(byStrategy);
    const report: LoadReport = {
      options,
      machine: describeMachine(),
      versions: installedVersions(['autocannon']),
      database: describeDatabase(parseDatabaseUrl(databaseUrl)),
      startedAtMs: Math.round(performance.timeOrigin + started),
      seconds,
      requests: { total: run.requests.total, perSecond: Math.round(run.requests.total / run.duration), byStrategy },
      latencyMs: { p50: run.latency.p50, p90: run.latency.p90, p99: run.latency.p99, max: run.latency.max, mean: run.latency.average },
      errors: {
        connection: held.errorsBefore,
        timeouts: run.timeouts,
        non2xx: counts.reduce((sum, count) => sum + count.non2xx, 0),
        graphql: counts.reduce((sum, count) => sum + count.graphqlErrors, 0),
      },
      memory: {
        server: { command: server.command, nodeOptions: server.nodeOptions },
        idle,
        baseline,
        samples,
        peakRssBytes,
        ...(leakCheck && { leakCheck }),
        ...(server.container && {
          container: {
            cgroup: server.container.dir,
            limitBytes: server.container.limitBytes,
            peakBytes: server.container.peakBytes(),
            oomKills: server.container.oomKills(),
          },
        }),
      },
      ...(runtime && { runtime }),
      ...(writeReport && { writes: writeReport }),
      databaseUnavailable: countBy(server.lines('database unavailable').map((line) => `${line.cause} (${line.error})`)),
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
  } catch (error) {
    throw explainOomKill(server.container, error);
  } finally {
    server.signal('SIGKILL'); // a no-op once it has exited
    if (server.container) await server.exited.then(() => removeCgroup(server.container!));
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The server's memory every `everySeconds` while the load runs; `stop` adds a last sample and returns them all. */
function sampleMemory(server: ServerUnderLoad, everySeconds: number, started: number, baseline: Memory) {
  const samples: MemorySample[] = [{ atSeconds: 0, ...baseline }];
  const timer = setInterval(() => {
    const atSeconds = secondsSince(started);
    // A sample the loaded server answers late still counts, at the time it was asked for.
    server.memory().then(
      (memory) => samples.push({ atSeconds, ...memory }),
      () => undefined,
    );
  }, everySeconds * 1000);
  return {
    stop(last: MemorySample): MemorySample[] {
      clearInterval(timer);
      return [...samples, last].sort((a, b) => a.atSeconds - b.atSeconds);
    },
  };
}

/** After the load: the connections closed, a full collection, and the heap compared with the baseline's. */
async function checkLeak(server: ServerUnderLoad, baseline: Memory): Promise<NonNullable<MemoryReport['leakCheck']>> {
  await sleep(SETTLE_MS);
  await collectGarbage(server.inspectorUrl!);
  const final = await server.memory();
  const heapGrowthBytes = final.heapUsedBytes - baseline.heapUsedBytes;
  return { final, heapGrowthBytes, limitBytes: LEAK_LIMIT_BYTES, passed: heapGrowthBytes <= LEAK_LIMIT_BYTES };
}

const secondsSince = (started: number) => Math.round((performance.now() - started) / 100) / 10;

/**
 * autocannon against the server for the whole duration; or, with `sigtermAtSeconds`, until then: note the
 * server's memory, send SIGTERM, and end the run once every request then in flight has its answer and the server
 * has exited. Until it has, an open connection may still carry a request sent after the signal, which the server
 * takes and answers: ended sooner, the run would drop that answer, and an order placed in it would look
 * unacknowledged (it failed CI so, placed = acknowledged + 1). What autocannon sends after that meets a closed port.
 */
async function hold(server: ServerUnderLoad, options: LoadOptions, writing: { writes: WriteMix; userIds: number[] } | undefined) {
  const byStrategy = emptyCounts();
  const inFlight = new InFlightAtSignal();
  const held = {
    byStrategy,
    inFlight,
    errorsBefore: 0,
    errorsAfter: 0,
    after: undefined as Memory | undefined,
    signalledAt: undefined as number | undefined,
  };
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
          await Promise.race([server.exited, sleep(EXIT_WITHIN_MS)]);
          end.abort();
        }, options.sigtermAtSeconds * 1000);
  const run = await runAutocannon({
    url: server.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: spreadWrites(
      mixedRequests(new URL(server.url).pathname, byStrategy, options.first),
      writing?.writes.requests(new URL(server.url).pathname, writing.userIds) ?? [],
    ),
    setupClient: inFlight.setupClient,
    // A slow answer is latency to report, not an error: autocannon's 10 s default dropped the connection under a
    // request still running, and with it the outcome of a write in flight on it.
    timeout: CLIENT_TIMEOUT_SECONDS,
    onRequestError: () => (held.signalledAt === undefined ? (held.errorsBefore += 1) : (held.errorsAfter += 1)),
    signal: end.signal,
  });
  clearTimeout(timer);
  return { ...held, run };
}

const CLIENT_TIMEOUT_SECONDS = 120;

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) tally(counts, key);
  return counts;
}

/** The last `count` of the ids 1 to `users` (fewer if there are fewer), ascending. */
function lastIds(users: number, count: number): number[] {
  const first = Math.max(1, users - count + 1);
  return Array.from({ length: users - first + 1 }, (_, index) => first + index);
}

async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done() && performance.now() < deadline) await sleep(10);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
