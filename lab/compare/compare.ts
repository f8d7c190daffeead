import { getOperationAST, parse } from 'graphql';
import { FixableError } from '../../src/errors';
import type { PathStats, QueryStats } from '../../src/stats/query-stats';
import type { RepeatFinding } from '../../src/stats/repeats';
import { roundMs } from '../../src/stats/time';
import type { StrategyName } from '../../src/strategies';
import { sendOperation, type Target } from '../client';
import { median } from '../kit/statistics';
import { jaegerCompareUrl, jaegerTraceUrl } from './jaeger';

/** A comparison that cannot be made (bad input, failing operation, strategies that disagree). */
export class CompareError extends FixableError {
  override name = 'CompareError';
}

export interface CompareOptions {
  target: Target;
  /** How to name the target in messages: a URL, or "in-process (20 users)". */
  targetName: string;
  query: string;
  variables?: Record<string, unknown>;
  strategies: StrategyName[];
  /** Runs per strategy; times are the median of them. */
  repeat: number;
  /** Jaeger's UI, e.g. http://localhost:16686, for trace and compare links. */
  jaegerUrl?: string;
}

export interface StrategyResult {
  strategy: StrategyName;
  sqlCount: number;
  rowsFetched: number;
  /** Medians over the runs: database, ORM, GraphQL execution, and the whole request as the server timed it. */
  dbTimeMs: number;
  ormTimeMs: number;
  graphqlTimeMs: number;
  totalMs: number;
  /** dbTimeMs / totalMs, 0 to 1. */
  dbShare: number;
  byPath: PathStats[];
  nPlusOne: RepeatFinding[];
  duplicateCount: number;
  /** The last run's trace, when the server traces. */
  traceId?: string;
  traceUrl?: string;
}

export interface Comparison {
  operation: string;
  target: string;
  repeat: number;
  /** Every strategy returned the same data (checked on every run). */
  dataIdentical: true;
  results: StrategyResult[];
  /** Jaeger compare view of the first strategy (the baseline) against each other one. */
  jaegerCompare: Array<{ baseline: StrategyName; strategy: StrategyName; url: string }>;
}

interface Run {
  stats: QueryStats;
  data: unknown;
  totalMs: number;
  traceId?: string;
}

/** Runs the operation under each strategy `repeat` times, interleaved, and compares what they cost. */
export async function compareStrategies(options: CompareOptions): Promise<Comparison> {
  const operation = operationName(options.query);
  const runs = new Map<StrategyName, Run[]>(options.strategies.map((strategy) => [strategy, []]));
  for (let round = 0; round < options.repeat; round++) {
    for (const strategy of options.strategies) runs.get(strategy)!.push(await runOnce(options, strategy));
  }

  const [baseline] = options.strategies;
  const baselineData = JSON.stringify(runs.get(baseline!)![0]!.data);
  for (const [strategy, strategyRuns] of runs) {
    for (const run of strategyRuns) {
      if (JSON.stringify(run.data) !== baselineData) {
        throw new CompareError(`${strategy} returned different data from ${baseline} for ${operation}: the strategies disagree`);
      }
    }
  }

  const results = options.strategies.map((strategy): StrategyResult => {
    const strategyRuns = runs.get(strategy)!;
    const last = strategyRuns.at(-1)!;
    const dbTimeMs = medianMs(strategyRuns.map((run) => run.stats.dbTimeMs));
    const totalMs = medianMs(strategyRuns.map((run) => run.totalMs));
    return {
      strategy,
      sqlCount: last.stats.sqlCount,
      rowsFetched: last.stats.rowsFetched,
      dbTimeMs,
      ormTimeMs: medianMs(strategyRuns.map((run) => run.stats.ormTimeMs)),
      graphqlTimeMs: medianMs(strategyRuns.map((run) => run.stats.graphqlTimeMs)),
      totalMs,
      dbShare: totalMs > 0 ? Math.min(1, dbTimeMs / totalMs) : 0,
      byPath: last.stats.byPath,
      nPlusOne: last.stats.nPlusOne,
      duplicateCount: last.stats.duplicates.reduce((sum, finding) => sum + finding.count, 0),
      traceId: last.traceId,
      traceUrl: last.traceId && options.jaegerUrl ? jaegerTraceUrl(options.jaegerUrl, last.traceId) : undefined,
    };
  });

  const baselineResult = results[0]!;
  const jaegerCompare =
    options.jaegerUrl && baselineResult.traceId
      ? results.slice(1).flatMap((result) =>
          result.traceId
            ? [
                {
                  baseline: baselineResult.strategy,
                  strategy: result.strategy,
                  url: jaegerCompareUrl(options.jaegerUrl!, baselineResult.traceId!, result.traceId),
                },
              ]
            : [],
        )
      : [];
  return { operation, target: options.targetName, repeat: options.repeat, dataIdentical: true, results, jaegerCompare };
}

async function runOnce({ target, targetName, query, variables }: CompareOptions, strategy: StrategyName): Promise<Run> {
  const { body, headers, roundTripMs } = await sendOperation(target, { query, variables, strategy }, targetName);
  if (body.errors?.length) {
    throw new CompareError(`the operation failed under ${strategy}: ${body.errors.map((error) => error.message).join('; ')}`);
  }
  const stats = body.extensions?.queryStats;
  if (!stats) throw new CompareError(`${targetName} reports no extensions.queryStats: start it with QUERY_STATS=on`);
  return {
    stats,
    data: body.data,
    totalMs: serverTotalMs(headers.get('server-timing')) ?? roundTripMs,
    traceId: body.extensions?.traceId,
  };
}

/** The server's own `total` from Server-Timing: the request without the network. */
function serverTotalMs(header: string | null): number | undefined {
  const match = header?.match(/(?:^|,)\s*total;dur=([\d.]+)/);
  return match ? Number(match[1]) : undefined;
}

function operationName(query: string): string {
  try {
    return getOperationAST(parse(query))?.name?.value ?? '(anonymous operation)';
  } catch (error) {
    throw new CompareError(`the operation is not valid GraphQL: ${error instanceof Error ? error.message : error}`);
  }
}

const medianMs = (values: number[]) => roundMs(median(values));
