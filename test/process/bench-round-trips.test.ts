import fs from 'node:fs';
import path from 'node:path';
import type { RoundTripReport } from '../../lab/bench/round-trips';
import { DATABASE_ARGS, useTemporaryFolder } from '../support/bench-run';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run bench:round-trips` as a user runs it: one server per latency, the counts in results.json and README.md. */
describe(`npm run bench:round-trips [${TEST_DB}]`, () => {
  const dir = useTemporaryFolder();

  test('every case once per latency, with its statements and round trips in series', async () => {
    const latencies = TEST_DB === 'postgres' ? ['--latency', '0,5'] : [];
    const { code, stderr } = await runScript(
      'lab/commands/bench-round-trips.ts',
      [...DATABASE_ARGS, ...latencies, '--requests', '2', '--out', dir],
      {},
      120_000,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as RoundTripReport;
    const at = (latencyMs: number) =>
      Object.fromEntries(
        report.results
          .filter((result) => result.latencyMs === latencyMs)
          .map((result) => [`${result.operation} ${result.strategy} ${result.awaitMode}`, [result.sqlCount, result.roundTripsInSeries]]),
      );
    if (TEST_DB === 'sqlite') {
      // One connection: every statement waits for the one before, parallel awaits included.
      expect(at(0)).toEqual({
        'BenchUsersTree naive sequential': [201, 201],
        'BenchUsersTree batched sequential': [4, 4],
        'BenchUsersTree joined sequential': [1, 1],
        'Dashboard naive sequential': [5, 5],
        'Dashboard naive parallel': [5, 5],
      });
    } else {
      const across = at(5);
      expect(across['BenchUsersTree batched sequential']).toEqual([4, 4]);
      expect(across['BenchUsersTree joined sequential']).toEqual([1, 1]);
      expect(across['Dashboard naive sequential']).toEqual([5, 5]);
      expect(across['Dashboard naive parallel']).toEqual([5, 1]);
      // naive's 201 statements wait in waves of the pool's 10 connections: far fewer than 201 in series.
      expect(across['BenchUsersTree naive sequential']![0]).toBe(201);
      expect(across['BenchUsersTree naive sequential']![1]).toBeLessThan(201 / 5);
      const sequential = report.results.find(
        (result) => result.latencyMs === 5 && result.operation === 'Dashboard' && result.awaitMode === 'sequential',
      )!;
      expect(sequential.medianMs).toBeGreaterThanOrEqual(5 * 5);
    }
    const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/\| naive \| 201 \| [\d.]+ \(\d+ in series\)/);
    expect(readme).toMatch(/\| x-await: parallel \| 5 \| [\d.]+ \((1|5) in series\)/);
  }, 150_000);
});
