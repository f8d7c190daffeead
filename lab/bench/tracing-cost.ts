import { type CellInTurnOptions, measureInTurn, medianRound } from './in-turn';
import { BenchError } from './options';
import type { OtlpSink } from './otlp-sink';
import { startTarget } from './targets';

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
  rounds: TracingCostRound[];
  /** OTLP export requests the sink received from the traced servers (at least one from each, or the run stops). */
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
  // The sink's count as each round's traced server starts: rounds run one after another, and each traced server
  // flushes its spans as it stops, so what arrives until the next one starts is that server's.
  const countAtStart: number[] = [];
  const untraced = { start: () => startTarget('api', databaseUrl), strategy };
  const traced = { start: () => (countAtStart.push(sink.exports()), startTarget('api', databaseUrl, sink.endpoint)), strategy };
  const label = `${options.label} (tracing cost)`;
  const rounds = (await measureInTurn([untraced, traced], { ...options, label })).map(({ measured, medianMs: [untracedMedianMs, tracedMedianMs] }) => ({
    measured,
    untracedMedianMs,
    tracedMedianMs,
    overheadPct: percentAbove(tracedMedianMs, untracedMedianMs),
  }));
  const perRound = [...countAtStart.slice(1), sink.exports()].map((count, index) => count - countAtStart[index]!);
  const silent = perRound.indexOf(0);
  // A traced server that exported nothing was not tracing, and its round's numbers mean nothing.
  if (silent >= 0) throw new BenchError(`${options.label}: the traced server of round ${silent + 1} exported no spans to the bench's OTLP sink`);
  return { ...medianRound(rounds, (round) => round.overheadPct), rounds, exports: sink.exports() - countAtStart[0]! };
}

/** How much `value` exceeds `base`, in percent, to one decimal. */
function percentAbove(value: number, base: number): number {
  return Math.round((value / base - 1) * 1000) / 10;
}
