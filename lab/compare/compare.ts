import { getOperationAST, OperationTypeNode, parse } from 'graphql';
import type { CacheMode } from '../../src/cache/cache-mode';
import { EXPLAIN_HEADER } from '../../src/db/explain';
import { FixableError } from '../../src/errors';
import { type AwaitMode, DEFAULT_AWAIT_MODE } from '../../src/loading/await-mode';
import { type PlanFinding, planFindings } from '../../src/stats/plans';
import type { CacheStats, PathStats, QueryStats } from '../../src/stats/query-stats';
import type { RepeatFinding } from '../../src/stats/repeats';
import { roundMs } from '../../src/stats/time';
import type { StrategyName } from '../../src/strategies';
import type { WriteMode } from '../../src/writing/write-mode';
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
  /** `x-await` modes, each run under every strategy (default: the server's, sequential). */
  awaitModes?: AwaitMode[];
  /** Sent as `x-explain`: each row then lists what its statements' plans found. */
  explain?: 'plan' | 'analyze';
  /** `x-write` modes, each run under every strategy: for a mutation, how it inserts its items. */
  writeModes?: WriteMode[];
  /** `x-cache` modes, each run under every strategy. */
  cacheModes?: CacheMode[];
  /** Runs per strategy; times are the median of them. */
  repeat: number;
  /** Jaeger's UI, e.g. http://localhost:16686, for trace and compare links. */
  jaegerUrl?: string;
}

export interface StrategyResult {
  /** The strategy, and the await mode where more than one is compared: `batched`, `batched · parallel`. */
  label: string;
  strategy: StrategyName;
  await: AwaitMode;
  write: WriteMode;
  /** With `x-cache: on`: the last run's lookups (hits, misses). */
  cache?: CacheStats;
  sqlCount: number;
  /** Statements waited for one after another (queryStats.roundTripsInSeries). */
  roundTripsInSeries: number;
  rowsFetched: number;
  /** The size of the values the database sent (queryStats.bytesFetched). */
  bytesFetched: number;
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
  /** With `explain`: the scans its statements' plans found reading far more rows than they return, with the fix. */
  planFindings: PlanFinding[];
  /** The last run's trace, when the server traces. */
  traceId?: string;
  traceUrl?: string;
}

export interface Comparison {
  operation: string;
  target: string;
  repeat: number;
  /** Every strategy returned the same data (checked on every run); false for a mutation, whose runs each write anew. */
  dataIdentical: boolean;
  results: StrategyResult[];
  /** Jaeger compare view of the first strategy (the baseline) against each other one. */
  jaegerCompare: Array<{ baseline: string; strategy: string; url: string }>;
}

interface Run {
  stats: QueryStats;
  data: unknown;
  totalMs: number;
  traceId?: string;
}

/** One way to run the operation: a strategy under an await, write and cache mode. */
interface Variant {
  label: string;
  strategy: StrategyName;
  awaitMode: AwaitMode;
  writeMode: WriteMode;
  cacheMode: CacheMode;
}

