import { DEFAULT_RESOLVER_SPANS_PER_PATH } from '../../config';
import type { BesideFloorResult } from './beside-floor';
import { ms, signedPercent, table } from './report-format';
import type { BenchResults } from './results';
import type { TracingCostResult } from './tracing-cost';

/** Every round's reading, in the order measured: `+11.8%, +10.3%, +13.1%` (results from before rounds: the one). */
export function tracingRounds(tracing: TracingCostResult): string {
  return (tracing.rounds ?? [tracing]).map((round) => signedPercent(round.overheadPct)).join(', ');
}

export function floorRounds(besideFloor: BesideFloorResult): string {
  return (besideFloor.rounds ?? [besideFloor]).map((round) => `${round.timesFloor}×`).join(', ');
}

/** How the median round is chosen, for both sections. */
function roundsText(results: BenchResults): string {
  const rounds = results.settings.inTurnRounds ?? 1;
  return rounds > 1
    ? `This is done in ${rounds} rounds, each on a new pair of servers: the table shows the median round (of two middle ones,
the costlier) and every round's reading beside it, in the order measured; "measured" counts the median round's requests.`
    : 'This is done in one round, on one pair of servers.';
}

/** With --tracing-cost: each strategy's traced and untraced medians, measured in turn (see tracing-cost.ts). */
export function tracingSection(results: BenchResults): string {
  const cells = results.cells.filter((cell) => cell.tracing);
  if (!cells.length) return '';
  const header = ['target', 'N', 'untraced median ms', 'traced median ms', 'tracing costs', 'every round', 'measured (each)'];
  const rows = cells.map(({ target, n, tracing: t }) => [
    `\`${target}\``,
    String(n),
    ms(t!.untracedMedianMs),
    ms(t!.tracedMedianMs),
    signedPercent(t!.overheadPct),
    tracingRounds(t!),
    String(t!.measured),
  ]);
  return `
## Tracing cost

Each strategy at each N again, on two more fresh servers side by side: one exporting every span over OTLP/HTTP
(protobuf) to a sink in the bench process, with resolver spans capped at \`TRACE_RESOLVER_SPANS_PER_PATH\` (default
${DEFAULT_RESOLVER_SPANS_PER_PATH}) per field path, and one with telemetry off. After the same warm-up, they are sent the same request in turn
(untraced first in one pair, traced first in the next), so both medians come from the same minutes of the machine.
${roundsText(results)}

${table(header, rows)}
`;
}

/** With --floor-in-turn: each strategy's median and the floor's, measured in turn (see beside-floor.ts). */
export function besideFloorSection(results: BenchResults): string {
  const cells = results.cells.filter((cell) => cell.besideFloor);
  if (!cells.length) return '';
  const header = ['target', 'N', 'median ms', 'floor median ms', '× floor', 'every round', 'measured (each)'];
  const rows = cells.map(({ target, n, besideFloor: b }) => [
    `\`${target}\``,
    String(n),
    ms(b!.strategyMedianMs),
    ms(b!.floorMedianMs),
    `${b!.timesFloor}×`,
    floorRounds(b!),
    String(b!.measured),
  ]);
  return `
## Beside the floor, in turn

Each strategy at each N again, on a fresh server beside a fresh floor server, warmed up alike and then sent the
same request in turn (the strategy first in one pair, the floor first in the next): the ratio to the floor from
the same minutes of the machine, where the tables above compare cells measured minutes apart.
${roundsText(results)}

${table(header, rows)}
`;
}
