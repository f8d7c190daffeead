import { type CellInTurnOptions, measureInTurn, medianRound } from './in-turn';
import { BenchError } from './options';
import type { OtlpSink } from './otlp-sink';
import { startTarget } from './target-process';

/** One round: a fresh traced and untraced server in turn. */
export interface TracingCostRound {
  /** Requests measured on each of the two servers. */
  measured: number;
  untracedMedianMs: number;
  tracedMedianMs: number;
  /** How much slower the traced server's median is than the untraced one's, in percent. */
  overheadPct: number;
}

/** The median round's numbers (see medianRound), every round, and what the traced servers exported. */
export interface TracingCostResult extends TracingCostRound {
  /** Absent from results written before rounds were measured: those had one. */
  rounds?: TracingCostRound[];
  /** OTLP export requests the sink received from the traced servers (at least one per round, or the run stops). */
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
  const rounds = (await measureInTurn([untraced, traced], { ...options, label })).map(({ measured, medianMs: [untracedMedianMs, tracedMedianMs] }) => ({
    measured,
    untracedMedianMs,
    tracedMedianMs,
    overheadPct: percentAbove(tracedMedianMs, untracedMedianMs),
  }));
  // Each traced server flushes its spans as it stops; fewer exports than servers means one was not tracing.
  const exports = sink.exports() - exportsBefore;
  if (exports < rounds.length) {
    throw new BenchError(`${options.label}: ${rounds.length} traced servers exported spans to the bench's OTLP sink ${exports} times; each must at least once`);
  }
  return { ...medianRound(rounds, (round) => round.overheadPct), rounds, exports };
}

/** How much `value` exceeds `base`, in percent, to one decimal. */
function percentAbove(value: number, base: number): number {
  return Math.round((value / base - 1) * 1000) / 10;
}
