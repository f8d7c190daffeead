import { baselineSection, compareWithBaseline } from '../../lab/bench/baseline';
import type { BenchResults, CellResult } from '../../lab/bench/results';

/** A cell as results.json holds it: its sequential median, its counts, and (with --floor-in-turn) its rounds × floor. */
function cell(target: string, n: number, medianMs: number, sqlCount: number, rounds?: number[]): CellResult {
  return {
    target,
    n,
    sequential: { warmup: 20, measured: 50, medianMs, p95Ms: medianMs * 2, minMs: medianMs / 2, maxMs: medianMs * 3, stoppedByBudget: false },
    throughput: null,
    cost: { sqlCount, rowsFetched: sqlCount === 1 ? 1 : 1050, dbTimeMs: null, queryStatsTimeSplit: null, serverTiming: null, outsideServerMs: null },
    peakMemoryBytes: null,
    ...(rounds && {
      besideFloor: {
        ...{ measured: 50, strategyMedianMs: 0, floorMedianMs: 0, timesFloor: [...rounds].sort((a, b) => a - b)[Math.floor(rounds.length / 2)]! },
        rounds: rounds.map((timesFloor) => ({ measured: 50, strategyMedianMs: 0, floorMedianMs: 0, timesFloor })),
      },
    }),
  };
}

const run = (cells: CellResult[]) => ({ createdAt: '2026-12-01T00:00:00.000Z', gitCommit: 'abc1234', cells }) as unknown as BenchResults;

describe('npm run bench -- --baseline: each cell against the saved run', () => {
  const baseline = run([
    cell('naive', 100, 400, 1001, [33.9, 33.0, 33.1]),
    cell('batched', 100, 9, 4, [1.1, 1.08, 1.16]),
    cell('joined', 100, 7, 1, [0.91, 0.88, 0.91]),
    cell('select-in', 100, 25, 4, [2.78, 2.85, 2.6]),
    cell('balanced', 100, 30, 3),
    cell('floor', 100, 3.5, 1),
  ]);

  test('a returning N+1 by its counts; slower or faster only when every in-turn round is; the rest shown, not judged', () => {
    const current = run([
      cell('naive', 100, 450, 1001, [34.5, 31.2, 36.0]), // rounds overlap: within the noise
      cell('batched', 100, 14, 1001, [1.12, 1.17, 1.24]), // its loaders lost: counts say so; its rounds overlap
      cell('joined', 100, 9, 1, [1.15, 1.2, 1.3]), // every round above, +32%
      cell('select-in', 100, 20, 4, [2.1, 2.2, 2.3]), // every round below, -21%
      cell('balanced', 100, 45, 3), // no rounds: shown, not judged
      cell('orm-dataloader', 100, 20, 4),
      cell('floor', 100, 5.25, 1),
    ]);
    const comparison = compareWithBaseline(current, baseline, 'docs/benchmarks/postgresql/results.json');
    expect(comparison.cells.map(({ target, verdict, readings }) => [target, verdict, readings])).toEqual([
      ['naive', 'same', ['within the noise: in turn with the floor 33.1× → 34.5× (+4%; rounds 33.0×, 33.1×, 33.9× → 31.2×, 34.5×, 36.0×)']],
      [
        'batched',
        'regressed',
        ['SQL 4 → 1001', 'within the noise: in turn with the floor 1.10× → 1.17× (+6%; rounds 1.08×, 1.10×, 1.16× → 1.12×, 1.17×, 1.24×)'],
      ],
      [
        'joined',
        'regressed',
        [
          'slower: in turn with the floor 0.91× → 1.20× (+32%; rounds 0.88×, 0.91×, 0.91× → 1.15×, 1.20×, 1.30×, every round above (by chance 1 in 20))',
        ],
      ],
      [
        'select-in',
        'improved',
        [
          'faster: in turn with the floor 2.78× → 2.20× (-21%; rounds 2.60×, 2.78×, 2.85× → 2.10×, 2.20×, 2.30×, every round below (by chance 1 in 20))',
        ],
      ],
      ['balanced', 'same', ['times not judged (no --floor-in-turn rounds on both runs): median 30 → 45 ms, 8.57× → 8.57× the floor']],
      ['orm-dataloader', 'not compared', ['not in the baseline']],
      ['floor', 'same', ["the machine's speed, never a regression: median 3.5 → 5.25 ms (+50%)"]],
    ]);
  });

  test('every round above but by less than 10%: within the noise', () => {
    const current = run([cell('batched', 100, 9, 4, [1.17, 1.18, 1.19]), cell('floor', 100, 3.5, 1)]);
    expect(compareWithBaseline(current, baseline, 'old.json').cells[0]!.verdict).toBe('same');
  });

  test("the report's section names the regressed cells first, with the baseline's date and commit", () => {
    const current = run([cell('batched', 100, 9, 51), cell('floor', 100, 3.5, 1)]);
    const section = baselineSection(compareWithBaseline(current, baseline, 'saved/results.json'));
    expect(section).toContain('Compared with `saved/results.json` (2026-12-01T00:00:00.000Z, commit abc1234): **1 cell regressed**.');
    expect(section.split('\n').filter((line) => line.startsWith('- '))).toEqual([
      '- `batched` at N=100: **regressed**; SQL 4 → 51; times not judged (no --floor-in-turn rounds on both runs): median 9 → 9 ms, 2.57× → 2.57× the floor',
      "- `floor` at N=100: **same**; the machine's speed, never a regression: median 3.5 → 3.5 ms (+0%)",
    ]);
    expect(baselineSection(undefined)).toBe('');
  });
});
