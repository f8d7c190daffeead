import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redactUrl } from '../../src/config';
import type { BenchDatabase } from './database';
import type { BenchOptions } from './options';
import type { ReportedCost, SequentialResult } from './sequential';
import type { ThroughputResult } from './throughput';
import type { TracingCostResult } from './tracing-cost';
import type { BesideFloorResult } from './beside-floor';

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
  /** With --floor-in-turn, for strategies: this strategy and the floor measured in turn. */
  besideFloor?: BesideFloorResult;
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
    traces?: boolean;
    tracingCost?: boolean;
    floorInTurn?: boolean;
    /** Rounds of each in-turn measurement, when there are any. */
    inTurnRounds?: number;
    database: { kind: string; label: string; version: string; seededUsers: number };
  };
  /** `loadAverage`: 1, 5 and 15 minutes, as the run ended: anything above 0 before it was someone else's work. */
  machine: { cpu: string; cores: number; memoryBytes: number; os: string; arch: string; loadAverage: number[] };
  versions: Record<string, string>;
  cells: CellResult[];
}

const ROOT = path.resolve(__dirname, '..', '..');

/** The libraries a result depends on, as installed. */
const PACKAGES = [
  'graphql-yoga', 'graphql', '@pothos/core', 'dataloader', '@mikro-orm/core', '@mikro-orm/sqlite', '@mikro-orm/postgresql',
  'better-sqlite3', 'pg', 'tsx', 'autocannon',
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
      floorInTurn: options.floorInTurn,
      inTurnRounds: options.tracingCost || options.floorInTurn ? options.inTurnRounds : undefined,
      database: { kind: database.kind, label: database.label, version: database.version, seededUsers: database.seededUsers },
    },
    machine: {
      cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
      cores: os.availableParallelism(),
      memoryBytes: os.totalmem(),
      os: `${osName()} (${os.type()} ${os.release()})`,
      arch: os.arch(),
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    versions: {
      node: process.versions.node,
      ...Object.fromEntries(PACKAGES.map((name) => [name, installedVersion(name)])),
    },
  };
}

/** The command as typed, with any password in a URL replaced. */
function commandLine(argv: string[]): string {
  const quoted = argv.map((arg) => redactUrl(arg)).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg}'`));
  return ['npm run bench', ...(quoted.length ? ['--', ...quoted] : [])].join(' ');
}

function installedVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function osName(): string {
  try {
    return fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function gitCommit(): string | null {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    // A changed report under docs/ is the run's own output, not a change to what was measured.
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs');
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return null;
  }
}
