import { roundMs } from '../../src/stats/time';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest rank: a value that was actually measured, so with few samples p95 is simply the slowest one. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The median of each key (a time in ms) over the records that have it; null when none has any. */
export function medianOfEach(records: Array<Record<string, number> | null>): Record<string, number> | null {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record ?? {})))];
  if (!keys.length) return null;
  return Object.fromEntries(keys.map((key) => [key, roundMs(median(records.flatMap((record) => (record && key in record ? [record[key]!] : []))))]));
}

/**
 * One-sided Mann–Whitney U test: the probability of samples at least this much larger in `later` than in
 * `earlier` if both came from one distribution (normal approximation, ties averaged and corrected for, with a
 * continuity correction; sound from about 8 values a side). Rank-based, so a few slow outliers, which request
 * timings always have, move it less than they would a t-test. Ours: the libraries that have it are statistics
 * suites many times this project's size.
 */
export function mannWhitneyLarger(later: number[], earlier: number[]): number {
  const pooled = [...later.map((value) => ({ value, later: true })), ...earlier.map((value) => ({ value, later: false }))].sort(
    (a, b) => a.value - b.value,
  );
  const count = pooled.length;
  let laterRankSum = 0;
  let tieTerm = 0;
  for (let start = 0; start < count; ) {
    let end = start;
    while (end + 1 < count && pooled[end + 1]!.value === pooled[start]!.value) end++;
    const rank = (start + end) / 2 + 1; // ranks start at 1; tied values share their average
    for (let i = start; i <= end; i++) if (pooled[i]!.later) laterRankSum += rank;
    const tied = end - start + 1;
    tieTerm += tied ** 3 - tied;
    start = end + 1;
  }
  const [a, b] = [later.length, earlier.length];
  if (a === 0 || b === 0) throw new Error(`mannWhitneyLarger needs values on both sides; got ${a} and ${b}`);
  const u = laterRankSum - (a * (a + 1)) / 2;
  const variance = ((a * b) / 12) * (count + 1 - tieTerm / (count * (count - 1)));
  if (!(variance > 0)) return u > (a * b) / 2 ? 0 : 1; // every value equal, or one of each
  const z = (u - (a * b) / 2 - 0.5) / Math.sqrt(variance);
  return 1 - normalCdf(z);
}

/** Φ(z), from the complementary error function (Numerical Recipes' erfc, relative error below 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + x / 2);
  const tail =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - tail / 2 : tail / 2;
}
