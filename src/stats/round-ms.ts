/** Milliseconds to two decimals: the precision every reported time (queryStats, Server-Timing, logs) uses. */
export function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}
