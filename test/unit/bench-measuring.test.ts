import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { medianRound } from '../../lab/bench/in-turn';
import { isSuccessBody } from '../../lab/bench/operation';
import { readResponseStats } from '../../lab/bench/response-stats';
import { runSequential } from '../../lab/bench/sequential';
import { percentile } from '../../lab/kit/statistics';

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
    expect(readResponseStats(body, 'db;dur=39.98;desc="51 queries", orm;dur=3.1, other;dur=5.56, total;dur=48.64')).toEqual({
      sqlCount: 51,
      dbTimeMs: 39.6,
      rowsFetched: null,
      queryStatsTimeSplit: null,
      serverTiming: { db: 39.98, orm: 3.1, other: 5.56, total: 48.64 },
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
    expect(
      percentile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(95);
  });
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
