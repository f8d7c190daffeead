/**
 * The size of the values a statement returned, as the driver handed them over: text and binary by their bytes
 * (UTF-8), numbers, bigints and dates 8, booleans 1, nulls 0; a JSON value by its text. What the database had to
 * send, without the wire protocol's framing and column headers: enough to compare `select *` with the columns a
 * query needs, or a JOIN repeating its parents' columns on every row.
 */
export function bytesOfRows(rows: readonly unknown[]): number {
  let bytes = 0;
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue;
    for (const key in row) bytes += bytesOfValue((row as Record<string, unknown>)[key]);
  }
  return bytes;
}

function bytesOfValue(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return Buffer.byteLength(value);
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 1;
    case 'object':
      if (value === null) return 0;
      if (value instanceof Date) return 8;
      if (ArrayBuffer.isView(value)) return value.byteLength;
      return Buffer.byteLength(JSON.stringify(value));
    default:
      return 0;
  }
}
