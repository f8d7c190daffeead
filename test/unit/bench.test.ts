import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BenchError, parseBenchOptions } from '../../lab/bench/options';
import { isSuccessBody } from '../../lab/bench/operation';
import { readResults, renderMarkdown } from '../../lab/bench/report';
import { readResponseStats } from '../../lab/bench/response-stats';
import { medianRound } from '../../lab/bench/in-turn';
import { runSequential } from '../../lab/bench/sequential';
import { percentile } from '../../lab/kit/statistics';
import { STRATEGY_NAMES } from '../../src/strategies';

describe('npm run bench options', () => {
  test('defaults: N 20, 100, 1000, every strategy in src/strategies, SQLite, 4 connections, docs/benchmarks', () => {
    expect(parseBenchOptions([], '/repo')).toEqual({
      n: [20, 100, 1000],
      strategies: STRATEGY_NAMES,
      databaseUrl: undefined,
      durationS: 2,
      connections: 4,
      requests: 50,
      budgetS: 3,
      outDir: '/repo/docs/benchmarks',
      json: false,
      traces: false,
      tracingCost: false,
      floorInTurn: false,
      inTurnRounds: 3,
      argv: [],
    });
    expect(parseBenchOptions(['--traces'], '/repo')).toMatchObject({ traces: true, tracingCost: false });
    expect(parseBenchOptions(['--tracing-cost'], '/repo')).toMatchObject({ traces: false, tracingCost: true, floorInTurn: false });
    expect(parseBenchOptions(['--floor-in-turn'], '/repo')).toMatchObject({ tracingCost: false, floorInTurn: true });
    expect(parseBenchOptions(['--tracing-cost', '--in-turn-rounds', '5'], '/repo')).toMatchObject({ tracingCost: true, inTurnRounds: 5 });
  });

  test('any list of N, sorted and without repeats; strategies in the order given', () => {
    const options = parseBenchOptions(['--n', '1000,5, 20,5', '--strategies', 'Batched,naive'], '/repo');
    expect(options).toMatchObject({ n: [5, 20, 1000], strategies: ['batched', 'naive'] });
  });

  test.each([
    [['--n', '20,5000'], '--n takes comma-separated whole numbers from 1 to 1000 (users(first:) allows no more); got "20,5000"'],
    [['--strategies', 'naive,fast'], `--strategies takes a comma-separated list of ${STRATEGY_NAMES.join(', ')}; got "naive,fast"`],
    [['--duration', '0'], '--duration must be a whole number from 1 to 60; got "0"'],
    [['--connections', 'many'], '--connections must be a whole number from 1 to 64; got "many"'],
    [['--requests', '1.5'], '--requests must be a whole number from 1 to 10000; got "1.5"'],
    [['--tracing-cost', '--in-turn-rounds', '0'], '--in-turn-rounds must be a whole number from 1 to 20; got "0"'],
    [['--in-turn-rounds', '5'], '--in-turn-rounds sets the rounds of --tracing-cost and --floor-in-turn; got it without either'],
    [['--budget', '-1'], /^Option '--budget' argument is ambiguous; usage: npm run bench -- /],
    [['--database-url', 'mysql://u:secret@h/db'], /^--database-url takes a postgres:\/\/ URL .*; got "mysql:\/\/u:\*\*\*@h\/db"$/],
    [['--database-url', 'postgres://localhost'], /^--database-url takes a postgres:\/\/ URL naming a server and a database/],
    [['--fast'], /^Unknown option '--fast'; usage: npm run bench -- \[--n 20,100,1000\]/],
  ])('%j: a BenchError naming the flag, what it takes and the value', (argv, message) => {
    expect(() => parseBenchOptions(argv, '/repo')).toThrow(BenchError);
    expect(() => parseBenchOptions(argv, '/repo')).toThrow(message);
  });
});

describe('the round an in-turn measurement reports', () => {
  const rounds = (...ratios: number[]) => ratios.map((ratio, index) => ({ index, ratio }));
  const ratio = (round: { ratio: number }) => round.ratio;

  test('of an odd number, the median by ratio, wherever it was measured', () => {
    expect(medianRound(rounds(1.3, 1.1, 1.2), ratio)).toEqual({ index: 2, ratio: 1.2 });
    expect(medianRound(rounds(1.05), ratio)).toEqual({ index: 0, ratio: 1.05 });
  });

  test('of an even number, the higher of the two middle ones (a reading that happened, the costlier)', () => {
    expect(medianRound(rounds(1.4, 1.1, 1.2, 1.3), ratio)).toEqual({ index: 3, ratio: 1.3 });
  });

  test('of none, a RangeError', () => {
    expect(() => medianRound([], ratio)).toThrow(new RangeError('medianRound needs at least one round; got none'));
  });
});

