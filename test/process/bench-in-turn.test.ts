import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_ARGS, runBenchScript, useTemporaryFolder } from '../support/bench-run';
import { TEST_DB } from '../support/test-app';

describe(`npm run bench, measuring in turn [${TEST_DB}]`, () => {
  const out = useTemporaryFolder();

  test('--tracing-cost --floor-in-turn: per strategy cell, a traced and an untraced server in turn (the traced one exporting spans), then the strategy and the floor in turn, each in rounds on fresh servers', async () => {
    const args = ['--n', '3', '--strategies', 'batched', '--duration', '1', '--requests', '3', '--budget', '1', '--tracing-cost', '--floor-in-turn', '--in-turn-rounds', '2'];
    const results = await runBenchScript([...args, ...DATABASE_ARGS], out, 180_000);
    expect(results.settings).toMatchObject({ traces: false, tracingCost: true, floorInTurn: true, inTurnRounds: 2 });
    const [batched, floor] = results.cells;
    expect(floor!.tracing).toBeUndefined();
    expect(floor!.besideFloor).toBeUndefined();
    const tracing = batched!.tracing!;
    expect(tracing.rounds).toHaveLength(2);
    for (const round of tracing.rounds) {
      expect(round.measured).toBeGreaterThanOrEqual(1);
      expect(round.measured).toBeLessThanOrEqual(3);
      expect(round.overheadPct).toBe(Math.round((round.tracedMedianMs / round.untracedMedianMs - 1) * 1000) / 10);
    }
    // Of two rounds, the costlier one is the one reported.
    const costlier = [...tracing.rounds].sort((a, b) => b.overheadPct - a.overheadPct)[0]!;
    expect(tracing).toMatchObject(costlier);
    // Each traced server flushed its spans to the bench's sink as it stopped.
    expect(tracing.exports).toBeGreaterThanOrEqual(2);
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).toContain('## Tracing cost');
    expect(readme).toContain('This is done in 2 rounds, each on a new pair of servers');
    expect(readme).toContain('| target | N | untraced median ms | traced median ms | tracing costs | every round | measured (each) |');
    const percent = (value: number) => `${value >= 0 ? '+' : ''}${value}%`;
    const tracingRounds = tracing.rounds.map((round) => percent(round.overheadPct)).join(', ');
    expect(readme).toContain(`| ${percent(tracing.overheadPct)} | ${tracingRounds} | ${tracing.measured} |`);
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
});
