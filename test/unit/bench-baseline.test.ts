import { baselineSection, compareWithBaseline } from '../../lab/bench/baseline';
import type { BenchResults, CellResult } from '../../lab/bench/results';
import { mannWhitneyLarger } from '../../lab/kit/statistics';

describe('mannWhitneyLarger', () => {
  test("SciPy's values (1.17.1, mannwhitneyu: greater, asymptotic, continuity), ties included", () => {
    expect(mannWhitneyLarger([6, 7, 8, 9, 10, 11, 12, 13], [1, 2, 3, 4, 5, 6, 7, 8])).toBeCloseTo(0.0022426796, 8);
    expect(mannWhitneyLarger([3, 4, 4, 5, 6], [1, 2, 2, 3, 4])).toBeCloseTo(0.0216097936, 8);
  });

  test('the same values either way: no evidence at all; every value equal: none', () => {
    expect(mannWhitneyLarger([1, 2, 3, 4], [1, 2, 3, 4])).toBeGreaterThan(0.5);
    expect(mannWhitneyLarger([5, 5], [5, 5])).toBe(1);
    expect(() => mannWhitneyLarger([], [1])).toThrow('mannWhitneyLarger needs values on both sides; got 0 and 1');
  });
});

/** 50 request times around `ms`: the same spread of ±20% in every cell, as a run on a quiet machine gives. */
const requests = (ms: number, count = 50) => Array.from({ length: count }, (_, i) => Math.round(ms * (0.8 + ((i * 7) % 41) / 100) * 100) / 100);

function cell(target: string, n: number, sqlCount: number, samplesMs: number[] | undefined): CellResult {
  const sorted = [...(samplesMs ?? [1])].sort((a, b) => a - b);
  return {
    target,
    n,
    sequential: {
      warmup: 20,
      measured: sorted.length,
      medianMs: sorted[Math.floor(sorted.length / 2)]!,
      p95Ms: sorted.at(-1)!,
      minMs: sorted[0]!,
      maxMs: sorted.at(-1)!,
      stoppedByBudget: false,
      ...(samplesMs && { samplesMs }),
    },
    throughput: null,
    cost: { sqlCount, rowsFetched: sqlCount === 1 ? 1 : 1050, dbTimeMs: null, queryStatsTimeSplit: null, serverTiming: null, outsideServerMs: null },
    peakMemoryBytes: null,
  };
}

const run = (cells: CellResult[], createdAt = '2026-12-01T00:00:00.000Z') => ({ createdAt, gitCommit: 'abc1234', cells }) as unknown as BenchResults;

describe('npm run bench -- --baseline: each cell against the saved run', () => {
  const baseline = run([
    cell('naive', 100, 1001, requests(400)),
    cell('batched', 100, 4, requests(10)),
    cell('joined', 100, 1, requests(8)),
    cell('balanced', 100, 3, undefined),
    cell('floor', 100, 1, requests(5)),
  ]);

  test('a returning N+1 by its counts; a slower strategy beside an unchanged floor; drift that moved the floor too is not a regression', () => {
    // The machine runs 2x slower this time, floor included: naive is the same multiple of the floor (same);
    // batched lost its loaders (1,001 statements); joined got 1.5x slower against the floor.
    const current = run([
      cell('naive', 100, 1001, requests(800)),
      cell('batched', 100, 1001, requests(20)),
      cell('joined', 100, 1, requests(24)),
      cell('balanced', 100, 3, requests(30)),
      cell('select-in', 100, 4, requests(25)),
      cell('floor', 100, 1, requests(10)),
    ]);
    const { cells } = compareWithBaseline(current, baseline, 'docs/benchmarks/results.json');
    expect(Object.fromEntries(cells.map((c) => [c.target, c.verdict]))).toEqual({
      naive: 'same',
      batched: 'regressed',
      joined: 'regressed',
      balanced: 'same',
      'select-in': 'not compared',
      floor: 'same',
    });
    const readings = Object.fromEntries(cells.map((c) => [c.target, c.readings]));
    expect(readings).toEqual({
      naive: ['within the noise: median 394 → 788 ms, 79.6× → 79.6× the floor (+0%), p = 0.5014 (50 / 50 requests)'],
      batched: ['SQL 4 → 1001', 'within the noise: median 9.85 → 19.7 ms, 1.99× → 1.99× the floor (+0%), p = 0.5014 (50 / 50 requests)'],
      joined: ['slower: median 7.88 → 23.64 ms, 1.59× → 2.39× the floor (+50%), p < 0.0001 (50 / 50 requests)'],
      balanced: ['times not compared: no per-request times in the baseline (a results.json from before --baseline)'],
      'select-in': ['not in the baseline'],
      // The floor itself is compared in absolute time: the machine got slower, which is not the API's regression.
      floor: ["the machine's speed, never a regression: slower: median 4.93 → 9.85 ms (+100%), p < 0.0001 (50 / 50 requests)"],
    });
  });

  test('too few requests to compare times (a cold naive at N=1000); counts still compared', () => {
    const before = run([cell('naive', 1000, 10001, [12000]), cell('floor', 1000, 1, requests(40))]);
    const after = run([cell('naive', 1000, 10001, [11000]), cell('floor', 1000, 1, requests(40))]);
    const [naive] = compareWithBaseline(after, before, 'old.json').cells;
    expect(naive).toEqual({ target: 'naive', n: 1000, verdict: 'same', readings: ['times not compared: 1 / 1 requests measured (8 needed a side)'] });
  });

  test("the report's section names the regressed cells first, with the baseline's date and commit", () => {
    const current = run([cell('batched', 100, 51, requests(10)), cell('floor', 100, 1, requests(5))]);
    const section = baselineSection(compareWithBaseline(current, baseline, 'saved/results.json'));
    expect(section).toContain('Compared with `saved/results.json` (2026-12-01T00:00:00.000Z, commit abc1234): **1 cell regressed**.');
    expect(section.split('\n').filter((line) => line.startsWith('- '))).toEqual([
      expect.stringMatching(/^- `batched` at N=100: \*\*regressed\*\*; SQL 4 → 51; within the noise: /),
      "- `floor` at N=100: **same**; the machine's speed, never a regression: within the noise: median 4.93 → 4.93 ms (+0%), p = 0.5014 (50 / 50 requests)",
    ]);
    expect(baselineSection(undefined)).toBe('');
  });
});
