import type { EntityManager } from '@mikro-orm/sql';
import { createGraphQLError } from 'graphql-yoga';
import { LOADER_FOR_FIELD, createBatchedLoader } from './batched';
import { createJoinedLoader } from './joined';
import type { Loader, LoaderOptions } from './loader';
import { createNaiveLoader } from './naive';

export type { Loader, LoaderOptions, Page } from './loader';

/** The three ways to load nested fields, side by side; `naive` is what a request gets without the header. */
const strategies = {
  naive: createNaiveLoader,
  batched: createBatchedLoader,
  joined: createJoinedLoader,
} satisfies Record<string, (em: EntityManager, options: LoaderOptions) => Loader>;

export type StrategyName = keyof typeof strategies;
export const STRATEGY_NAMES = Object.keys(strategies) as StrategyName[];
export const DEFAULT_STRATEGY: StrategyName = 'naive';
export const STRATEGY_HEADER = 'x-strategy';

export function createLoader(strategy: StrategyName, em: EntityManager, options: LoaderOptions): Loader {
  return strategies[strategy](em, options);
}

/** Reads the `x-strategy` header (case-insensitive); an unknown value is the client's error, HTTP 400. */
export function strategyFromHeader(value: string | null): StrategyName {
  if (value === null || value.trim() === '') return DEFAULT_STRATEGY;
  const name = value.trim().toLowerCase();
  if (isStrategyName(name)) return name;
  throw createGraphQLError(`Unknown ${STRATEGY_HEADER} "${value}": expected one of ${STRATEGY_NAMES.join(', ')}`, {
    extensions: { code: 'BAD_STRATEGY', http: { status: 400 } },
  });
}

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(strategies, name);
}

/** The fix for a field that queries once per parent, as the N+1 detector words it. */
export function fixForField(coordinate: string | undefined): string | undefined {
  const loader = coordinate && Object.hasOwn(LOADER_FOR_FIELD, coordinate)
    ? LOADER_FOR_FIELD[coordinate as keyof typeof LOADER_FOR_FIELD]
    : undefined;
  if (!loader) return undefined;
  return `send ${STRATEGY_HEADER}: batched (DataLoader ${loader}: one IN (…) query for all parents) or ${STRATEGY_HEADER}: joined (one statement for the whole tree)`;
}
