import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import { Client } from 'pg';
import { seedRows } from '../../src/db/seed';
import type { BenchResults } from '../../lab/bench/results';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/**
 * `npm run bench` as a user runs it, on a tiny configuration: the real script in a child process, real server
 * processes, real load. On the postgres project it runs against TEST_DATABASE_URL (a scratch database of its
 * own), which is what checks the PostgreSQL floor's hand-written SQL against the API's data.
 */
const database = TEST_DB === 'postgres' ? ['--database-url', process.env.TEST_DATABASE_URL!] : [];
const ARGS = ['--n', '3,5', '--strategies', 'naive,batched', '--duration', '1', '--connections', '2', '--requests', '3', '--budget', '1'];

/** users(first: n) { orders { items { product } } } under naive: the page, then one query per user, order and item. */
function naiveCount(n: number): number {
  const rows = seedRows(n);
  return 1 + rows.users.length + rows.orders.length + rows.items.length;
}

/** Rows the database sends for that query: naive fetches a product per item, batched each product once. */
function rowsFetched(target: string, n: number): number {
  const { users, orders, items } = seedRows(n);
  if (target === 'floor') return 1;
  const products = target === 'naive' ? items.length : new Set(items.map((item) => item.product)).size;
  return users.length + orders.length + items.length + products;
}

