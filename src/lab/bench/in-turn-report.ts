import { DEFAULT_RESOLVER_SPANS_PER_PATH } from '../../config';
import { ms, signedPercent, table } from './report-format';
import type { BenchResults } from './results';

/** With --tracing-cost: each strategy's traced and untraced medians, measured in turn (see tracing-cost.ts). */
export function tracingSection(results: BenchResults): string {
  const cells = results.cells.filter((cell) => cell.tracing);
  if (!cells.length) return '';
  const header = ['target', 'N', 'untraced median ms', 'traced median ms', 'tracing costs', 'measured (each)'];
  const rows = cells.map(({ target, n, tracing: t }) => [`\`${target}\``, String(n), ms(t!.untracedMedianMs), ms(t!.tracedMedianMs), signedPercent(t!.overheadPct), String(t!.measured)]);
  return `
## Tracing cost

Each strategy at each N again, on two more fresh servers side by side: one exporting every span over OTLP/HTTP
(protobuf) to a sink in the bench process, with resolver spans capped at \`TRACE_RESOLVER_SPANS_PER_PATH\` (default
${DEFAULT_RESOLVER_SPANS_PER_PATH}) per field path, and one with telemetry off. After the same warm-up, they are sent the same request in turn
(untraced first in one pair, traced first in the next), so both medians come from the same minutes of the machine.

${table(header, rows)}
`;
}

/** With --floor-in-turn: each strategy's median and the floor's, measured in turn (see beside-floor.ts). */
export function besideFloorSection(results: BenchResults): string {
  const cells = results.cells.filter((cell) => cell.besideFloor);
  if (!cells.length) return '';
  const header = ['target', 'N', 'median ms', 'floor median ms', '× floor', 'measured (each)'];
  const rows = cells.map(({ target, n, besideFloor: b }) => [`\`${target}\``, String(n), ms(b!.strategyMedianMs), ms(b!.floorMedianMs), `${b!.timesFloor}×`, String(b!.measured)]);
  return `
## Beside the floor, in turn

Each strategy at each N again, on a fresh server beside a fresh floor server, warmed up alike and then sent the
same request in turn (the strategy first in one pair, the floor first in the next): the ratio to the floor from
the same minutes of the machine, where the tables above compare cells measured minutes apart.

${table(header, rows)}
`;
}
