import type { ServerProcess } from '../kit/server-process';
import { type CellInTurnOptions, type CostResult, measureCostInTurn } from './in-turn';
import { BenchError } from './options';
import { startTarget } from './targets';

/** Each round: a fresh server without the lab's history and one with it, in turn (`measured` counts the requests on each). */
export interface HistoryMedians {
  withoutHistoryMedianMs: number;
  withHistoryMedianMs: number;
}

/** The median round's numbers (see medianRound), and every round. */
export type HistoryCostResult = CostResult<HistoryMedians>;

/** The default outside NODE_ENV=production (src/config.ts), set explicitly: what the lab's users run. */
const HISTORY = '100';

/**
 * What the lab's history costs one strategy at one N, measured in turn (see in-turn.ts): a server with
 * `LAB_HISTORY=0` (no resolver calls recorded, no timeline built, no history kept) and one with the default
 * history, both untraced.
 */
export async function measureHistoryCost(options: CellInTurnOptions): Promise<HistoryCostResult> {
  const { databaseUrl, strategy } = options;
  const side = (history: string) => ({
    start: async () =>
      keepsHistory(await startTarget('api', databaseUrl, { start: options.start, env: { LAB_HISTORY: history } }), history !== '0', options.label),
    strategy,
  });
  const label = `${options.label} (history cost)`;
  return measureCostInTurn([side('0'), side(HISTORY)], { ...options, label }, (withoutHistoryMedianMs, withHistoryMedianMs) => ({
    withoutHistoryMedianMs,
    withHistoryMedianMs,
  }));
}

/** A server whose LAB_HISTORY did not take would make the round's numbers mean nothing: /lab/requests says which it is. */
async function keepsHistory(server: ServerProcess, expected: boolean, label: string): Promise<ServerProcess> {
  const status = await fetch(new URL('/lab/requests', server.url)).then(
    async (response) => (await response.arrayBuffer(), response.status),
    () => 0,
  );
  if ((status === 200) === expected) return server;
  await server.stop();
  throw new BenchError(
    `${label}: the server started ${expected ? 'with' : 'without'} the lab's history answered /lab/requests with ${status || 'no response'}`,
  );
}
