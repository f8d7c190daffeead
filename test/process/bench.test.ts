import fs from 'node:fs';
import path from 'node:path';
import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import { Client } from 'pg';
import type { BenchResults } from '../../lab/bench/results';
import { seedRows } from '../../src/db/seed';
import { DATABASE_ARGS, runBenchScript, useTemporaryFolder } from '../support/bench-run';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run bench` on a tiny configuration: the real script, real server processes, real load. */
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
  const out = useTemporaryFolder();

  test('a tiny run: exact SQL counts, the floor agreeing with the API, results.json, the report and its plots', async () => {
    const results = await runBenchScript([...ARGS, ...DATABASE_ARGS], out, 60_000);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'))).toEqual(results);

    expect(results.settings).toMatchObject({ n: [3, 5], strategies: ['naive', 'batched'], connections: 2, durationS: 1 });
    expect(results.settings.database).toMatchObject({ kind: TEST_DB === 'postgres' ? 'postgresql' : 'sqlite', seededUsers: 1000 });
    // What production runs: the image's command line and environment, with the counts the report needs turned on.
    expect(results.settings.server).toMatchObject({ start: 'compiled', env: { NODE_ENV: 'production', QUERY_STATS: 'on' } });
    expect(results.settings.server!.command).toMatch(/^node --expose-gc .* dist\/src\/main\.js$/);
    expect(results.command).toBe(`npm run bench -- ${[...ARGS, ...DATABASE_ARGS, '--out', out, '--json'].join(' ')}`);
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

  test('--baseline: a cell whose counts changed is named, in the report and on stderr, and the exit code is 1', async () => {
    // A saved run in which batched took 3 statements at N=3: this run's 4 is a regression by the counts alone.
    const saved = (target: string, sqlCount: number, rowsFetched: number) => ({
      target,
      n: 3,
      sequential: { warmup: 1, measured: 3, medianMs: 5, p95Ms: 6, minMs: 4, maxMs: 6, stoppedByBudget: false },
      throughput: null,
      cost: { sqlCount, rowsFetched, dbTimeMs: null, queryStatsTimeSplit: null, serverTiming: null, outsideServerMs: null },
      peakMemoryBytes: null,
    });
    const baselineFile = path.join(out, 'saved.json');
    const cells = [saved('batched', 3, rowsFetched('batched', 3)), saved('floor', 1, 1)];
    fs.writeFileSync(baselineFile, JSON.stringify({ format: 1, createdAt: '2026-12-01T00:00:00.000Z', gitCommit: 'abc1234', cells }));
    const args = ['--n', '3', '--strategies', 'batched', '--duration', '1', '--connections', '1', '--requests', '3', '--budget', '1'];
    const { code, stdout, stderr } = await runScript(
      'lab/commands/bench.ts',
      [...args, ...DATABASE_ARGS, '--baseline', baselineFile, '--out', path.join(out, 'against'), '--json'],
      {},
      60_000,
    );
    expect(stderr).toBe(`1 cell(s) regressed against ${baselineFile}: batched N=3\n`);
    expect(code).toBe(1);
    const { baseline } = JSON.parse(stdout) as BenchResults;
    expect(baseline!.cells).toEqual([
      {
        target: 'batched',
        n: 3,
        verdict: 'regressed',
        readings: ['SQL 3 → 4', expect.stringMatching(/^times not judged \(no --floor-in-turn rounds on both runs\): median 5 → [\d.]+ ms, /)],
      },
      { target: 'floor', n: 3, verdict: 'same', readings: [expect.stringMatching(/^the machine's speed, never a regression: median 5 → [\d.]+ ms/)] },
    ]);
    const readme = fs.readFileSync(path.join(out, 'against', 'README.md'), 'utf8');
    expect(readme).toContain(`Compared with \`${baselineFile}\` (2026-12-01T00:00:00.000Z, commit abc1234): **1 cell regressed**.`);
    expect(readme).toContain('- `batched` at N=3: **regressed**; SQL 3 → 4; times not judged');
  }, 60_000);
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
