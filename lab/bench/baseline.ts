import { roundMs } from '../../src/stats/time';
import { mannWhitneyLarger, median } from '../kit/statistics';
import type { BaselineComparison, BenchResults, CellResult, Verdict } from './results';

/**
 * `npm run bench -- --baseline FILE`: this run against a saved results.json, cell by cell (target × N).
 *
 * Counts are exact, so any change in statements or rows is named (4 statements becoming 51 is an N+1 come back).
 * Times are noisy, on a shared 2-core machine by tens of percent from one run to the next, the floor included.
 * So each request's time is first divided by the floor's median at the same N in the same run (what machine
 * drift does to both cancels), and a cell is slower only when both hold: its requests are slower as a whole
 * (Mann–Whitney U, one-sided, p < SIGNIFICANCE: not a few outliers) and its median moved by more than
 * PRACTICAL (not a real but negligible shift). Faster the same way is named as improved.
 */
const SIGNIFICANCE = 0.01;
const PRACTICAL = 0.1;
/** Fewer measured requests on either side than this, and the times are not compared (the counts still are). */
const MIN_REQUESTS = 8;

export function compareWithBaseline(current: BenchResults, baseline: BenchResults, file: string): BaselineComparison {
  return {
    file,
    createdAt: baseline.createdAt,
    gitCommit: baseline.gitCommit,
    cells: current.cells.map((cell) => {
      const before = baseline.cells.find((other) => other.target === cell.target && other.n === cell.n);
      if (!before) return { target: cell.target, n: cell.n, verdict: 'not compared', readings: ['not in the baseline'] };
      const counts = compareCounts(before, cell);
      const time = compareTime(before, cell, floorMedian(baseline, cell.n), floorMedian(current, cell.n));
      const all = [...counts, time];
      const verdict: Verdict = all.some((reading) => reading.verdict === 'regressed')
        ? 'regressed'
        : all.some((reading) => reading.verdict === 'improved')
          ? 'improved'
          : 'same';
      return { target: cell.target, n: cell.n, verdict, readings: all.map((reading) => reading.text) };
    }),
  };
}

interface Reading {
  verdict: Verdict;
  text: string;
}

function compareCounts(before: CellResult, after: CellResult): Reading[] {
  const counts: Array<[string, number | null, number | null]> = [
    ['SQL', before.cost.sqlCount, after.cost.sqlCount],
    ['rows fetched', before.cost.rowsFetched, after.cost.rowsFetched],
  ];
  return counts.flatMap(([name, was, is]) => {
    if (was === null || is === null || was === is) return [];
    return [{ verdict: is > was ? 'regressed' : 'improved', text: `${name} ${was} → ${is}` } satisfies Reading];
  });
}

function compareTime(before: CellResult, after: CellResult, floorBefore: number | undefined, floorAfter: number | undefined): Reading {
  const [was, is] = [before.sequential.samplesMs, after.sequential.samplesMs];
  if (!was || !is)
    return { verdict: 'same', text: 'times not compared: no per-request times in the baseline (a results.json from before --baseline)' };
  if (was.length < MIN_REQUESTS || is.length < MIN_REQUESTS) {
    return { verdict: 'same', text: `times not compared: ${was.length} / ${is.length} requests measured (${MIN_REQUESTS} needed a side)` };
  }
  const target = after.target !== 'floor' && floorBefore && floorAfter;
  const [wasScaled, isScaled] = target ? [was.map((ms) => ms / floorBefore), is.map((ms) => ms / floorAfter)] : [was, is];
  const change = median(isScaled) / median(wasScaled) - 1;
  const slower = mannWhitneyLarger(isScaled, wasScaled);
  const faster = mannWhitneyLarger(wasScaled, isScaled);
  const moved: Verdict =
    slower < SIGNIFICANCE && change > PRACTICAL ? 'regressed' : faster < SIGNIFICANCE && change < -PRACTICAL ? 'improved' : 'same';
  const word = moved === 'regressed' ? 'slower' : moved === 'improved' ? 'faster' : 'within the noise';
  const ratio = target ? `, ${times(median(wasScaled))} → ${times(median(isScaled))} the floor` : '';
  const p = Math.min(slower, faster);
  // The floor is the machine and the database, not the API: its change is what the others are scaled by.
  const floor = after.target === 'floor';
  return {
    verdict: floor ? 'same' : moved,
    text:
      `${floor ? "the machine's speed, never a regression: " : ''}${word}: median ${roundMs(median(was))} → ${roundMs(median(is))} ms${ratio} (${change >= 0 ? '+' : ''}${Math.round(change * 100)}%), ` +
      `${p < 0.0001 ? 'p < 0.0001' : `p = ${p.toFixed(4)}`} (${was.length} / ${is.length} requests)`,
  };
}

const times = (ratio: number) => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;

function floorMedian(results: BenchResults, n: number): number | undefined {
  return results.cells.find((cell) => cell.target === 'floor' && cell.n === n)?.sequential.medianMs;
}

/** The comparison as the report's section (and the command's summary): the cells that changed first. */
export function baselineSection(comparison: BaselineComparison | undefined): string {
  if (!comparison) return '';
  const order: Verdict[] = ['regressed', 'improved', 'same', 'not compared'];
  const sorted = [...comparison.cells].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict) || a.n - b.n);
  const regressed = comparison.cells.filter((cell) => cell.verdict === 'regressed').length;
  const lines = sorted.map((cell) => `- \`${cell.target}\` at N=${cell.n}: **${cell.verdict}**; ${cell.readings.join('; ')}`);
  return `
## Against the baseline

Compared with \`${comparison.file}\` (${comparison.createdAt}${comparison.gitCommit ? `, commit ${comparison.gitCommit}` : ''}): ${
    regressed ? `**${regressed} cell${regressed === 1 ? '' : 's'} regressed**` : 'no cell regressed'
  }. Counts must match exactly; a time is slower only when its requests are slower as a whole (Mann–Whitney U,
one-sided, p < ${SIGNIFICANCE}) and its median moved by more than ${PRACTICAL * 100}%, each request taken as a
multiple of the floor's median at the same N in the same run, so that the machine's drift cancels (the floor's
own change is shown, as the machine's, never as a regression).

${lines.join('\n')}
`;
}
