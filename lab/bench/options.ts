import path from 'node:path';
import { parseArgs } from 'node:util';
import { FixableError } from '../../src/errors';
import { parseWholeNumber, redactUrl } from '../../src/config';
import { STRATEGY_NAMES, type StrategyName, isStrategyName } from '../../src/strategies';

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
  /** Each strategy cell is also measured in turn with the floor, each on a fresh server (see beside-floor.ts). */
  floorInTurn: boolean;
  /** Rounds of each in-turn measurement (tracing cost, beside the floor), each on a fresh pair of servers. */
  inTurnRounds: number;
  /** The arguments as given, for the report's "command". */
  argv: string[];
}

export const USAGE =
  'usage: npm run bench -- [--n 20,100,1000] [--strategies ' + STRATEGY_NAMES.join(',') + '] ' +
  '[--database-url postgres://…] [--duration S] [--connections C] [--requests K] [--budget S] [--out DIR] [--json] [--traces] [--tracing-cost] [--floor-in-turn] [--in-turn-rounds R]';

const MAX_N = 1000;

/** Parses and checks every flag; a bad one throws a BenchError naming the flag, what it allows and the value. */
export function parseBenchOptions(argv: string[], root: string): BenchOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        n: { type: 'string', default: '20,100,1000' },
        strategies: { type: 'string', default: STRATEGY_NAMES.join(',') },
        'database-url': { type: 'string' },
        duration: { type: 'string', default: '2' },
        connections: { type: 'string', default: '4' },
        requests: { type: 'string', default: '50' },
        budget: { type: 'string', default: '3' },
        out: { type: 'string', default: path.join(root, 'docs', 'benchmarks') },
        json: { type: 'boolean', default: false },
        traces: { type: 'boolean', default: false },
        'tracing-cost': { type: 'boolean', default: false },
        'floor-in-turn': { type: 'boolean', default: false },
        'in-turn-rounds': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    // parseArgs's own words (unknown option, missing or ambiguous value), first line only, then what is allowed.
    const message = String((error as Error)?.message ?? error).split('\n')[0]!.replace(/\.$/, '');
    throw new BenchError(`${message}; ${USAGE}`);
  }
  if (values.help) return 'help';
  if (values['in-turn-rounds'] !== undefined && !values['tracing-cost'] && !values['floor-in-turn']) {
    throw new BenchError(`--in-turn-rounds sets the rounds of --tracing-cost and --floor-in-turn; got it without either`);
  }
  return {
    n: pageSizes(values.n!),
    strategies: strategyList(values.strategies!),
    databaseUrl: values['database-url'] === undefined ? undefined : postgresUrl(values['database-url']),
    durationS: wholeNumber('--duration', values.duration!, 1, 60),
    connections: wholeNumber('--connections', values.connections!, 1, 64),
    requests: wholeNumber('--requests', values.requests!, 1, 10_000),
    budgetS: wholeNumber('--budget', values.budget!, 1, 60),
    outDir: path.resolve(values.out!),
    json: values.json!,
    traces: values.traces!,
    tracingCost: values['tracing-cost']!,
    floorInTurn: values['floor-in-turn']!,
    inTurnRounds: wholeNumber('--in-turn-rounds', values['in-turn-rounds'] ?? '3', 1, 20),
    argv,
  };
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

function postgresUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname || url.pathname.length <= 1) {
    throw new BenchError(
      `--database-url takes a postgres:// URL naming a server and a database to connect to ` +
        `(a scratch database is created beside it), e.g. postgres://postgres@127.0.0.1:5432/test; got "${redactUrl(value)}"`,
    );
  }
  return value;
}

function wholeNumber(flag: string, value: string, min: number, max: number): number {
  try {
    return parseWholeNumber(flag, value, min, max);
  } catch (error) {
    throw new BenchError(error instanceof Error ? error.message : String(error));
  }
}
