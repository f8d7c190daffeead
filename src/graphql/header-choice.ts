import { createGraphQLError } from 'graphql-yoga';
import { quoteClipped } from '../quote';

/** A request header that picks one of a few named behaviours (`x-strategy`, `x-await`). */
export interface HeaderChoice<T extends string> {
  header: string;
  choices: readonly T[];
  /** What a request gets without the header (or with a blank one). */
  fallback: T;
  /** The error's `extensions.code` for a value naming none of the choices. */
  code: string;
}

/** Reads `value` (case-insensitive) as one of the choices; any other value is the client's error, HTTP 400. */
export function choiceFromHeader<T extends string>({ header, choices, fallback, code }: HeaderChoice<T>, value: string | null): T {
  if (value === null || value.trim() === '') return fallback;
  const name = value.trim().toLowerCase();
  const choice = choices.find((candidate) => candidate === name);
  if (choice !== undefined) return choice;
  throw createGraphQLError(`Unknown ${header} ${quoteClipped(value)}: expected one of ${choices.join(', ')}`, {
    extensions: { code, http: { status: 400 } },
  });
}
