import { type CellInTurnOptions, measureInTurn } from './in-turn';
import { startTarget } from './target-process';

export interface BesideFloorResult {
  /** Requests measured on each of the two servers. */
  measured: number;
  strategyMedianMs: number;
  floorMedianMs: number;
  /** The strategy's median over the floor's: the targets (batched ≤ 2.5×, joined ≤ 4×). */
  timesFloor: number;
}

/** One strategy at one N against the floor, measured in turn (see in-turn.ts): the ratio without the machine's drift. */
export async function measureBesideFloor(options: CellInTurnOptions): Promise<BesideFloorResult> {
  const { databaseUrl, strategy } = options;
  const api = { start: () => startTarget('graphql', databaseUrl), strategy };
  const floor = { start: () => startTarget('floor', databaseUrl) };
  const label = `${options.label} (beside the floor)`;
  const { measured, medianMs } = await measureInTurn([api, floor], { ...options, label });
  const [strategyMedianMs, floorMedianMs] = medianMs;
  return { measured, strategyMedianMs, floorMedianMs, timesFloor: Math.round((strategyMedianMs / floorMedianMs) * 100) / 100 };
}