describe('what a response says about its cost', () => {
  test('a response without rows or a split in queryStats: those null, Server-Timing read as it is', () => {
    const body = { extensions: { queryStats: { strategy: 'naive', sqlCount: 51, dbTimeMs: 39.6, statements: [] } } };
    expect(readResponseStats(body, 'db;dur=39.98;desc="51 queries", app;dur=8.66, total;dur=48.64')).toEqual({
      sqlCount: 51,
      dbTimeMs: 39.6,
      rowsFetched: null,
      queryStatsTimeSplit: null,
      serverTiming: { db: 39.98, app: 8.66, total: 48.64 },
    });
    expect(readResponseStats({}, null)).toMatchObject({ sqlCount: null, serverTiming: null });
  });

  test('once queryStats reports rows and a time split, they are read as they are', () => {
    const queryStats = { sqlCount: 4, dbTimeMs: 2, rowsFetched: 181, ormMappingMs: 1.5, timeSplit: { executionMs: 3, serializationMs: 0.5 } };
    expect(readResponseStats({ extensions: { queryStats } }, null)).toMatchObject({
      rowsFetched: 181,
      queryStatsTimeSplit: { ormMappingMs: 1.5, executionMs: 3, serializationMs: 0.5 },
    });
  });

  test('a body under load counts as a success only with data and no GraphQL errors', () => {
    expect(isSuccessBody('{"extensions":{},"data":{"users":[{"id":"1","username":"\\"errors\\":"}]}}')).toBe(true);
    expect(isSuccessBody('{"extensions":{},"errors":[{"message":"boom"}],"data":null}')).toBe(false);
    expect(isSuccessBody('{"errors":[{"message":"Unknown x-strategy"}]}')).toBe(false);
  });

  test('p95 is a measured value (nearest rank): with few requests, the slowest', () => {
    expect(percentile([5, 1, 3], 95)).toBe(5);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 95)).toBe(95);
  });
});

// The checked-in reports: SQLite (the default run) and PostgreSQL (`--out docs/benchmarks/postgresql`).
test.each(['docs/benchmarks', 'docs/benchmarks/postgresql'])('%s/README.md is drawn from the results.json beside it (redraw with `npm run bench:report`)', (folder) => {
  const dir = path.join(__dirname, '..', '..', folder);
  expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(renderMarkdown(readResults(dir)));
});

test('a cell without a load run (one request outlasted it) reads "not run" in the report, with nothing beside it', () => {
  const results = readResults(path.join(__dirname, '..', '..', 'docs', 'benchmarks'));
  const naive = results.cells.find((cell) => cell.target === 'naive' && cell.n === 1000)!;
  naive.throughput = null;
  const row = renderMarkdown(results).split('\n').filter((line) => line.startsWith('| `naive` |')).at(-1)!;
  expect(row).toContain(`| ${naive.sequential.measured} | not run | — | — | — |`);
});

describe('sequential measuring: warm-up, then the budget', () => {
  /** A stand-in API answering `users: []` after each request's delay in turn (the last delay thereafter). */
  async function fakeApi(delaysMs: number[]): Promise<{ url: string; received: () => number; close: () => void }> {
    let received = 0;
    const server = http.createServer((_request, response) => {
      const delay = delaysMs[Math.min(received++, delaysMs.length - 1)];
      setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"users":[]}}'), delay);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/graphql`, received: () => received, close: () => server.close() };
  }

  test('quick requests: 20 warm-up requests, then --requests measured', async () => {
    const api = await fakeApi([0]);
    try {
      const { result } = await runSequential({ url: api.url, n: 1, requests: 7, budgetS: 10, label: 'fake' });
      expect(result).toMatchObject({ warmup: 20, measured: 7, stoppedByBudget: false });
      expect(api.received()).toBe(27);
    } finally {
      api.close();
    }
  });

  test('a first request longer than the whole budget is the one measurement: no warm-up, nothing sent after it', async () => {
    const api = await fakeApi([1_100, 0]);
    try {
      const { result } = await runSequential({ url: api.url, n: 1, requests: 50, budgetS: 1, label: 'fake' });
      expect(result).toMatchObject({ warmup: 0, measured: 1, stoppedByBudget: true });
      expect(result.medianMs).toBeGreaterThanOrEqual(1_100);
      expect(api.received()).toBe(1);
    } finally {
      api.close();
    }
  });
});
