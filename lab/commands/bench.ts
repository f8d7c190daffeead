/** npm run bench -- [options]: see lab/bench/flags.ts, or `npm run bench -- --help`. */
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from '../../src/cli';
import { compareWithBaseline } from '../bench/baseline';
import { BENCH_COMMAND } from '../bench/flags';
import { everyRound, floorReading, overheadReading } from '../bench/in-turn-report';
import { checkBenchOptions } from '../bench/options';
import { listPaths, RESULTS_FILE, readResultsFile, writeReport } from '../bench/report';
import type { BenchResults } from '../bench/results';
import { runBench } from '../bench/run';

runCommand(BENCH_COMMAND, async (values, argv) => {
  const options = checkBenchOptions(values, argv, path.join(__dirname, '../..'));
  // Ctrl-C stops the server in flight and unwinds, so the scratch database is dropped and no file is written.
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());

  // Read before measuring, so a bad baseline fails at once, not after the run.
  const baseline = options.baseline && readResultsFile(options.baseline.path);
  const results = await runBench(options, controller.signal);
  if (baseline) results.baseline = compareWithBaseline(results, baseline, options.baseline!.file);
  fs.mkdirSync(options.outDir, { recursive: true });
  const resultsFile = path.join(options.outDir, RESULTS_FILE);
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const written = [resultsFile, ...(await writeReport(results, options.outDir))];
  process.stdout.write(options.json ? `${JSON.stringify(results, null, 2)}\n` : summary(results, written));
  const regressed = results.baseline?.cells.filter((cell) => cell.verdict === 'regressed') ?? [];
  if (regressed.length) {
    process.stderr.write(
      `${regressed.length} cell(s) regressed against ${options.baseline!.file}: ${regressed.map((cell) => `${cell.target} N=${cell.n}`).join(', ')}\n`,
    );
    process.exitCode = 1;
  }
});

function summary(results: BenchResults, written: string[]): string {
  const lines = results.cells.map(({ target, n, sequential: s, throughput: t, cost, peakMemoryBytes, tracing, historyCost, besideFloor }) =>
    [
      target.padEnd(8),
      `N=${n}`.padEnd(7),
      `SQL ${cost.sqlCount ?? '—'}`.padEnd(10),
      `median ${s.medianMs} ms, p95 ${s.p95Ms} ms (${s.measured})`.padEnd(42),
      (t ? `${t.requestsPerSecond} req/s${t.errors ? `, ${t.errors} errors` : ''}` : 'no load run').padEnd(16),
      peakMemoryBytes === null ? '' : `peak ${Math.round(peakMemoryBytes / 2 ** 20)} MiB`,
      tracing
        ? `  tracing ${tracing.untracedMedianMs} → ${tracing.tracedMedianMs} ms (${overheadReading(tracing)}; rounds ${everyRound(tracing, overheadReading)})`
        : '',
      historyCost
        ? `  history ${historyCost.withoutHistoryMedianMs} → ${historyCost.withHistoryMedianMs} ms (${overheadReading(historyCost)}; rounds ${everyRound(historyCost, overheadReading)})`
        : '',
      besideFloor
        ? `  in turn ${besideFloor.strategyMedianMs} ms vs floor ${besideFloor.floorMedianMs} ms (${floorReading(besideFloor)}; rounds ${everyRound(besideFloor, floorReading)})`
        : '',
    ]
      .join(' ')
      .trimEnd(),
  );
  const against = results.baseline
    ? `\nagainst ${results.baseline.file}:\n${results.baseline.cells.map((cell) => `  ${cell.target} N=${cell.n}: ${cell.verdict}; ${cell.readings.join('; ')}`).join('\n')}`
    : '';
  return `${results.settings.database.version}, ${results.elapsedS} s\n${lines.join('\n')}${against}\nwrote ${listPaths(written)}\n`;
}
