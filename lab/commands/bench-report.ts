/** npm run bench:report -- [--out DIR]: redraws a benchmark report from its results.json alone. */
import path from 'node:path';
import { runCommand } from '../../src/cli';
import { listPaths, readResults, writeReport } from '../bench/report';

const BENCH_REPORT_COMMAND = {
  name: 'bench:report',
  summary:
    'Redraws README.md, latency.svg and time-split.svg from DIR/results.json alone, e.g. after a change to the\n' +
    "report's layout: nothing is measured again.",
  flags: { out: { value: 'DIR', default: 'docs/benchmarks', meaning: 'the folder with results.json, where the report is written' } },
};

runCommand(BENCH_REPORT_COMMAND, async (values) => {
  const dir = path.resolve(path.join(__dirname, '../..'), values.out);
  const written = await writeReport(readResults(dir), dir);
  console.log(`wrote ${listPaths(written)}`);
});
