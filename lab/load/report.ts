import type { StrategyName } from '../../src/strategies';
import type { Machine } from '../kit/machine';
import type { InFlightReport } from './in-flight';
import type { StrategyCounts } from './mix';
import type { Memory } from './server';

export interface LoadOptions {
  durationSeconds: number;
  connections: number;
  /** Send SIGTERM this many seconds in; the run then ends once the requests in flight have their answers. */
  sigtermAtSeconds?: number;
  /** A DATABASE_URL; by default a fresh SQLite file, deleted afterwards. */
  databaseUrl?: string;
  users: number;
}

export interface LoadReport {
  options: LoadOptions;
  machine: Machine;
  /** Node's and autocannon's. */
  versions: Record<string, string>;
  database: string;
  seconds: number;
  requests: { total: number; perSecond: number; byStrategy: Record<StrategyName, StrategyCounts> };
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Before the signal (or all of them, without one): connection errors and timeouts, non-2xx, GraphQL errors. */
  errors: { connection: number; timeouts: number; non2xx: number; graphql: number };
  memory: { before: Memory; after: Memory };
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

/** Every request before the signal answered 2xx without GraphQL errors; every one in flight at it too; a clean exit. */
export function isClean({ requests, errors, sigterm, exitCode }: LoadReport): boolean {
  const served = requests.total > 0 && errors.connection + errors.timeouts + errors.non2xx + errors.graphql === 0;
  return served && exitCode === 0 && (!sigterm || (sigterm.failed === 0 && sigterm.cut === 0));
}
