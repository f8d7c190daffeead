import { roundMs } from '../../src/stats/time';
import { type GraphQLReply, sendOperation, TargetError } from '../client';
import { median, medianOfEach, percentile } from '../kit/statistics';
import { BENCH_QUERY } from './operation';
import { BenchError } from './options';
import { type ResponseStats, readResponseStats } from './response-stats';

export interface SequentialOptions {
  url: string;
  /** Sent as x-strategy; none for the floor. */
  strategy?: string;
  n: number;
  /** Most requests to measure, and the seconds measuring may take (at least one request is always measured). */
  requests: number;
  budgetS: number;
  /** Names the cell in errors. */
  label: string;
}

export interface SequentialResult {
  /** Requests sent before measuring; 0 when the one measured request was the first (it outlasted the budget). */
  warmup: number;
  measured: number;
  /** Wall time as the driver saw it: from sending the request to having the whole body. */
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  /** True when the time budget, not --requests, ended the measuring. */
  stoppedByBudget: boolean;
}

/** The cost the responses report about themselves: counts from the last, times as medians over the measured ones. */
export interface ReportedCost extends ResponseStats {
  /** Driver wall time minus the server's own `total`: HTTP, transfer and the time before the server's clock starts. */
  outsideServerMs: number | null;
}

/** At least one warm-up request (JIT, prepared statements, pools), up to 20 while they are quick: V8 optimizes late. */
const WARMUP = { most: 20, ms: 1_500 };

/**
 * Warm-up, then one request at a time: the latency of a single client with the server to itself. A cell whose
 * first request alone outlasts the measuring budget (naive at N=1000) is measured by that request, cold:
 * warming up first would double the cell's time for no different reading (docs/benchmarks/NOTES.md). The report
 * says how many requests each number rests on, and results.json which ones were cold (`warmup: 0`).
 */
export async function runSequential(options: SequentialOptions): Promise<{ result: SequentialResult; cost: ReportedCost; data: unknown }> {
  const budgetMs = options.budgetS * 1000;
  const responses: Array<ResponseStats & { wallMs: number }> = [];
  const measure = (reply: GraphQLReply) =>
    responses.push({ ...readResponseStats(reply.body, reply.headers.get('server-timing')), wallMs: reply.roundTripMs });

  const first = await send(options);
  const data = first.body.data;
  let warmup = 0;
  if (first.roundTripMs > budgetMs) {
    measure(first);
  } else {
    warmup = 1 + (await repeatWithin(WARMUP.most - 1, WARMUP.ms - first.roundTripMs, async () => void (await send(options))));
    await repeatWithin(options.requests, budgetMs, async () => void measure(await send(options)));
  }
  const walls = responses.map((response) => response.wallMs);

  const last = responses.at(-1)!;
  const outside = responses.flatMap((r) => (r.serverTiming?.total === undefined ? [] : [r.wallMs - r.serverTiming.total]));
  return {
    result: {
      warmup,
      measured: walls.length,
      medianMs: roundMs(median(walls)),
      p95Ms: roundMs(percentile(walls, 95)),
      minMs: roundMs(Math.min(...walls)),
      maxMs: roundMs(Math.max(...walls)),
      stoppedByBudget: walls.length < options.requests,
    },
    cost: {
      sqlCount: last.sqlCount,
      rowsFetched: last.rowsFetched,
      dbTimeMs: last.dbTimeMs === null ? null : roundMs(median(responses.map((r) => r.dbTimeMs ?? 0))),
      queryStatsTimeSplit: medianOfEach(responses.map((r) => r.queryStatsTimeSplit)),
      serverTiming: medianOfEach(responses.map((r) => r.serverTiming)),
      outsideServerMs: outside.length ? roundMs(Math.max(0, median(outside))) : null,
    },
    data,
  };
}

/**
 * Runs `step` one time after another: at least once, at most `most` times, and not again once `ms` have passed
 * since the first began. Returns how many times it ran.
 */
export async function repeatWithin(most: number, ms: number, step: () => Promise<void>): Promise<number> {
  const started = performance.now();
  let times = 0;
  while (times < most && (times === 0 || performance.now() - started < ms)) {
    await step();
    times++;
  }
  return times;
}

/** One request of the benchmarked operation; anything but a whole answer stops the run. */
export async function send({ url, strategy, n, label }: Pick<SequentialOptions, 'url' | 'strategy' | 'n' | 'label'>): Promise<GraphQLReply> {
  let reply: GraphQLReply;
  try {
    reply = await sendOperation(url, { query: BENCH_QUERY, variables: { first: n }, strategy }, label);
  } catch (error) {
    throw error instanceof TargetError ? new BenchError(error.message) : error;
  }
  if (reply.status !== 200 || reply.body.errors?.length || !Array.isArray((reply.body.data as { users?: unknown })?.users)) {
    const messages = reply.body.errors?.map((error) => error.message).join('; ') ?? 'no data';
    throw new BenchError(`${label} failed (HTTP ${reply.status}): ${messages}`);
  }
  return reply;
}
