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

/**
 * The longest chain of intervals each starting after the previous one ended: for statements, the round trips a
 * request waited for one after another. Overlapping statements (on separate connections) count once; statements
 * that queued for one connection count each. Greedy by earliest end, which picks a longest chain.
 */
export function longestChain(intervals: Array<[start: number, end: number]>): number {
  const byEnd = [...intervals].sort((a, b) => a[1] - b[1]);
  let chain = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of byEnd) {
    if (start < lastEnd) continue;
    chain++;
    lastEnd = end;
  }
  return chain;
}
