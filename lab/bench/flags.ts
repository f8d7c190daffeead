import type { Command } from '../../src/cli';
import { STRATEGY_NAMES } from '../../src/strategies';

/** `npm run bench`'s flags: what --help prints, and what lab/bench/options.ts checks. */
export const BENCH_COMMAND = {
  name: 'bench',
  summary:
    'Measures the benchmarked operation (lab/bench/operation.ts) under every strategy and the floor, at each N, each on\n' +
    'a fresh server process, and writes results.json, README.md, latency.svg and time-split.svg.',
  flags: {
    n: { value: 'LIST', default: '20,100,1000', meaning: 'page sizes, 1 to 1000' },
    strategies: { value: 'LIST', default: STRATEGY_NAMES.join(','), meaning: 'the strategies to measure, beside the floor' },
    'database-url': {
      value: 'URL',
      meaning: 'a PostgreSQL server: a scratch database is created on it and dropped afterwards (default: a temporary SQLite file)',
    },
    duration: { value: 'S', default: '2', meaning: 'seconds of load per cell' },
    connections: { value: 'C', default: '4', meaning: 'concurrent connections of the load' },
    requests: { value: 'K', default: '50', meaning: 'most sequential requests measured per cell' },
    budget: { value: 'S', default: '3', meaning: 'most seconds of sequential measuring per cell' },
    out: { value: 'DIR', default: 'docs/benchmarks', meaning: 'where to write' },
    start: {
      value: 'HOW',
      default: 'compiled',
      meaning: "the API as production runs it (compiled dist/, built if stale, the image's command line) or tsx (as npm start)",
    },
    baseline: {
      value: 'FILE',
      meaning: 'a saved results.json to compare with: names each cell that regressed beyond the noise (exit code 1 if any did)',
    },
    json: { meaning: 'print results.json to stdout instead of a summary' },
    traces: { meaning: 'the API servers export their traces (OTLP/HTTP protobuf, to a sink in the bench)' },
    'tracing-cost': { meaning: 'per strategy cell, a traced and an untraced server measured in turn: what tracing costs' },
    'history-cost': {
      meaning: "per strategy cell, a server without the lab's history (LAB_HISTORY=0) and one with it, in turn: what recording costs",
    },
    'floor-in-turn': { meaning: 'per strategy cell, its server and a floor server measured in turn: × floor without drift' },
    'in-turn-rounds': {
      value: 'R',
      meaning: 'rounds of each in-turn measurement, each on fresh servers; the median round is reported (default 3)',
    },
  },
} satisfies Command;
