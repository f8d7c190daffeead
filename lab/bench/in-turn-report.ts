import { DEFAULT_RESOLVER_SPANS_PER_PATH } from '../../src/config';
import { markdownTable } from '../../src/text-table';
import type { BesideFloorRound } from './beside-floor';
import type { HistoryMedians } from './history-cost';
import type { CostRound } from './in-turn';
import { ms, signedPercent } from './report-format';
import type { BenchResults, CellResult } from './results';

/** An in-turn result: the median round's numbers, and every round. */
type InTurnResult<R> = R & { measured: number; rounds: R[] };

/** Every round's reading, in the order measured: `+11.8%, +10.3%, +13.1%`. */
export function everyRound<R>(result: InTurnResult<R>, reading: (round: R) => string): string {
  return result.rounds.map(reading).join(', ');
}

/** What a feature costs (tracing, the lab's history), as a signed percent. */
export const overheadReading = (round: { overheadPct: number }) => signedPercent(round.overheadPct);
export const floorReading = (round: BesideFloorRound) => `${round.timesFloor}×`;

/** With --tracing-cost: each strategy's traced and untraced medians, measured in turn (see tracing-cost.ts). */
export function tracingSection(results: BenchResults): string {
  const intro = `Each strategy at each N again, on two more fresh servers side by side: one exporting every span over OTLP/HTTP
(protobuf) to a sink in the bench process, with resolver spans capped at \`TRACE_RESOLVER_SPANS_PER_PATH\` (default
${DEFAULT_RESOLVER_SPANS_PER_PATH}) per field path, and one with telemetry off. After the same warm-up, they are sent the same request in turn
(untraced first in one pair, traced first in the next), so both medians come from the same minutes of the machine.`;
  return costSection(
    results,
    'Tracing cost',
    intro,
    (cell) => cell.tracing,
    ['untraced', 'traced', 'tracing costs'],
    (t) => [t.untracedMedianMs, t.tracedMedianMs],
  );
}

/** With --history-cost: each strategy's medians without and with the lab's history, measured in turn (see history-cost.ts). */
export function historySection(results: BenchResults): string {
  const intro = `Each strategy at each N again, on two more fresh servers side by side, both untraced: one keeping the lab's history
of recent requests (\`LAB_HISTORY=100\`, the default outside production: every resolver call recorded, each request's
timeline built and kept for \`/lab\`) and one with \`LAB_HISTORY=0\`. After the same warm-up, they are sent the same
request in turn (without the history first in one pair, with it first in the next), so both medians come from the
same minutes of the machine.`;
  const medians = (h: CostRound<HistoryMedians>): [number, number] => [h.withoutHistoryMedianMs, h.withHistoryMedianMs];
  return costSection(
    results,
    "Recording cost (the lab's history)",
    intro,
    (cell) => cell.historyCost,
    ['no history', 'history', 'recording costs'],
    medians,
  );
}

/** What a feature costs, measured in turn: the median without it, with it, and the difference in percent. */
function costSection<R extends { overheadPct: number }>(
  results: BenchResults,
  title: string,
  intro: string,
  resultOf: (cell: CellResult) => InTurnResult<R> | undefined,
  [without, withIt, costs]: [string, string, string],
  medians: (result: R) => [number, number],
): string {
  const columns = [`${without} median ms`, `${withIt} median ms`, costs];
  return inTurnSection(results, {
    title,
    intro,
    resultOf,
    columns,
    values: (r) => [...medians(r).map(ms), overheadReading(r)],
    reading: overheadReading,
  });
}

/** With --floor-in-turn: each strategy's median and the floor's, measured in turn (see beside-floor.ts). */
export function besideFloorSection(results: BenchResults): string {
  return inTurnSection(results, {
    title: 'Beside the floor, in turn',
    intro: `Each strategy at each N again, on a fresh server beside a fresh floor server, warmed up alike and then sent the
same request in turn (the strategy first in one pair, the floor first in the next): the ratio to the floor from
the same minutes of the machine, where the tables above compare cells measured minutes apart.`,
    resultOf: (cell) => cell.besideFloor,
    columns: ['median ms', 'floor median ms', '× floor'],
    values: (b) => [ms(b.strategyMedianMs), ms(b.floorMedianMs), floorReading(b)],
    reading: floorReading,
  });
}

interface InTurnTable<R> {
  title: string;
  intro: string;
  resultOf: (cell: CellResult) => InTurnResult<R> | undefined;
  /** The headline columns, between N and every round's reading. */
  columns: string[];
  values: (result: R) => string[];
  reading: (round: R) => string;
}

/** One in-turn measurement's section: a row per strategy cell that has it; nothing when none does. */
function inTurnSection<R>(results: BenchResults, { title, intro, resultOf, columns, values, reading }: InTurnTable<R>): string {
  const cells = results.cells.flatMap((cell) => {
    const result = resultOf(cell);
    return result ? [{ cell, result }] : [];
  });
  if (!cells.length) return '';
  const header = ['target', 'N', ...columns, 'every round', 'measured (each)'];
  const rows = cells.map(({ cell, result }) => [
    `\`${cell.target}\``,
    String(cell.n),
    ...values(result),
    everyRound(result, reading),
    String(result.measured),
  ]);
  return `
## ${title}

${intro}
${roundsText(cells[0]!.result.rounds.length)}

${markdownTable(header, rows)}
`;
}

/** How the median round is chosen, for every in-turn section. */
function roundsText(rounds: number): string {
  return rounds > 1
    ? `This is done in ${rounds} rounds, each on a new pair of servers: the table shows the median round (of two middle ones,
the costlier) and every round's reading beside it, in the order measured; "measured" counts the median round's requests.`
    : 'This is done in one round, on one pair of servers.';
}
