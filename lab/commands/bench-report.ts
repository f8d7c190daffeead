/**
 * npm run bench:report -- [--out DIR]
 *
 * Redraws README.md, latency.svg and time-split.svg from DIR/results.json alone (default docs/benchmarks), e.g.
 * after a change to the report's layout: nothing is measured again.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../../src/cli';
import { listPaths, readResults, writeReport } from '../bench/report';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(__dirname, '../..', 'docs', 'benchmarks') } } });
  const dir = path.resolve(values.out!);
  const written = await writeReport(readResults(dir), dir);
  console.log(`wrote ${listPaths(written)}`);
}

runCli('bench:report', main);
