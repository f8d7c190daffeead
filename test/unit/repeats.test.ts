import type { RepeatFixes } from '../../src/stats/repeats';
import { findRepeats } from '../../src/stats/repeats';
import { fixesFor } from '../../src/strategies';
import { withSchemaFacts } from '../support/schema-facts';

const run = (path: string, sql: string, params: string) => ({ path, coordinate: 'User.orders', sql, paramsDigest: params });
const options = { threshold: 3, fixes: { nPlusOne: () => 'use the loader', duplicate: () => 'load it once' } };

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
    expect(
      findRepeats(
        ['a', 'b'].map((params) => run('users.orders', 'select ?', params)),
        options,
      ).nPlusOne,
    ).toEqual([]);
  });

  test('the same parameters again are duplicates, not an N+1', () => {
    const { nPlusOne, duplicates } = findRepeats(
      ['a', 'a', 'a', 'b'].map((params) => run('orders.user', 'select ?', params)),
      options,
    );
    expect(nPlusOne).toEqual([]);
    expect(duplicates).toEqual([expect.objectContaining({ path: 'orders.user', count: 2 })]);
  });

  test('the same statement from different fields is counted per field', () => {
    const executions = [run('a.x', 'select ?', '1'), run('a.x', 'select ?', '2'), run('b.x', 'select ?', '3'), run('b.x', 'select ?', '4')];
    expect(findRepeats(executions, options).nPlusOne).toEqual([]);
  });

  test('duplicates name how many runs repeated one and the fix', () => {
    const { duplicates } = findRepeats(
      ['a', 'a', 'a', 'b'].map((params) => run('orders.user', 'select ?', params)),
      options,
    );
    expect(duplicates).toEqual([
      { path: 'orders.user', sql: 'select ?', count: 2, hint: 'User.orders fetched the same rows again 2 times: load it once' },
    ]);
  });
});

describe('fixesFor, the wording of every fix', () => {
  let FIXES: RepeatFixes;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const derived = await withSchemaFacts();
    FIXES = fixesFor(derived.facts);
    close = derived.close;
  });
  afterAll(() => close());

  test('a field with a DataLoader: the batched and joined strategies, naming the loader', () => {
    expect(FIXES.nPlusOne('User.orders', 'User.orders')).toBe(
      'send x-strategy: batched (DataLoader ordersByUserId: one IN (…) query for all parents) or x-strategy: joined (one statement for the whole tree)',
    );
  });

  test('a field without one: a per-request DataLoader for that field', () => {
    expect(FIXES.nPlusOne('users.orders', undefined)).toBe('load users.orders through a per-request DataLoader');
    expect(FIXES.nPlusOne('Product.orderItems', 'Product.orderItems')).toBe('load Product.orderItems through a per-request DataLoader');
  });

  test('a duplicate: a per-request DataLoader loads each key once', () => {
    expect(FIXES.duplicate('Order.user')).toBe('a per-request DataLoader (x-strategy: batched) loads each key once');
  });
});
