import path from 'node:path';
import type { FlagValues } from '../../src/cli';
import { parseDatabaseUrl, parseWholeNumber, redactUrl } from '../../src/config';
import { FixableError } from '../../src/errors';
import { isStrategyName, STRATEGY_NAMES, type StrategyName } from '../../src/strategies';
import type { BENCH_COMMAND } from './flags';
import type { ApiStart } from './targets';

/** A problem the user can fix (a bad flag, an unreachable database, disagreeing data): printed as one line. */
export class BenchError extends FixableError {
  override name = 'BenchError';
}

export interface BenchOptions {
  /** Page sizes, ascending, each 1…1000 (the most `users(first:)` allows). */
  n: number[];
  strategies: StrategyName[];
  /** A PostgreSQL server to create a scratch database on; undefined: a temporary SQLite file. */
  databaseUrl?: string;
  /** Seconds of load per cell at `connections` concurrent connections. */
  durationS: number;
  connections: number;
  /** Most sequential requests measured per cell, and the seconds they may take (one is always measured). */
  requests: number;
  budgetS: number;
  outDir: string;
  json: boolean;
  /** The API servers export traces over OTLP/HTTP (to a sink in the bench), to measure what tracing costs. */
  traces: boolean;
  /** Each strategy cell also measures a traced and an untraced server side by side (see tracing-cost.ts). */
  tracingCost: boolean;
  /** Each strategy cell also measures a server without the lab's history and one with it side by side (see history-cost.ts). */
  historyCost: boolean;
  /** Each strategy cell is also measured in turn with the floor, each on a fresh server (see beside-floor.ts). */
  floorInTurn: boolean;
  /** Rounds of each in-turn measurement (tracing cost, history cost, beside the floor), each on a fresh pair of servers. */
  inTurnRounds: number;
  /** The API servers: compiled, as the production image runs them, or through tsx, as `npm start` does. */
  start: ApiStart;
  /** With --baseline: a saved results.json to compare with, as given and resolved. */
  baseline?: { file: string; path: string };
  /** The arguments as given, for the report's "command". */
  argv: string[];
}

const MAX_N = 1000;

/** Checks every flag's value (`--out` relative to `root`); a bad one names the flag, what it takes and the value. */
export function checkBenchOptions(values: FlagValues<typeof BENCH_COMMAND.flags>, argv: string[], root: string): BenchOptions {
  const inTurn = values['tracing-cost'] || values['history-cost'] || values['floor-in-turn'];
  if (values['in-turn-rounds'] !== undefined && !inTurn) {
    throw new BenchError(`--in-turn-rounds sets the rounds of --tracing-cost, --history-cost and --floor-in-turn; got it without any of them`);
  }
  return {
    n: pageSizes(values.n),
    strategies: strategyList(values.strategies),
    databaseUrl: values['database-url'] === undefined ? undefined : postgresServerUrl(values['database-url']),
    durationS: parseWholeNumber('--duration', values.duration, 1, 60),
    connections: parseWholeNumber('--connections', values.connections, 1, 64),
    requests: parseWholeNumber('--requests', values.requests, 1, 10_000),
    budgetS: parseWholeNumber('--budget', values.budget, 1, 60),
    outDir: path.resolve(root, values.out),
    json: values.json,
    traces: values.traces,
    tracingCost: values['tracing-cost'],
    historyCost: values['history-cost'],
    floorInTurn: values['floor-in-turn'],
    inTurnRounds: parseWholeNumber('--in-turn-rounds', values['in-turn-rounds'] ?? '3', 1, 20),
    start: apiStart(values.start),
    ...(values.baseline !== undefined && { baseline: { file: values.baseline, path: path.resolve(root, values.baseline) } }),
    argv,
  };
}

export function apiStart(value: string): ApiStart {
  if (value !== 'compiled' && value !== 'tsx') throw new BenchError(`--start is compiled or tsx; got "${value}"`);
  return value;
}

/** The run measures something in turn (and so has in-turn rounds). */
export function measuresInTurn(options: Pick<BenchOptions, 'tracingCost' | 'historyCost' | 'floorInTurn'>): boolean {
  return options.tracingCost || options.historyCost || options.floorInTurn;
}

function pageSizes(value: string): number[] {
  const items = value.split(',').map((item) => item.trim());
  const bad = items.find((item) => !/^\d+$/.test(item) || Number(item) < 1 || Number(item) > MAX_N);
  if (bad !== undefined) {
    throw new BenchError(`--n takes comma-separated whole numbers from 1 to ${MAX_N} (users(first:) allows no more); got "${value}"`);
  }
  return [...new Set(items.map(Number))].sort((a, b) => a - b);
}

function strategyList(value: string): StrategyName[] {
  const names = value.split(',').map((name) => name.trim().toLowerCase());
  if (names.some((name) => !isStrategyName(name))) {
    throw new BenchError(`--strategies takes a comma-separated list of ${STRATEGY_NAMES.join(', ')}; got "${value}"`);
  }
  return [...new Set(names)] as StrategyName[];
}

/** The API's own DATABASE_URL parser decides; the bench then needs it to be PostgreSQL. */
function postgresServerUrl(value: string): string {
  let kind: string | undefined;
  try {
    kind = parseDatabaseUrl(value).kind;
  } catch {
    // reported below
  }
  if (kind !== 'postgresql') {
    throw new BenchError(
      `--database-url takes a postgres:// URL naming a server and a database to connect to ` +
        `(a scratch database is created beside it), e.g. postgres://postgres@127.0.0.1:5432/test; got "${redactUrl(value)}"`,
    );
  }
  return value;
}
