import fs from 'node:fs';
import path from 'node:path';
import type { CostResult } from '../../lab/bench/in-turn';
import { DATABASE_ARGS, runBenchScript, useTemporaryFolder } from '../support/bench-run';
import { TEST_DB } from '../support/test-app';

/** A tiny run: N=3, batched, at most 3 requests a side, each in-turn measurement in 2 rounds. */
const TINY = ['--n', '3', '--strategies', 'batched', '--duration', '1', '--requests', '3', '--budget', '1', '--in-turn-rounds', '2'];

const percent = (value: number) => `${value >= 0 ? '+' : ''}${value}%`;

/** Two rounds of a few requests, each round's overhead its own medians' (without, with) ratio; of two, the costlier reported. */
function expectCostRounds<M>(result: CostResult<M>, medians: (round: M) => [number, number]): void {
  expect(result.rounds).toHaveLength(2);
  for (const round of result.rounds) {
    expect(round.measured).toBeGreaterThanOrEqual(1);
    expect(round.measured).toBeLessThanOrEqual(3);
    const [without, withIt] = medians(round);
    expect(round.overheadPct).toBe(Math.round((withIt / without - 1) * 1000) / 10);
  }
  const costlier = [...result.rounds].sort((a, b) => b.overheadPct - a.overheadPct)[0]!;
  expect(result).toMatchObject(costlier);
}

/** The end of a cost section's row: the median round's reading, every round's in order, the requests it rests on. */
function costRowEnd(result: CostResult<unknown>): string {
  return `| ${percent(result.overheadPct)} | ${result.rounds.map((round) => percent(round.overheadPct)).join(', ')} | ${result.measured} |`;
}

describe(`npm run bench, measuring in turn [${TEST_DB}]`, () => {
  const out = useTemporaryFolder();

  test('--tracing-cost --floor-in-turn: per strategy cell, a traced and an untraced server in turn (the traced one exporting spans), then the strategy and the floor in turn, each in rounds on fresh servers', async () => {
    const results = await runBenchScript([...TINY, '--tracing-cost', '--floor-in-turn', ...DATABASE_ARGS], out, 180_000);
    expect(results.settings).toMatchObject({ traces: false, tracingCost: true, floorInTurn: true, inTurnRounds: 2 });
    const [batched, floor] = results.cells;
    expect(floor!.tracing).toBeUndefined();
    expect(floor!.besideFloor).toBeUndefined();
    const tracing = batched!.tracing!;
    expectCostRounds(tracing, (round) => [round.untracedMedianMs, round.tracedMedianMs]);
    // Each traced server flushed its spans to the bench's sink as it stopped.
    expect(tracing.exports).toBeGreaterThanOrEqual(2);
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain('## Tracing cost');
    expect(readme).not.toContain("## Recording cost (the lab's history)");
    expect(readme).toContain('This is done in 2 rounds, each on a new pair of servers');
    expect(readme).toContain('| target | N | untraced median ms | traced median ms | tracing costs | every round | measured (each) |');
    expect(readme).toContain(costRowEnd(tracing));
    expect(readme).toMatch(/\| `batched` \| 3 \| [\d.]+ \| [\d.]+ \| [+-]/);

    const beside = batched!.besideFloor!;
    expect(beside.rounds).toHaveLength(2);
    for (const round of beside.rounds) {
      expect(round.floorMedianMs).toBeGreaterThan(0);
      expect(round.timesFloor).toBe(Math.round((round.strategyMedianMs / round.floorMedianMs) * 100) / 100);
    }
    expect(beside.timesFloor).toBe(Math.max(...beside.rounds.map((round) => round.timesFloor)));
    expect(readme).toContain('## Beside the floor, in turn');
    const floorRounds = beside.rounds.map((round) => `${round.timesFloor}×`).join(', ');
    expect(readme).toMatch(/\| `batched` \| 3 \| [\d.]+ \| [\d.]+ \| [\d.]+× \| /);
    expect(readme).toContain(`| ${beside.timesFloor}× | ${floorRounds} | ${beside.measured} |`);
  }, 180_000);

  test("--history-cost: per strategy cell, a server without the lab's history (LAB_HISTORY=0) and one with it (LAB_HISTORY=100) in turn, untraced, in rounds on fresh servers", async () => {
    const results = await runBenchScript([...TINY, '--history-cost', ...DATABASE_ARGS], out, 120_000);
    expect(results.settings).toMatchObject({ traces: false, tracingCost: false, historyCost: true, floorInTurn: false, inTurnRounds: 2 });
    const [batched, floor] = results.cells;
    expect(floor!.historyCost).toBeUndefined();
    expect(batched!.tracing).toBeUndefined();
    const history = batched!.historyCost!;
    expectCostRounds(history, (round) => [round.withoutHistoryMedianMs, round.withHistoryMedianMs]);
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain("## Recording cost (the lab's history)");
    expect(readme).not.toContain('## Tracing cost');
    expect(readme).toContain('This is done in 2 rounds, each on a new pair of servers');
    expect(readme).toContain('| target | N | no history median ms | history median ms | recording costs | every round | measured (each) |');
    expect(readme).toMatch(/\| `batched` \| 3 \| [\d.]+ \| [\d.]+ \| [+-][\d.]+% \| /);
    expect(readme).toContain(costRowEnd(history));
  }, 120_000);
});
