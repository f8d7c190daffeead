import { isDeepStrictEqual } from 'node:util';
import { BenchError } from './options';

/** The benchmarked operation: a page of users with their whole order tree, four levels deep. */
export const BENCH_QUERY = /* GraphQL */ `query BenchUsersTree($first: Int!) {
  users(first: $first) { id username email orders { id status totalCents items { quantity product { id name } } } }
}`;

/** The body every target gets, the floor included (it reads only `variables.first`). */
export function requestBody(n: number): string {
  return JSON.stringify({ query: BENCH_QUERY, variables: { first: n } });
}

/**
 * Whether a response body under load is a success, without parsing it (large bodies, and the driver shares the
 * machine with the server). Sound for this operation: no field in it is called `errors`, and
 * inside JSON strings a quote is escaped, so `"errors":` only occurs as GraphQL's own top-level key.
 */
export function isSuccessBody(body: string): boolean {
  return !body.includes('"errors":') && body.includes('"data":{"users":[');
}

/** Throws unless `actual` is `expected`, naming the first place they differ. */
export function assertSameData(expected: unknown, actual: unknown, what: () => string): void {
  if (isDeepStrictEqual(expected, actual)) return;
  throw new BenchError(`${what()}: first difference at ${firstDifference(expected, actual, 'data')}`);
}

function firstDifference(a: unknown, b: unknown, at: string): string {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const [x, y] = [(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]];
      if (!isDeepStrictEqual(x, y)) return firstDifference(x, y, Array.isArray(a) ? `${at}[${key}]` : `${at}.${key}`);
    }
  }
  return `${at} (${JSON.stringify(a)?.slice(0, 60)} ≠ ${JSON.stringify(b)?.slice(0, 60)})`;
}
