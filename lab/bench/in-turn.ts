import { roundMs } from '../../src/stats/time';
import type { ServerProcess } from '../kit/server-process';
import { median } from '../kit/statistics';
import { repeatWithin, send } from './sequential';
import type { ApiStart } from './targets';

/** Longer than a cell's warm-up: one of two fresh servers may have more code for V8 to optimize (docs/benchmarks/NOTES.md). */
const WARMUP = { most: 300, ms: 6_000 };

/** One of the two servers measured in turn: how to start it, and the x-strategy it is sent (none for the floor). */
export interface Side {
  start: () => Promise<ServerProcess>;
  strategy?: string;
}

export interface InTurnOptions {
  n: number;
  /** Requests measured on each side per round, at most, and the seconds a round's measured requests may take. */
  requests: number;
  budgetS: number;
  /** Rounds, each on a fresh pair of servers (see measureInTurn). */
  rounds: number;
  /** Called as each round starts (1-based), for a progress display. */
  onRound?: (round: number) => void;
  label: string;
  /** Ctrl-C: both servers stop, the request in flight fails, and the run unwinds. */
  signal: AbortSignal;
}

/** One strategy cell measured again in turn against another server (traced, the floor). */
export interface CellInTurnOptions extends InTurnOptions {
  databaseUrl: string;
  start: ApiStart;
  strategy: string;
}

/** One round: requests measured on each side, and each side's median. */
export interface InTurnRound {
  measured: number;
  medianMs: [number, number];
}

/**
 * Two fresh servers side by side, warmed up alike, then sent the same request in turn (the first side first in
 * one pair, the second first in the next): both medians come from the same minutes of the machine, which cells
 * measured minutes apart do not. In `rounds` rounds, each on a new pair, since one pair's ratio still moves from
 * run to run: the caller reports the median round and every round beside it (docs/benchmarks/NOTES.md).
 */
export async function measureInTurn(sides: readonly [Side, Side], options: InTurnOptions): Promise<InTurnRound[]> {
  const rounds: InTurnRound[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    options.onRound?.(round);
    rounds.push(await measureRound(sides, { ...options, label: options.rounds > 1 ? `${options.label}, round ${round}` : options.label }));
  }
  return rounds;
}

/** The round whose `ratio` is the median; of two middle ones, the higher (the costlier reading, never a mean of two). */
export function medianRound<T>(rounds: readonly T[], ratio: (round: T) => number): T {
  if (!rounds.length) throw new RangeError('medianRound needs at least one round; got none');
  const sorted = [...rounds].sort((a, b) => ratio(a) - ratio(b));
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function measureRound(sides: readonly [Side, Side], options: InTurnOptions): Promise<InTurnRound> {
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
    const request = (side: 0 | 1) => send({ url: servers[side].url, strategy: sides[side].strategy, n: options.n, label: options.label });
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
  return { measured: times[1].length, medianMs: [roundMs(median(times[0])), roundMs(median(times[1]))] };
}

/** One round of what a feature costs: `medians` names the two sides' medians, then the overhead. */
export type CostRound<M> = { measured: number } & M & {
    /** How much slower the server with the feature is than the one without, in percent. */
    overheadPct: number;
  };

/** The median round's numbers (see medianRound), and every round. */
export type CostResult<M> = CostRound<M> & { rounds: Array<CostRound<M>> };

/**
 * What a feature costs one strategy cell, measured in turn: `sides` are the server without it, then the one with
 * it; `medians` names their medians in the result (`untracedMedianMs`, `tracedMedianMs`).
 */
export async function measureCostInTurn<M>(
  sides: readonly [Side, Side],
  options: InTurnOptions,
  medians: (withoutMs: number, withMs: number) => M,
): Promise<CostResult<M>> {
  const rounds = (await measureInTurn(sides, options)).map(({ measured, medianMs: [withoutMs, withMs] }) => ({
    measured,
    ...medians(withoutMs, withMs),
    overheadPct: percentAbove(withMs, withoutMs),
  }));
  return { ...medianRound(rounds, (round) => round.overheadPct), rounds };
}

/** How much `value` exceeds `base`, in percent, to one decimal. */
function percentAbove(value: number, base: number): number {
  return Math.round((value / base - 1) * 1000) / 10;
}
