import http from 'node:http';
import { FixableError } from '../../src/errors';
import { HEALTH_PATH } from '../../src/http/probes';
import { createMemoryCgroup, type MemoryCgroup } from '../kit/memory-cgroup';
import { parseMetrics } from '../kit/metrics-text';
import { type ServerKind, type ServerProcess, startServerProcess } from '../kit/server-process';

/**
 * The API as the production image runs it (compiled, its heap settings), the same with none of them (V8's own heap
 * sizing: what the image's settings are measured against), or as `npm start` does (tsx).
 */
export type LoadStart = keyof typeof SERVER_OF;

const SERVER_OF = { compiled: 'production', uncapped: 'uncapped', tsx: 'api' } as const satisfies Record<string, ServerKind>;

export const isLoadStart = (value: string): value is LoadStart => Object.hasOwn(SERVER_OF, value);

export interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
}

/** The server's CPU time and its garbage collections (by kind: minor, major, incremental, weakcb) since it started. */
export interface Runtime {
  cpuSeconds: number;
  gc: Record<string, { seconds: number; count: number }>;
}

export interface ServerUnderLoad extends ServerProcess {
  /** The server's own memory, from its `/health`. */
  memory(): Promise<Memory>;
  /** From its Prometheus `/metrics` (prom-client's default process and GC metrics). */
  runtime(): Promise<Runtime>;
  /** The log lines with one of these messages (the rest, one per request, is read and dropped). */
  lines(msg: string): Array<Record<string, unknown>>;
  /** The memory-limited cgroup it runs in, when it was given a limit: its container (to remove once it has exited). */
  container?: MemoryCgroup;
}

// The lines worth keeping out of the many a server under load prints.
const KEPT = ['request cut', 'stopped', 'shutdown grace period over', 'database unavailable', 'unexpected error', 'still running'];

/**
 * The API in a child process on a loopback port, compiled as the image runs it or through tsx as `npm start`
 * does, with only the settings given here (never this shell's) and `nodeArgs` for node itself; with
 * `memoryLimitMiB`, in a cgroup of its own limited to that, as a container would be (memory-cgroup.ts).
 */
export async function startServerUnderLoad(
  start: LoadStart,
  settings: Record<string, string>,
  nodeArgs: string[] = [],
  memoryLimitMiB?: number,
): Promise<ServerUnderLoad> {
  const cgroup = memoryLimitMiB === undefined ? undefined : createMemoryCgroup(memoryLimitMiB);
  const server = await startServerProcess(SERVER_OF[start], settings, 60_000, nodeArgs, cgroup).catch((error: unknown) => {
    const reason = explainOomKill(cgroup, error);
    if (cgroup) removeCgroup(cgroup);
    throw reason;
  });
  const kept: Array<Record<string, unknown>> = [];
  let pending = '';
  server.child.stdout!.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (KEPT.some((msg) => line.includes(`"msg":"${msg}`))) kept.push(JSON.parse(line));
  });
  return {
    ...server,
    memory: async () => (JSON.parse(await getText(`${server.origin}${HEALTH_PATH}`)) as { memory: Memory }).memory,
    runtime: async () => parseRuntime(await getText(`${server.origin}/metrics`)),
    lines: (msg) => kept.filter((line) => line.msg === msg),
    ...(cgroup && { container: cgroup }),
  };
}

/**
 * What a run that failed because the kernel killed its server in its cgroup says: that, rather than what the
 * failure looked like from outside (a server that did not start, a refused connection). Any other error as it was.
 */
export function explainOomKill(cgroup: MemoryCgroup | undefined, error: unknown): unknown {
  const kills = cgroup?.oomKills() ?? 0;
  if (!cgroup || kills === 0) return error;
  return new FixableError(
    `the kernel killed the server for want of memory (${kills} OOM kill in its cgroup limited to ${cgroup.limitBytes / 1024 / 1024} MiB, ` +
      `--memory-limit): give it more memory, or its heap less (--node-options)`,
  );
}

/** A cgroup left behind is empty and harmless: said, not thrown over the run's own outcome. */
export function removeCgroup(cgroup: MemoryCgroup): void {
  try {
    cgroup.remove();
  } catch (error) {
    process.stderr.write(`load: the server's cgroup ${cgroup.dir} was left behind: ${(error as Error).message}\n`);
  }
}

/** prom-client's GC histogram series Runtime reads, and the field each fills. */
const GC_PARTS: Record<string, 'seconds' | 'count'> = { nodejs_gc_duration_seconds_sum: 'seconds', nodejs_gc_duration_seconds_count: 'count' };

/** The two metric families Runtime needs, out of the Prometheus text format. */
export function parseRuntime(exposition: string): Runtime {
  const runtime: Runtime = { cpuSeconds: Number.NaN, gc: {} };
  for (const { name, labels, value } of parseMetrics(exposition)) {
    if (name === 'process_cpu_seconds_total') runtime.cpuSeconds = value;
    const part = GC_PARTS[name];
    if (part && labels.kind) (runtime.gc[labels.kind] ??= { seconds: 0, count: 0 })[part] = value;
  }
  if (Number.isNaN(runtime.cpuSeconds)) throw new Error("the server's /metrics has no process_cpu_seconds_total: is METRICS off?");
  return runtime;
}

/** What the server spent between two readings. */
export function runtimeBetween(before: Runtime, after: Runtime): Runtime {
  const gc: Runtime['gc'] = {};
  for (const [kind, { seconds, count }] of Object.entries(after.gc)) {
    const earlier = before.gc[kind] ?? { seconds: 0, count: 0 };
    gc[kind] = { seconds: seconds - earlier.seconds, count: count - earlier.count };
  }
  return { cpuSeconds: after.cpuSeconds - before.cpuSeconds, gc };
}

/** One GET on a connection of its own (so nothing is left open to the server afterwards). */
function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}
