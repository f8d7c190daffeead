import { type CellInTurnOptions, type CostResult, measureCostInTurn } from './in-turn';
import { BenchError } from './options';
import type { OtlpSink } from './otlp-sink';
import { startTarget } from './targets';

/** Each round: a fresh untraced and traced server in turn (`measured` counts the requests on each). */
interface TracingMedians {
  untracedMedianMs: number;
  tracedMedianMs: number;
}

/** The median round's numbers (see medianRound), every round, and what the traced servers exported. */
export type TracingCostResult = CostResult<TracingMedians> & {
  /** OTLP export requests the sink received from the traced servers (at least one from each, or the run stops). */
  exports: number;
};

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
  const untraced = { start: () => startTarget('api', databaseUrl, options), strategy };
  const traced = {
    start: () => (countAtStart.push(sink.exports()), startTarget('api', databaseUrl, { ...options, otlpEndpoint: sink.endpoint })),
    strategy,
  };
  const label = `${options.label} (tracing cost)`;
  const result = await measureCostInTurn([untraced, traced], { ...options, label }, (untracedMedianMs, tracedMedianMs) => ({
    untracedMedianMs,
    tracedMedianMs,
  }));
  const perRound = [...countAtStart.slice(1), sink.exports()].map((count, index) => count - countAtStart[index]!);
  const silent = perRound.indexOf(0);
  // A traced server that exported nothing was not tracing, and its round's numbers mean nothing.
  if (silent >= 0) throw new BenchError(`${options.label}: the traced server of round ${silent + 1} exported no spans to the bench's OTLP sink`);
  return { ...result, exports: sink.exports() - countAtStart[0]! };
}
