/**
 * npm run bench -- [options]
 *
 * Measures the benchmarked operation (lab/bench/operation.ts) under every strategy and the floor, at each N,
 * each on a fresh server process, and writes results.json, README.md, latency.svg and time-split.svg.
 *
 *   --n LIST              page sizes, 1 to 1000 (default 20,100,1000)
 *   --strategies LIST     default: every strategy in src/strategies
 *   --database-url URL    a PostgreSQL server: a scratch database is created on it and dropped afterwards
 *                         (default: a temporary SQLite file)
 *   --duration S          seconds of load per cell (default 2)
 *   --connections C       concurrent connections of the load (default 4)
 *   --requests K          most sequential requests measured per cell (default 50)
 *   --budget S            most seconds of sequential measuring per cell (default 3)
 *   --out DIR             where to write (default docs/benchmarks)
 *   --json                print results.json to stdout instead of a summary
 *   --traces              the API servers export their traces (OTLP/HTTP protobuf, to a sink in the bench)
 *   --tracing-cost        per strategy cell, a traced and an untraced server measured in turn: what tracing costs
 *   --floor-in-turn       per strategy cell, its server and a floor server measured in turn: × floor without drift
 *   --in-turn-rounds R    rounds of each in-turn measurement, each on fresh servers; the median round is reported
 *                         (default 3)
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli';
import { USAGE, parseBenchOptions } from '../bench/options';
import { RESULTS_FILE, listPaths, writeReport } from '../bench/report';
import { everyRound, floorReading, tracingReading } from '../bench/in-turn-report';
import type { BenchResults } from '../bench/results';
import { runBench } from '../bench/run';

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2), path.join(__dirname, '../..'));
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  // Ctrl-C stops the server in flight and unwinds, so the scratch database is dropped and no file is written.
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

  const results = await runBench(options, controller.signal);
  fs.mkdirSync(options.outDir, { recursive: true });
  const resultsFile = path.join(options.outDir, RESULTS_FILE);
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const written = [resultsFile, ...(await writeReport(results, options.outDir))];
  process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : summary(results, written));
}

function summary(results: BenchResults, written: string[]): string {
  const lines = results.cells.map(({ target, n, sequential: s, throughput: t, cost, peakMemoryBytes, tracing, besideFloor }) =>
    [
      target.padEnd(8),
      `N=${n}`.padEnd(7),
      `SQL ${cost.sqlCount ?? '—'}`.padEnd(10),
      `median ${s.medianMs} ms, p95 ${s.p95Ms} ms (${s.measured})`.padEnd(42),
      (t ? `${t.requestsPerSecond} req/s${t.errors ? `, ${t.errors} errors` : ''}` : 'no load run').padEnd(16),
      peakMemoryBytes === null ? '' : `peak ${Math.round(peakMemoryBytes / 2 ** 20)} MiB`,
      tracing ? `  tracing ${tracing.untracedMedianMs} → ${tracing.tracedMedianMs} ms (${tracingReading(tracing)}; rounds ${everyRound(tracing, tracingReading)})` : '',
      besideFloor ? `  in turn ${besideFloor.strategyMedianMs} ms vs floor ${besideFloor.floorMedianMs} ms (${floorReading(besideFloor)}; rounds ${everyRound(besideFloor, floorReading)})` : '',
    ].join(' ').trimEnd(),
  );
  return `${results.settings.database.version}, ${results.elapsedS} s\n${lines.join('\n')}\nwrote ${listPaths(written)}\n`;
}

runCli('bench', main);
