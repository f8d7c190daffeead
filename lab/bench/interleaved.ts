import { roundMs } from '../../src/stats/time';
import { type GraphQLReply, type Operation, sendOperation, TargetError } from '../client';
import { median, percentile } from '../kit/statistics';
import { BenchError } from './options';

/** Requests sent before measuring: the JIT, the server's compiled operations, the pool's connections. */
const WARMUP = 3;

export interface InterleavedResult {
  measured: number;
  medianMs: number;
  p95Ms: number;
  /** Median of the measured replies' queryStats.dbTimeMs: the database's share of medianMs. */
  dbMedianMs: number;
  /** The last reply: its data and queryStats. */
  last: GraphQLReply;
}

/**
 * Sends every case one request at a time, in turn (case 1, case 2, …, then again), WARMUP rounds unmeasured and
 * then `requests` measured: drift in the machine spreads over all the cases instead of landing on one.
 */
export async function measureInterleaved(
  cases: ReadonlyArray<() => Promise<GraphQLReply>>,
  requests: number,
  onRequest?: (index: number) => void,
): Promise<InterleavedResult[]> {
  const walls = cases.map(() => [] as number[]);
  const dbTimes = cases.map(() => [] as number[]);
  const last: GraphQLReply[] = [];
  for (let round = 0; round < WARMUP + requests; round++) {
    for (const [index, send] of cases.entries()) {
      onRequest?.(index);
      const reply = await send();
      last[index] = reply;
      if (round < WARMUP) continue;
      walls[index]!.push(reply.roundTripMs);
      dbTimes[index]!.push(reply.body.extensions?.queryStats?.dbTimeMs ?? Number.NaN);
    }
  }
  return walls.map((measured, index) => ({
    measured: measured.length,
    medianMs: roundMs(median(measured)),
    p95Ms: roundMs(percentile(measured, 95)),
    dbMedianMs: roundMs(median(dbTimes[index]!)),
    last: last[index]!,
  }));
}

/** How many requests measureInterleaved sends for `cases` cases. */
export const requestsSent = (cases: number, requests: number) => cases * (WARMUP + requests);

/** One operation, which must answer 200 with data, no errors and its queryStats (QUERY_STATS=on, the bench's setting). */
export async function sendChecked(url: string, operation: Operation, label: string): Promise<GraphQLReply> {
  let reply: GraphQLReply;
  try {
    reply = await sendOperation(url, operation, label);
  } catch (error) {
    throw error instanceof TargetError ? new BenchError(error.message) : error;
  }
  if (reply.status !== 200 || reply.body.errors?.length) {
    throw new BenchError(`${label} failed (HTTP ${reply.status}): ${reply.body.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
  }
  if (!reply.body.extensions?.queryStats)
    throw new BenchError(`${label}: the server reports no queryStats (QUERY_STATS=on is the bench's own setting)`);
  return reply;
}
