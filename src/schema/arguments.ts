import { createGraphQLError } from 'graphql-yoga';
import type { Page } from '../strategies';
import { builder } from './builder';

export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 20;
/** Ids are 32-bit integer columns on both databases. */
const MAX_ID = 2_147_483_647;

export const pageArgs = builder.args((t) => ({
  first: t.int({ defaultValue: DEFAULT_PAGE_SIZE, description: `How many rows, 1 to ${MAX_PAGE_SIZE}.` }),
  offset: t.int({ defaultValue: 0, description: 'How many rows to skip, 0 or more.' }),
}));

/** A root list's cost (MAX_COST): its selection counts once per row it may return, `first` (clamped to the bounds). */
export function pageCost(args: { first?: number | null }) {
  return { field: 1, multiplier: Math.min(Math.max(args.first ?? 0, 0), MAX_PAGE_SIZE) };
}

/** Checks a root list's arguments; a bad value fails the whole field with an error naming it. */
export function toPage(args: { first?: number | null; offset?: number | null }): Page {
  const first = args.first ?? null;
  const offset = args.offset ?? null;
  if (first === null || first < 1 || first > MAX_PAGE_SIZE) {
    throw badArgument('first', first, `must be from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (offset === null || offset < 0) {
    throw badArgument('offset', offset, 'must be 0 or more');
  }
  return { first, offset };
}

export function toId(value: string | number, argument = 'id'): number {
  const text = String(value);
  if (!/^[1-9]\d*$/.test(text) || Number(text) > MAX_ID) {
    throw badArgument(argument, text, `must be a positive integer id (1 to ${MAX_ID})`);
  }
  return Number(text);
}

/** A bad argument: BAD_USER_INPUT naming the argument, its rule and the value it got. */
export function badArgument(argument: string, value: unknown, rule: string) {
  return createGraphQLError(`Argument "${argument}" ${rule}; got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT', argument, value },
  });
}

/** A row a mutation just wrote, read back for its payload: missing means something else deleted it meanwhile. */
export function readBack<T>(row: T | null, type: string, id: number): T {
  if (row === null) throw new Error(`${type} ${id} was written by this request but cannot be read back`);
  return row;
}
