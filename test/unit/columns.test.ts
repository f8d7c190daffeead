import { ColumnSet } from '../../src/loading/columns';

describe('ColumnSet: what a DataLoader over rows selects', () => {
  test('the union of what loads asked for before a batch goes out', () => {
    const columns = new ColumnSet();
    expect([columns.ask(['id']), columns.ask(['id', 'status'])]).toEqual([false, false]);
    expect(columns.take()).toEqual(['id', 'status']);
  });

  test('a load asking for a column no batch fetched yet makes the cached rows stale; one already fetched does not', () => {
    const columns = new ColumnSet();
    columns.ask(['id']);
    expect(columns.take()).toEqual(['id']);
    expect(columns.ask(['id'])).toBe(false);
    expect(columns.ask(['id', 'status'])).toBe(true);
    expect(columns.take()).toEqual(['id', 'status']);
    expect(columns.ask(['status'])).toBe(false);
  });
});
