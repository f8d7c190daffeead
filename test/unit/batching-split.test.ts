import { findBatchingSplits } from '../../src/stats/batching-split';
import type { BatchRun } from '../../src/stats/request-recorder';

const batch = (loader: string, path: string, keys: number): BatchRun => ({ loader, path, keys, interval: [0, 1], askedBy: [] });

describe('findBatchingSplits', () => {
  test('one loader, one path, several batches below the limit: an await split the level', () => {
    const findings = findBatchingSplits(
      [batch('ordersByUserId', 'users.orders', 5), batch('ordersByUserId', 'users.orders', 5), batch('ordersByUserId', 'users.orders', 5)],
      1000,
    );
    expect(findings).toEqual([
      {
        path: 'users.orders',
        sql: '',
        count: 3,
        hint: expect.stringMatching(/^ordersByUserId sent 3 batches for users\.orders \(5, 5, 5 keys\): something awaits before load\(\)/),
      },
    ]);
  });

  test('batches split by batchMaxSize, one batch per path, or different loaders: no finding', () => {
    expect(findBatchingSplits([batch('userById', 'orders.user', 2), batch('userById', 'orders.user', 1)], 2)).toEqual([]);
    expect(findBatchingSplits([batch('userById', 'orders.user', 3), batch('userById', 'orders.items.order.user', 3)], 1000)).toEqual([]);
    expect(findBatchingSplits([batch('userById', 'orders.user', 3), batch('orderById', 'orders.user', 3)], 1000)).toEqual([]);
  });
});
