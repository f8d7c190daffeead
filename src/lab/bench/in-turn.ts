import { repeatWithin, send } from './sequential';
import { median, round } from './statistics';
import type { RunningTarget } from './target-process';

/**
 * Longer than a cell's warm-up: both servers are fresh, and one of them may have more code for V8 to optimize.
 * Two traced servers 40 requests after starting cost +36% and +38% over an untraced one; the same two, a minute
 * later, +17% and +14% (batched, N=100, PostgreSQL).
 */
const WARMUP = { most: 100, ms: 4_000 };

/** One of the two servers measured in turn: how to start it, and the x-strategy it is sent (none for the floor). */
export interface Side {
  start: () => Promise<RunningTarget>;
  strategy?: string;
}

export interface InTurnOptions {
  n: number;
  requests: number;
  budgetS: number;
  label: string;
  /** Ctrl-C: both servers stop, the request in flight fails, and the run unwinds. */
  signal: AbortSignal;
}

/** One strategy cell measured again in turn against another server (traced, the floor). */
export interface CellInTurnOptions extends InTurnOptions {
  databaseUrl: string;
  strategy: string;
}

/**
 * Two fresh servers side by side, warmed up alike, then sent the same request in turn (the first side first in
 * one pair, the second first in the next): both medians come from the same minutes of the machine. Measured one
 * cell after the other instead, they did not: on this shared 2-core machine the load of the minute moved
 * sequential medians by ±15%, and a ratio of two cells minutes apart by more (batched/floor at N=100: 1.3× to
 * 3.2× across runs, 1.7× and 1.8× in turn).
 */
export async function measureInTurn(sides: readonly [Side, Side], options: InTurnOptions): Promise<{ measured: number; medianMs: [number, number] }> {
  const first = await sides[0].start();
  const second = await sides[1].start().catch(async (error) => {
    await first.stop();
    throw error;
  });
  const servers = [first, second] as const;
  const times: [number[], number[]] = [[], []];
  const stop = () => Promise.all(servers.map((server) => server.stop()));
  const onAbort = () => void stop();
  options.signal.addEventListener('abort', onAbort);
  try {
    const request = (side: 0 | 1) =>
      send({ url: servers[side].url, strategy: sides[side].strategy, n: options.n, label: options.label });
    await repeatWithin(WARMUP.most, WARMUP.ms, async () => {
      await request(0);
      await request(1);
    });
    await repeatWithin(options.requests, options.budgetS * 1000, async () => {
      const order = times[1].length % 2 ? ([1, 0] as const) : ([0, 1] as const);
      for (const side of order) times[side].push((await request(side)).roundTripMs);
    });
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await stop();
  }
  return { measured: times[1].length, medianMs: [round(median(times[0])), round(median(times[1]))] };
}
