import { choiceFromHeader } from '../graphql/header-choice';

/** The request header that picks how a resolver awaits independent work: `x-await: parallel`. */
export const AWAIT_HEADER = 'x-await';

/** Independent pieces of work, by name: each starts its own SQL when called. */
export type Parts<T> = { [K in keyof T]: () => Promise<T[K]> };

/**
 * How a resolver awaits work whose parts do not depend on each other, side by side.
 *
 * sequential is the bug as it is usually written, one `await` per line:
 *   const userCount = await countUsers();
 *   const revenue = await sumRevenue();   // waits for the count, though it never reads it
 * so the request waits for the sum of the parts. parallel starts them all and awaits them together
 * (Promise.all), so it waits for the slowest part, provided the database can run them at once: PostgreSQL
 * runs each on its own pooled connection; SQLite has one connection, which runs them one after another
 * whatever the code does.
 *
 * graphql-js itself resolves sibling fields concurrently; the series only comes from awaits inside one resolver.
 */
const awaitModes = {
  sequential: async <T>(parts: Parts<T>): Promise<Partial<T>> => {
    const values: Partial<T> = {};
    for (const name of Object.keys(parts) as Array<keyof T>) values[name] = await parts[name]();
    return values;
  },
  parallel: async <T>(parts: Parts<T>): Promise<Partial<T>> => {
    const names = Object.keys(parts) as Array<keyof T>;
    const results = await Promise.all(names.map((name) => parts[name]()));
    return Object.fromEntries(names.map((name, index) => [name, results[index]])) as Partial<T>;
  },
} as const;

export type AwaitMode = keyof typeof awaitModes;
export const AWAIT_MODES = Object.keys(awaitModes) as AwaitMode[];
/** The bug is the default, as naive is for x-strategy: the lab shows the problem first. */
export const DEFAULT_AWAIT_MODE: AwaitMode = 'sequential';

/** Runs `parts` the way `mode` awaits; only the parts given run (a resolver passes the ones selected). */
export function awaitParts<T>(mode: AwaitMode, parts: Parts<T>): Promise<Partial<T>> {
  return awaitModes[mode](parts);
}

export function isAwaitMode(name: string): name is AwaitMode {
  return Object.hasOwn(awaitModes, name);
}

/** Reads the `x-await` header (case-insensitive); an unknown value is the client's error, HTTP 400. */
export function awaitModeFromHeader(value: string | null): AwaitMode {
  return choiceFromHeader({ header: AWAIT_HEADER, choices: AWAIT_MODES, fallback: DEFAULT_AWAIT_MODE, code: 'BAD_AWAIT' }, value);
}