/** Runs the operation under each strategy (× await mode) `repeat` times, interleaved, and compares what they cost. */
export async function compareStrategies(options: CompareOptions): Promise<Comparison> {
  const operation = operationName(options.query);
  const awaitModes = options.awaitModes ?? [DEFAULT_AWAIT_MODE];
  const writeModes = options.writeModes ?? ['per-item'];
  const cacheModes = options.cacheModes ?? ['off'];
  // A label names the strategy, then each mode that differs between the variants: `batched · parallel`.
  const label = (strategy: string, ...modes: Array<[shown: string, varies: boolean]>) =>
    [strategy, ...modes.filter(([, varies]) => varies).map(([shown]) => shown)].join(' · ');
  const variants = options.strategies.flatMap((strategy) =>
    awaitModes.flatMap((awaitMode) =>
      writeModes.flatMap((writeMode) =>
        cacheModes.map(
          (cacheMode): Variant => ({
            strategy,
            awaitMode,
            writeMode,
            cacheMode,
            label: label(
              strategy,
              [awaitMode, awaitModes.length > 1],
              [writeMode, writeModes.length > 1],
              [`cache ${cacheMode}`, cacheModes.length > 1],
            ),
          }),
        ),
      ),
    ),
  );
  const runs = new Map<Variant, Run[]>(variants.map((variant) => [variant, []]));
  for (let round = 0; round < options.repeat; round++) {
    for (const variant of variants) runs.get(variant)!.push(await runOnce(options, variant));
  }

  const baseline = variants[0]!;
  const baselineData = JSON.stringify(runs.get(baseline)![0]!.data);
  // A mutation's runs each write a new row (a new id, one more order to count): their data cannot match.
  const dataIdentical = !isMutation(options.query);
  for (const [variant, variantRuns] of dataIdentical ? runs : []) {
    for (const run of variantRuns) {
      if (JSON.stringify(run.data) !== baselineData) {
        throw new CompareError(`${variant.label} returned different data from ${baseline.label} for ${operation}: the strategies disagree`);
      }
    }
  }

  const results = variants.map((variant): StrategyResult => {
    const variantRuns = runs.get(variant)!;
    const last = variantRuns.at(-1)!;
    const dbTimeMs = medianMs(variantRuns.map((run) => run.stats.dbTimeMs));
    const totalMs = medianMs(variantRuns.map((run) => run.totalMs));
    return {
      label: variant.label,
      strategy: variant.strategy,
      await: variant.awaitMode,
      write: variant.writeMode,
      ...(last.stats.cache && { cache: last.stats.cache }),
      sqlCount: last.stats.sqlCount,
      roundTripsInSeries: last.stats.roundTripsInSeries,
      rowsFetched: last.stats.rowsFetched,
      bytesFetched: last.stats.bytesFetched,
      dbTimeMs,
      ormTimeMs: medianMs(variantRuns.map((run) => run.stats.ormTimeMs)),
      graphqlTimeMs: medianMs(variantRuns.map((run) => run.stats.graphqlTimeMs)),
      totalMs,
      dbShare: totalMs > 0 ? Math.min(1, dbTimeMs / totalMs) : 0,
      byPath: last.stats.byPath,
      nPlusOne: last.stats.nPlusOne,
      duplicateCount: last.stats.duplicates.reduce((sum, finding) => sum + finding.count, 0),
      planFindings: planFindings(last.stats.plans),
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
                  baseline: baselineResult.label,
                  strategy: result.label,
                  url: jaegerCompareUrl(options.jaegerUrl!, baselineResult.traceId!, result.traceId),
                },
              ]
            : [],
        )
      : [];
  return { operation, target: options.targetName, repeat: options.repeat, dataIdentical, results, jaegerCompare };
}

async function runOnce(
  { target, targetName, query, variables, explain }: CompareOptions,
  { strategy, awaitMode, writeMode, cacheMode, label }: Variant,
): Promise<Run> {
  const explainHeader: Record<string, string> = explain ? { [EXPLAIN_HEADER]: explain } : {};
  const operation = { query, variables, strategy, awaitMode, writeMode, cacheMode, headers: explainHeader };
  const { body, headers, roundTripMs } = await sendOperation(target, operation, targetName);
  if (body.errors?.length) {
    throw new CompareError(`the operation failed under ${label}: ${body.errors.map((error) => error.message).join('; ')}`);
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

function isMutation(query: string): boolean {
  return getOperationAST(parse(query))?.operation === OperationTypeNode.MUTATION;
}

function operationName(query: string): string {
  try {
    return getOperationAST(parse(query))?.name?.value ?? '(anonymous operation)';
  } catch (error) {
    throw new CompareError(`the operation is not valid GraphQL: ${error instanceof Error ? error.message : error}`);
  }
}

const medianMs = (values: number[]) => roundMs(median(values));
