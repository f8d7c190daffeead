import { bytesOfRows } from '../../src/db/row-bytes';

test('bytesOfRows: text in UTF-8 bytes, numbers and dates 8, booleans 1, nulls 0, binary by length, JSON by its text', () => {
  expect(bytesOfRows([])).toBe(0);
  expect(bytesOfRows([{ id: 1, name: 'abc' }])).toBe(8 + 3);
  expect(bytesOfRows([{ name: 'café' }])).toBe(5);
  expect(bytesOfRows([{ at: new Date(0), count: 12n, ok: true, missing: null, gone: undefined }])).toBe(8 + 8 + 1);
  expect(bytesOfRows([{ blob: Buffer.from([1, 2, 3, 4]) }, { doc: { a: 1 } }])).toBe(4 + '{"a":1}'.length);
  expect(bytesOfRows([{ a: 'x' }, { a: 'yy' }, null])).toBe(3);
});
