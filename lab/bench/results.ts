import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { redactUrl } from '../../src/config';
import { productionStart } from '../kit/dockerfile';
import { describeMachine, installedVersions, type Machine } from '../kit/machine';
import type { BesideFloorResult } from './beside-floor';
import type { BenchDatabase } from './database';
import type { HistoryCostResult } from './history-cost';
import { type BenchOptions, measuresInTurn } from './options';
import type { ReportedCost, SequentialResult } from './sequential';
import type { ApiStart } from './targets';
import type { ThroughputResult } from './throughput';
import type { TracingCostResult } from './tracing-cost';

/** One strategy (or the floor) at one N, on a fresh server process. */
export interface CellResult {
  /** A strategy name, or `floor`. */
  target: string;
  n: number;
  sequential: SequentialResult;
  /** Null when the cell's fastest sequential request took longer than the load run (`--duration`): none could finish. */
  throughput: ThroughputResult | null;
  cost: ReportedCost;
  /** The server process's peak resident memory over the whole cell (VmHWM); null off Linux. */
  peakMemoryBytes: number | null;
  /** With --tracing-cost, for strategies: a traced and an untraced server measured in turn. */
  tracing?: TracingCostResult;
  /** With --history-cost, for strategies: a server without the lab's history and one with it, measured in turn. */
  historyCost?: HistoryCostResult;
  /** With --floor-in-turn, for strategies: this strategy and the floor measured in turn. */
  besideFloor?: BesideFloorResult;
}

/** What --baseline found for one cell (lab/bench/baseline.ts). */
export type Verdict = 'regressed' | 'improved' | 'same' | 'not compared';

export interface CellComparison {
  target: string;
  n: number;
  verdict: Verdict;
  /** Why, one reading each: `SQL 4 → 51`, `slower: in turn with the floor 0.91× → 1.20× (+32%; rounds …, every round above …)`. */
  readings: string[];
}

export interface BaselineComparison {
  /** The baseline as given, and when and at which commit it was measured. */
  file: string;
  createdAt: string;
  gitCommit: string | null;
  cells: CellComparison[];
}

/** Everything `npm run bench:report` needs to redraw the report: results.json. */
export interface BenchResults {
  format: 1;
  createdAt: string;
  elapsedS: number;
  command: string;
  gitCommit: string | null;
  operation: string;
  settings: {
    n: number[];
    strategies: string[];
    connections: number;
    durationS: number;
    requests: number;
    budgetS: number;
    /** The API servers exported traces (OTLP/HTTP protobuf, to a sink in the bench process). */
    traces: boolean;
    tracingCost: boolean;
    /** Absent from results written before --history-cost existed. */
    historyCost?: boolean;
    floorInTurn: boolean;
    /** Rounds of each in-turn measurement, when there are any. */
    inTurnRounds?: number;
    database: { kind: string; label: string; version: string; seededUsers: number };
    /** How the API servers started (absent from results written before --start existed: tsx). */
    server?: { start: ApiStart; command: string; env: Record<string, string> };
  };
  machine: Machine;
  versions: Record<string, string>;
  cells: CellResult[];
  /** With --baseline: this run against a saved one, cell by cell. */
  baseline?: BaselineComparison;
}

/** The libraries a result depends on, as installed. */
const PACKAGES = [
  'graphql-yoga',
  'graphql',
  '@pothos/core',
  'dataloader',
  '@mikro-orm/core',
  '@mikro-orm/sqlite',
  '@mikro-orm/postgresql',
  'better-sqlite3',
  'pg',
  'tsx',
  'autocannon',
];

export function describeRun(options: BenchOptions, database: BenchDatabase, operation: string) {
  return {
    format: 1 as const,
    command: commandLine(options.argv),
    gitCommit: gitCommit(),
    operation,
    settings: {
      n: options.n,
      strategies: options.strategies,
      connections: options.connections,
      durationS: options.durationS,
      requests: options.requests,
      budgetS: options.budgetS,
      traces: options.traces,
      tracingCost: options.tracingCost,
      historyCost: options.historyCost,
      floorInTurn: options.floorInTurn,
      inTurnRounds: measuresInTurn(options) ? options.inTurnRounds : undefined,
      database: { kind: database.kind, label: database.label, version: database.version, seededUsers: database.seededUsers },
      server: apiServer(options.start),
    },
    machine: describeMachine(),
    versions: installedVersions(PACKAGES),
  };
}

/** The API servers' command line and the environment they add to the bench's (see targets.ts). */
function apiServer(start: ApiStart): NonNullable<BenchResults['settings']['server']> {
  if (start === 'tsx')
    return { start, command: 'node --require tsx/cjs --require ./src/telemetry/register.ts src/main.ts', env: { QUERY_STATS: 'on' } };
  const image = productionStart();
  return { start, command: image.command.join(' '), env: { ...image.env, QUERY_STATS: 'on' } };
}

/** The command as typed, with any password in a URL replaced. */
function commandLine(argv: string[]): string {
  const quoted = argv.map((arg) => redactUrl(arg)).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg}'`));
  return ['npm run bench', ...(quoted.length ? ['--', ...quoted] : [])].join(' ');
}

function gitCommit(): string | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    // A changed report under docs/ is the run's own output, not a change to what was measured.
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs');
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}
