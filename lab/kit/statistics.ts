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
