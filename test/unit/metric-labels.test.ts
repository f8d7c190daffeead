import { parse } from 'graphql';
import { BoundedLabels, fieldNamePath, OperationLabels } from '../../src/metrics/labels';

describe('BoundedLabels: the first `limit` values keep their own label, later ones are (other)', () => {
  test('first come, first served; known() never admits', () => {
    const labels = new BoundedLabels(2);
    expect(labels.known('a')).toBe('(other)');
    expect(['a', 'b', 'c', 'a', 'b', 'c'].map((value) => labels.admit(value))).toEqual(['a', 'b', '(other)', 'a', 'b', '(other)']);
  });
});

describe('OperationLabels', () => {
  const named = parse('query Users { users { id } }');
  test('a name is its own label only once an operation by that name has executed', () => {
    const operations = new OperationLabels(1);
    expect(operations.labels(named, undefined)).toEqual({ operationName: '(other)', operationType: 'query' });
    operations.executed(named, undefined);
    expect(operations.labels(named, undefined)).toEqual({ operationName: 'Users', operationType: 'query' });
    operations.executed(parse('query Orders { orders { id } }'), undefined);
    expect(operations.labels(parse('query Orders { orders { id } }'), null)).toEqual({ operationName: '(other)', operationType: 'query' });
  });

  test('anonymous: one label; no document, or no operation to pick: (unknown)', () => {
    const operations = new OperationLabels(10);
    expect(operations.labels(parse('{ users { id } }'), undefined)).toEqual({ operationName: '(anonymous)', operationType: 'query' });
    const unknown = { operationName: '(unknown)', operationType: '(unknown)' };
    expect(operations.labels(undefined, undefined)).toEqual(unknown);
    expect(operations.labels(parse('query A { users { id } } query B { users { id } }'), undefined)).toEqual(unknown);
    expect(operations.labels(named, 'Other')).toEqual(unknown);
  });
});

describe('fieldNamePath: a response path by field names, aliases resolved', () => {
  const document = parse(`
    query Tree {
      a: users { b: orders { ...Items } }
      users { orders { ... on Order { c: user { id } } } }
    }
    query Other { x: products { id } }
    fragment Items on Order { i: items { p: product { id } } }
  `);

  test.each([
    ['a.b', 'users.orders'],
    ['a.b.i.p', 'users.orders.items.product'], // through a named fragment
    ['users.orders.c', 'users.orders.user'], // through an inline fragment
    ['users', 'users'],
    ['a.nope', '(unknown)'],
    ['(request)', '(unknown)'],
  ])('%s → %s', (path, expected) => {
    expect(fieldNamePath(document, 'Tree', path)).toBe(expected);
  });

  test('in the operation that ran, and only there', () => {
    expect(fieldNamePath(document, 'Other', 'x')).toBe('products');
    expect(fieldNamePath(document, 'Other', 'a.b')).toBe('(unknown)');
    expect(fieldNamePath(document, undefined, 'a.b')).toBe('(unknown)'); // two operations, none picked
  });
});