describe(`npm run bench [${TEST_DB}]`, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-bench-test-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('a tiny run: exact SQL counts, the floor agreeing with the API, results.json, the report and its plots', async () => {
    const { code, stdout, stderr } = await runScript('lab/commands/bench.ts', [...ARGS, ...database, '--out', out, '--json'], {}, 60_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results: BenchResults = JSON.parse(stdout);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'))).toEqual(results);

    expect(results.settings).toMatchObject({ n: [3, 5], strategies: ['naive', 'batched'], connections: 2, durationS: 1 });
    expect(results.settings.database).toMatchObject({ kind: TEST_DB === 'postgres' ? 'postgresql' : 'sqlite', seededUsers: 1000 });
    expect(results.command).toBe(`npm run bench -- ${[...ARGS, ...database, '--out', out, '--json'].join(' ')}`);
    expect(results.versions).toMatchObject({ node: process.versions.node, autocannon: '9.0.0', 'better-sqlite3': '13.0.3' });
    expect(results.machine.cores).toBeGreaterThan(0);

    expect(results.cells.map((cell) => [cell.target, cell.n, cell.cost.sqlCount])).toEqual([
      ['naive', 3, naiveCount(3)],
      ['batched', 3, 4],
      ['floor', 3, 1],
      ['naive', 5, naiveCount(5)],
      ['batched', 5, 4],
      ['floor', 5, 1],
    ]);
    expect([naiveCount(3), naiveCount(5)]).toEqual([31, 51]);
    for (const { target, n, sequential, throughput, cost, peakMemoryBytes } of results.cells) {
      // The floor's one statement returns one row, the tree as JSON; the API reports its time split.
      expect(cost.rowsFetched).toBe(rowsFetched(target, n));
      expect(cost.queryStatsTimeSplit === null ? null : Object.keys(cost.queryStatsTimeSplit)).toEqual(
        target === 'floor' ? null : ['ormTimeMs', 'graphqlTimeMs'],
      );
      expect(Object.keys(cost.serverTiming!)).toEqual(
        target === 'floor' ? ['db', 'other', 'total'] : ['db', 'orm', 'graphql', 'serialize', 'other', 'total'],
      );
      expect(cost.outsideServerMs).toBeGreaterThanOrEqual(0);
      expect(sequential.measured).toBeGreaterThanOrEqual(1);
      expect(sequential.measured).toBeLessThanOrEqual(3);
      expect(sequential.p95Ms).toBeGreaterThanOrEqual(sequential.medianMs);
      expect(sequential.medianMs).toBeGreaterThan(0);
      expect(throughput).toMatchObject({ connections: 2, errors: 0 });
      expect(throughput!.completed).toBeGreaterThan(0);
      expect(throughput!.requestsPerSecond).toBeGreaterThan(0);
      expect(peakMemoryBytes).toBeGreaterThan(16 * 2 ** 20);
    }

    expect(results.cells.filter((cell) => cell.tracing)).toEqual([]);
    const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
    expect(readme).not.toContain('## Tracing cost');
    expect(readme).toContain('| target | SQL | rows fetched | median ms | p95 ms | measured | req/s @ 2 |');
    expect(readme).toContain(`| \`naive\` | ${naiveCount(5)} | ${rowsFetched('naive', 5)} |`);
    expect(readme).toContain('| **floor** | 1 | 1 |');
    expect(readme).toContain('![Sequential latency vs N](latency.svg)');
    const latency = svgTexts(path.join(out, 'latency.svg'));
    expect(latency).toEqual(expect.arrayContaining(['naive', 'batched', 'floor', 'N (users per request)']));
    expect(svgTexts(path.join(out, 'time-split.svg'))).toEqual(expect.arrayContaining(['N = 3', 'N = 5', 'db: SQL in flight']));

    // npm run bench:report redraws the same files from results.json alone.
    const before = ['README.md', 'latency.svg', 'time-split.svg'].map((file) => fs.readFileSync(path.join(out, file), 'utf8'));
    for (const file of ['README.md', 'latency.svg', 'time-split.svg']) fs.rmSync(path.join(out, file));
    const report = await runScript('lab/commands/bench-report.ts', ['--out', out], {});
    expect(report.code).toBe(0);
    expect(['README.md', 'latency.svg', 'time-split.svg'].map((file) => fs.readFileSync(path.join(out, file), 'utf8'))).toEqual(before);

    if (TEST_DB === 'postgres') {
      const scratch = results.settings.database.label.match(/scratch database (n1lab_bench_\w+)/)![1]!;
      expect(await databaseExists(scratch)).toBe(false);
    }
  }, 60_000);

  test('--tracing-cost --floor-in-turn: per strategy cell, a traced and an untraced server in turn (the traced one exporting spans), then the strategy and the floor in turn, each in rounds on fresh servers', async () => {
    const tracingOut = path.join(out, 'tracing');
    const args = ['--n', '3', '--strategies', 'batched', '--duration', '1', '--requests', '3', '--budget', '1', '--tracing-cost', '--floor-in-turn', '--in-turn-rounds', '2'];
    const { code, stdout, stderr } = await runScript('lab/commands/bench.ts', [...args, ...database, '--out', tracingOut, '--json'], {}, 180_000);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const results: BenchResults = JSON.parse(stdout);
    expect(results.settings).toMatchObject({ traces: false, tracingCost: true, floorInTurn: true, inTurnRounds: 2 });
    const [batched, floor] = results.cells;
    expect(floor!.tracing).toBeUndefined();
    expect(floor!.besideFloor).toBeUndefined();
    const tracing = batched!.tracing!;
    expect(tracing.rounds).toHaveLength(2);
    for (const round of tracing.rounds!) {
      expect(round.measured).toBeGreaterThanOrEqual(1);
      expect(round.measured).toBeLessThanOrEqual(3);
      expect(round.overheadPct).toBe(Math.round((round.tracedMedianMs / round.untracedMedianMs - 1) * 1000) / 10);
    }
    // Of two rounds, the costlier one is the one reported.
    const costlier = [...tracing.rounds!].sort((a, b) => b.overheadPct - a.overheadPct)[0]!;
    expect(tracing).toMatchObject(costlier);
    // Each traced server flushed its spans to the bench's sink as it stopped.
    expect(tracing.exports).toBeGreaterThanOrEqual(2);
    const readme = fs.readFileSync(path.join(tracingOut, 'README.md'), 'utf8');
    expect(readme).toContain('## Tracing cost');
    expect(readme).toContain('This is done in 2 rounds, each on a new pair of servers');
    expect(readme).toContain('| target | N | untraced median ms | traced median ms | tracing costs | every round | measured (each) |');
    const percent = (value: number) => `${value >= 0 ? '+' : ''}${value}%`;
    const tracingRounds = tracing.rounds!.map((round) => percent(round.overheadPct)).join(', ');
    expect(readme).toContain(`| ${percent(tracing.overheadPct)} | ${tracingRounds} | ${tracing.measured} |`);
    expect(readme).toMatch(/\| `batched` \| 3 \| [\d.]+ \| [\d.]+ \| [+-]/);

    const beside = batched!.besideFloor!;
    expect(beside.rounds).toHaveLength(2);
    for (const round of beside.rounds!) {
      expect(round.floorMedianMs).toBeGreaterThan(0);
      expect(round.timesFloor).toBe(Math.round((round.strategyMedianMs / round.floorMedianMs) * 100) / 100);
    }
    expect(beside.timesFloor).toBe(Math.max(...beside.rounds!.map((round) => round.timesFloor)));
    expect(readme).toContain('## Beside the floor, in turn');
    const floorRounds = beside.rounds!.map((round) => `${round.timesFloor}×`).join(', ');
    expect(readme).toMatch(/\| `batched` \| 3 \| [\d.]+ \| [\d.]+ \| [\d.]+× \| /);
    expect(readme).toContain(`| ${beside.timesFloor}× | ${floorRounds} | ${beside.measured} |`);
  }, 180_000);

  test('a bad flag: one line naming the flag, what it takes and the value; exit 1', async () => {
    const { code, stdout, stderr } = await runScript('lab/commands/bench.ts', ['--strategies', 'naive,fast'], {});
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['bench: --strategies takes a comma-separated list of naive, batched, joined, select-in, balanced; got "naive,fast"']);
  });
});

/** Parses the SVG as XML (throwing on anything malformed) and returns the text of its <text> elements. */
function svgTexts(file: string): string[] {
  const document = new DOMParser({ onError: onErrorStopParsing }).parseFromString(fs.readFileSync(file, 'utf8'), 'image/svg+xml');
  expect(document.documentElement?.nodeName).toBe('svg');
  return Array.from(document.getElementsByTagName('text'), (text) => text.textContent ?? '');
}

/** The bench drops its scratch database when it ends. */
async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}
