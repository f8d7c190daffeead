import { type CellInTurnOptions, measureInTurn, medianRound } from './in-turn';
import { startTarget } from './targets';

/** One round: a fresh API server and a fresh floor server in turn. */
export interface BesideFloorRound {
  /** Requests measured on each of the two servers. */
  measured: number;
  strategyMedianMs: number;
  floorMedianMs: number;
  /** The strategy's median over the floor's: the targets (batched ≤ 2.5×, joined ≤ 4×). */
  timesFloor: number;
}

/** The median round's numbers (see medianRound), and every round. */
export interface BesideFloorResult extends BesideFloorRound {
  rounds: BesideFloorRound[];
}

/** One strategy at one N against the floor, measured in turn (see in-turn.ts): the ratio without the machine's drift. */
export async function measureBesideFloor(options: CellInTurnOptions): Promise<BesideFloorResult> {
  const { databaseUrl, strategy } = options;
  const api = { start: () => startTarget('api', databaseUrl, options), strategy };
  const floor = { start: () => startTarget('floor', databaseUrl, options) };
  const label = `${options.label} (beside the floor)`;
  const rounds = (await measureInTurn([api, floor], { ...options, label })).map(({ measured, medianMs: [strategyMedianMs, floorMedianMs] }) => ({
    measured,
    strategyMedianMs,
    floorMedianMs,
    timesFloor: Math.round((strategyMedianMs / floorMedianMs) * 100) / 100,
  }));
  return { ...medianRound(rounds, (round) => round.timesFloor), rounds };
}
