/** Milliseconds to two decimals: the precision every reported time (queryStats, Server-Timing, logs) uses. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Milliseconds covered by at least one of the intervals. */
export function unionMs(intervals: Array<[start: number, end: number]>): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let coveredUntil = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    const from = Math.max(start, coveredUntil);
    if (end > from) total += end - from;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return roundMs(total);
}
