import type { BaselineComparison, BenchResults, CellResult, Verdict } from './results';

/**
 * `npm run bench -- --baseline FILE`: this run against a saved results.json, cell by cell (target × N).
 *
 * Counts are exact, so any change in statements or rows is named (4 statements becoming 51 is an N+1 come back).
 * Times are judged only where the run measured its own noise: the rounds of --floor-in-turn, each the strategy's
 * median over the floor's from the same minutes on fresh servers. A cell is slower when every round of this run
 * is above every round of the baseline's (by chance, for unchanged code, 1 time in C(a+b, a): 20 with 3 rounds a
 * side, 252 with 5) and the median round moved by more than PRACTICAL. Sequential medians are shown but not
 * judged: cells are measured minutes apart, and on a shared machine two runs of the same code moved them by
 * -50% to +28% against the floor (docs/benchmarks/methodology.md, "Catching a regression").
 */
const PRACTICAL = 0.1;

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
  const [was, is] = [before.sequential.medianMs, after.sequential.medianMs];
  if (after.target === 'floor')
    return { verdict: 'same', text: `the machine's speed, never a regression: median ${was} → ${is} ms (${percent(is / was - 1)})` };
  const rounds = [before.besideFloor?.rounds, after.besideFloor?.rounds];
  if (!rounds[0] || !rounds[1]) {
    const ratio = floorBefore && floorAfter ? `, ${times(was / floorBefore)} → ${times(is / floorAfter)} the floor` : '';
    return { verdict: 'same', text: `times not judged (no --floor-in-turn rounds on both runs): median ${was} → ${is} ms${ratio}` };
  }
  const [earlier, later] = rounds.map((list) => list!.map((round) => round.timesFloor).sort((a, b) => a - b)) as [number[], number[]];
  const change = after.besideFloor!.timesFloor / before.besideFloor!.timesFloor - 1;
  const moved: Verdict =
    later[0]! > earlier.at(-1)! && change > PRACTICAL ? 'regressed' : later.at(-1)! < earlier[0]! && change < -PRACTICAL ? 'improved' : 'same';
  const word = moved === 'regressed' ? 'slower' : moved === 'improved' ? 'faster' : 'within the noise';
  const chance =
    moved === 'same'
      ? ''
      : `, every round ${moved === 'regressed' ? 'above' : 'below'} (by chance 1 in ${choose(earlier.length + later.length, later.length)})`;
  return {
    verdict: moved,
    text:
      `${word}: in turn with the floor ${times(before.besideFloor!.timesFloor)} → ${times(after.besideFloor!.timesFloor)} ` +
      `(${percent(change)}; rounds ${earlier.map(times).join(', ')} → ${later.map(times).join(', ')}${chance})`,
  };
}

const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${Math.round(fraction * 100)}%`;

/** n choose k: the arrangements of two sets of rounds, one of which has every round above the other. */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
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
  }. Counts must match exactly. A time is judged only from the rounds of \`--floor-in-turn\` (this strategy's median
over the floor's, from the same minutes): slower when every round is above every one of the baseline's and the
median round moved by more than ${PRACTICAL * 100}%. Sequential medians are shown, not judged: cells measured minutes
apart move by tens of percent on a shared machine. The floor's own change is the machine's, never a regression.

${lines.join('\n')}
`;
}
