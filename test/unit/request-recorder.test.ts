import type { GraphQLResolveInfo } from 'graphql';
import { queryStats } from '../../src/stats/query-stats';
import { RequestRecorder } from '../../src/stats/request-recorder';

// These tests read times, shapes and batches, not the wording of fixes (repeats.test.ts checks that).
const options = { threshold: 5, fixes: { nPlusOne: () => 'batch it', duplicate: () => 'load it once' }, batchMaxSize: 100 };

describe('RequestRecorder and queryStats', () => {
  test('dbTimeMs is the union of overlapping statements, not their sum', () => {
    const recorder = new RequestRecorder();
    recorder.onStatement({ sql: 'select 1', startedAt: 100, endedAt: 110 });
    recorder.onStatement({ sql: 'select 1', startedAt: 105, endedAt: 115 }); // overlaps the first
    recorder.onStatement({ sql: 'select 2', startedAt: 125, endedAt: 130 });
    const stats = queryStats(recorder, { strategy: 'naive', await: 'sequential' }, 0, options);
    expect(stats.sqlCount).toBe(3);
    expect(stats.dbTimeMs).toBe(20);
    // Inlined literals are sanitized, so `select 1` and `select 2` are one statement shape.
    expect(stats.statements).toEqual([{ sql: 'select ?', count: 3 }]);
  });

  test('statement times are kept as measured, below the millisecond', () => {
    const recorder = new RequestRecorder();
    recorder.onStatement({ sql: 'select 1', startedAt: 10, endedAt: 10.25, rows: 3 });
    recorder.onStatement({ sql: 'select 2', startedAt: 10.5, endedAt: 10.625, rows: 1 });
    const stats = queryStats(recorder, { strategy: 'batched', await: 'sequential' }, 1, options);
    expect(stats.dbTimeMs).toBe(0.38);
    expect(stats.rowsFetched).toBe(4);
    expect(recorder.executions.map((execution) => execution.interval)).toEqual([
      [10, 10.25],
      [10.5, 10.625],
    ]);
  });

  test('a batch records its loader, keys and the kept resolver calls that asked for them', async () => {
    const recorder = new RequestRecorder();
    const users = [0, 1, 2].map((index) => fieldInfo(['users', index, 'orders'], 'User', 'orders'));
    for (const info of users) recorder.callResolver(info, 2, () => recorder.asked('ordersByUserId'));
    await recorder.sendBatch('ordersByUserId', 3, async () => []);
    expect(recorder.batches).toEqual([expect.objectContaining({ loader: 'ordersByUserId', keys: 3, askedBy: [0, 1] })]);
    expect(recorder.resolverCalls.map((call) => [call.id, call.path, call.field])).toEqual([
      [0, 'users.0.orders', 'User.orders'],
      [1, 'users.1.orders', 'User.orders'],
    ]);
    expect(recorder.resolversDropped).toBe(1);
  });

  test('a resolver call ends when its own promise settles', async () => {
    const recorder = new RequestRecorder();
    let settle!: () => void;
    const pending = recorder.callResolver(fieldInfo(['users'], 'Query', 'users'), 5, () => new Promise<void>((resolve) => (settle = resolve)));
    expect(Number.isNaN(recorder.resolverCalls[0]!.interval[1])).toBe(true);
    settle();
    await pending;
    await Promise.resolve();
    expect(recorder.resolverCalls[0]!.interval[1]).toBeGreaterThanOrEqual(recorder.resolverCalls[0]!.interval[0]);
  });
});

/** The parts of a resolver's info the recorder reads: its response path and its field. */
function fieldInfo(keys: Array<string | number>, parent: string, field: string): GraphQLResolveInfo {
  let path: GraphQLResolveInfo['path'] | undefined;
  for (const key of keys) path = { prev: path, key, typename: undefined };
  return { path: path!, parentType: { name: parent }, fieldName: field } as unknown as GraphQLResolveInfo;
}
