import type { StrategyName } from '../../src/strategies';
import type { Machine } from '../kit/machine';
import type { InFlightReport } from './in-flight';
import type { StrategyCounts } from './mix';
import type { LoadStart, Memory, Runtime } from './server';
import { type WriteReport, writesHold } from './writes';

export interface LoadOptions {
  durationSeconds: number;
  connections: number;
  start: LoadStart;
  /** The server's NODE_OPTIONS instead of the image's (an empty string: none, V8's own heap sizing). */
  nodeOptions?: string;
  /** The `first` argument of every example operation that takes one (their own default: 5). */
  first?: number;
  /** Seconds between two samples of the server's memory. */
  sampleSeconds: number;
  /** Send SIGTERM this many seconds in; the run then ends once the requests in flight have their answers. */
  sigtermAtSeconds?: number;
  /** Mutations in the mix (an order under each x-write mode, a price change), and the data checked afterwards. */
  writes: boolean;
  /** A DATABASE_URL; by default a fresh SQLite file, deleted afterwards. */
  databaseUrl?: string;
  users: number;
  /** The server runs in a cgroup limited to this much memory, as in a container given that limit (`docker run -m`). */
  memoryLimitMiB?: number;
}

export interface LoadReport {
  options: LoadOptions;
  machine: Machine;
  /** Node's and autocannon's. */
  versions: Record<string, string>;
  database: string;
  /** When the load began (Unix epoch, ms), and for how long it was held. */
  startedAtMs: number;
  seconds: number;
  requests: { total: number; perSecond: number; byStrategy: Record<StrategyName, StrategyCounts> };
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Before the signal (or all of them, without one): connection errors and timeouts, non-2xx, GraphQL errors. */
  errors: { connection: number; timeouts: number; non2xx: number; graphql: number };
  memory: MemoryReport;
  /** What the server spent over the load: CPU, and garbage collection by kind (not measured with SIGTERM). */
  runtime?: Runtime;
  /** With writes: what was acknowledged, and what the database holds once the server stopped. */
  writes?: WriteReport;
  /** The server's "database unavailable" warnings, by cause and the driver's message: why a 503 was a 503. */
  databaseUnavailable: Record<string, number>;
  /** The server's, after SIGTERM (null: it had not exited in time and was killed). */
  exitCode: number | null;
  /** From SIGTERM to the server's exit. */
  exitMs: number;
  sigterm?: InFlightReport & {
    atSeconds: number;
    /** Connection errors on requests sent after the signal: the port is closed, as it should be. */
    refusedAfter: number;
    /** From the server's `stopped` line. */
    finished: number;
    cut: number;
  };
  ok: boolean;
}

/** A heap that grew more than this over a run, measured after a full collection at each end, fails the leak check. */
export const LEAK_LIMIT_BYTES = 20 * 1024 * 1024;

/** The memory targets the production start is held to (docs/guide/10-production.md): shown beside the numbers, not a verdict. */
export const MEMORY_TARGETS = { idleRssBytes: 150 * 1024 * 1024, peakRssBytes: 350 * 1024 * 1024 };

export interface MemorySample extends Memory {
  atSeconds: number;
}

export interface MemoryReport {
  /** The server's command line and its NODE_OPTIONS. */
  server: { command: string; nodeOptions: string | null };
  /** As it answered first, idle after start-up. */
  idle: Memory;
  /** After a full garbage collection, just before the load. */
  baseline: Memory;
  /** Every `sampleSeconds` from the start of the load (0: the baseline), and one as it stopped. */
  samples: MemorySample[];
  /** The process's peak resident memory over its life (Linux VmHWM). */
  peakRssBytes: number | null;
  /**
   * After the load, its connections closed, and a full collection: the heap should be back within
   * LEAK_LIMIT_BYTES of the baseline. Not measured when the run sent SIGTERM (the server is gone).
   */
  leakCheck?: { final: Memory; heapGrowthBytes: number; limitBytes: number; passed: boolean };
  /**
   * With a memory limit: the cgroup (its directory, removed after the run), its limit, the most it was charged at
   * once (the server's memory and the page cache it brought in, less pages another cgroup touched first, such as
   * node's own binary; null where the kernel does not say) and how often the kernel killed the server for want of
   * memory.
   */
  container?: { cgroup: string; limitBytes: number; peakBytes: number | null; oomKills: number };
}

/**
 * Every request before the signal answered 2xx without GraphQL errors; every one in flight at it too; a clean exit;
 * the heap back where it started (the leak check), when it was measured; and, in a cgroup, no OOM kill.
 */
export function isClean({ requests, errors, sigterm, exitCode, memory, writes }: LoadReport): boolean {
  const served = requests.total > 0 && errors.connection + errors.timeouts + errors.non2xx + errors.graphql === 0;
  const noLeak = memory.leakCheck?.passed ?? true;
  const notKilled = (memory.container?.oomKills ?? 0) === 0;
  const consistent = !writes || (writes.refused === 0 && writesHold(writes));
  return served && noLeak && notKilled && consistent && exitCode === 0 && (!sigterm || (sigterm.failed === 0 && sigterm.cut === 0));
}
