import { findRepeats } from '../../src/stats/repeats';

const run = (path: string, sql: string, params: string) => ({ path, coordinate: 'User.orders', sql, paramsDigest: params });
const options = { threshold: 3, fixFor: () => 'use the loader' };

describe('findRepeats', () => {
  test('distinct parameters from one field at the threshold: one N+1 finding', () => {
    const executions = ['a', 'b', 'c'].map((params) => run('users.orders', 'select ?', params));
    expect(findRepeats(executions, options)).toEqual({
      nPlusOne: [
        {
          path: 'users.orders',
          sql: 'select ?',
          count: 3,
          hint: 'User.orders queries once per parent (3 runs, 3 different parameter sets): use the loader',
        },
      ],
      duplicates: [],
    });
  });

  test('below the threshold: nothing', () => {
    expect(findRepeats(['a', 'b'].map((params) => run('users.orders', 'select ?', params)), options).nPlusOne).toEqual([]);
  });

  test('the same parameters again are duplicates, not an N+1', () => {
    const { nPlusOne, duplicates } = findRepeats(['a', 'a', 'a', 'b'].map((params) => run('orders.user', 'select ?', params)), options);
    expect(nPlusOne).toEqual([]);
    expect(duplicates).toEqual([expect.objectContaining({ path: 'orders.user', count: 2 })]);
  });

  test('the same statement from different fields is counted per field', () => {
    const executions = [run('a.x', 'select ?', '1'), run('a.x', 'select ?', '2'), run('b.x', 'select ?', '3'), run('b.x', 'select ?', '4')];
    expect(findRepeats(executions, options).nPlusOne).toEqual([]);
  });

  test('without a known fix, suggests a DataLoader for the field', () => {
    const { nPlusOne } = findRepeats(['a', 'b', 'c'].map((params) => run('p', 's', params)), { threshold: 3, fixFor: () => undefined });
    expect(nPlusOne[0]!.hint).toMatch(/: load User\.orders through a per-request DataLoader$/);
  });
});
