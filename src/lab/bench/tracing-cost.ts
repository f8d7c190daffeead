import { BenchError } from './options';
import type { OtlpSink } from './otlp-sink';
import { repeatWithin, send } from './sequential';
import { median, round } from './statistics';
import { startTarget } from './target-process';

/**
 * Longer than a cell's warm-up: the traced server has more code for V8 to optimize. Two traced servers 40
 * requests after starting cost +36% and +38% over an untraced one; the same two, a minute later, +17% and +14%
 * (batched, N=100, PostgreSQL).
 */
const WARMUP = { most: 100, ms: 4_000 };

export interface TracingCostResult {
  /** Requests measured on each of the two servers. */
  measured: number;
  untracedMedianMs: number;
  tracedMedianMs: number;
  /** How much slower the traced server's median is than the untraced one's, in percent. */
  overheadPct: number;
  /** OTLP export requests the sink received from the traced server (at least one, or the run stops). */
  exports: number;
}

export interface TracingCostOptions {
  databaseUrl: string;
  sink: OtlpSink;
  strategy: string;
  n: number;
  requests: number;
  budgetS: number;
  label: string;
  /** Ctrl-C: both servers stop, the request in flight fails, and the run unwinds. */
  signal: AbortSignal;
}

/**
 * What tracing costs one strategy at one N: two fresh servers side by side, one exporting every span over
 * OTLP/HTTP (protobuf) to the bench's sink and one with telemetry off, warmed up alike, then sent the same
 * request in turn (untraced first in one pair, traced first in the next). Measured in turn rather than one
 * cell after the other, both see the same machine: on a shared 2-core machine, the load of the minute moved
 * sequential medians by ±15%, as much as the cost being measured.
 */
export async function measureTracingCost(options: TracingCostOptions): Promise<TracingCostResult> {
  const exportsBefore = options.sink.exports();
  const untraced = await startTarget('graphql', options.databaseUrl);
  const traced = await startTarget('graphql', options.databaseUrl, options.sink.endpoint).catch(async (error) => {
    await untraced.stop();
    throw error;
  });
  const times = { untraced: [] as number[], traced: [] as number[] };
  const stop = () => Promise.all([untraced.stop(), traced.stop()]);
  const onAbort = () => void stop();
  options.signal.addEventListener('abort', onAbort);
  try {
    const request = (url: string) => send({ url, strategy: options.strategy, n: options.n, label: `${options.label} (tracing cost)` });
    await repeatWithin(WARMUP.most, WARMUP.ms, async () => {
      await request(untraced.url);
      await request(traced.url);
    });
    await repeatWithin(options.requests, options.budgetS * 1000, async () => {
      const order = times.traced.length % 2 ? (['traced', 'untraced'] as const) : (['untraced', 'traced'] as const);
      for (const which of order) times[which].push((await request(which === 'traced' ? traced.url : untraced.url)).roundTripMs);
    });
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await stop();
  }
  // The traced server flushes its spans as it stops; none at all means it was not tracing, and the numbers mean nothing.
  const exports = options.sink.exports() - exportsBefore;
  if (exports === 0) throw new BenchError(`${options.label}: the traced server exported no spans to the bench's OTLP sink`);
  const untracedMedianMs = round(median(times.untraced));
  const tracedMedianMs = round(median(times.traced));
  return {
    measured: times.traced.length,
    untracedMedianMs,
    tracedMedianMs,
    overheadPct: Math.round((tracedMedianMs / untracedMedianMs - 1) * 1000) / 10,
    exports,
  };
}
