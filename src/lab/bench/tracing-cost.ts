import { type CellInTurnOptions, measureInTurn } from './in-turn';
import { BenchError } from './options';
import type { OtlpSink } from './otlp-sink';
import { startTarget } from './target-process';

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

export interface TracingCostOptions extends CellInTurnOptions {
  sink: OtlpSink;
}

/**
 * What tracing costs one strategy at one N, measured in turn (see in-turn.ts): a server with telemetry off and
 * one exporting every span over OTLP/HTTP (protobuf) to the bench's sink.
 */
export async function measureTracingCost(options: TracingCostOptions): Promise<TracingCostResult> {
  const { databaseUrl, sink, strategy } = options;
  const exportsBefore = sink.exports();
  const untraced = { start: () => startTarget('graphql', databaseUrl), strategy };
  const traced = { start: () => startTarget('graphql', databaseUrl, sink.endpoint), strategy };
  const label = `${options.label} (tracing cost)`;
  const { measured, medianMs } = await measureInTurn([untraced, traced], { ...options, label });
  // The traced server flushes its spans as it stops; none at all means it was not tracing, and the numbers mean nothing.
  const exports = sink.exports() - exportsBefore;
  if (exports === 0) throw new BenchError(`${options.label}: the traced server exported no spans to the bench's OTLP sink`);
  const [untracedMedianMs, tracedMedianMs] = medianMs;
  return { measured, untracedMedianMs, tracedMedianMs, overheadPct: percentAbove(tracedMedianMs, untracedMedianMs), exports };
}

/** How much `value` exceeds `base`, in percent, to one decimal. */
function percentAbove(value: number, base: number): number {
  return Math.round((value / base - 1) * 1000) / 10;
}
