import type { EntityManager } from '@mikro-orm/sql';
import { choiceFromHeader } from '../graphql/header-choice';
import { createBalancedStrategy } from './balanced';
import { createBatchedStrategy } from './batched';
import { createJoinedStrategy } from './joined';
import { createNaiveStrategy } from './naive';
import { createOrmDataloaderStrategy } from './orm-dataloader';
import { createSelectInStrategy } from './select-in';
import { STRATEGY_HEADER, type Strategy, type StrategyOptions } from './strategy';

export type { Page } from '../loading/page';
export { fixesFor } from './fixes';
export { type OrderItemRow, type OrderRow, type ProductRow, STRATEGY_HEADER, type Strategy, type StrategyOptions, type UserRow } from './strategy';

/** The ways to load nested fields, side by side; `naive` is what a request gets without the header. */
const strategies = {
  naive: createNaiveStrategy,
  batched: createBatchedStrategy,
  joined: createJoinedStrategy,
  'select-in': createSelectInStrategy,
  balanced: createBalancedStrategy,
  'orm-dataloader': createOrmDataloaderStrategy,
} satisfies Record<string, (em: EntityManager, options: StrategyOptions) => Strategy>;

export type StrategyName = keyof typeof strategies;
export const STRATEGY_NAMES = Object.keys(strategies) as StrategyName[];
export const DEFAULT_STRATEGY: StrategyName = 'naive';

export function createStrategy(name: StrategyName, em: EntityManager, options: StrategyOptions): Strategy {
  return strategies[name](em, options);
}

/** Reads the `x-strategy` header (case-insensitive); an unknown value is the client's error, HTTP 400. */
export function strategyFromHeader(value: string | null): StrategyName {
  return choiceFromHeader({ header: STRATEGY_HEADER, choices: STRATEGY_NAMES, fallback: DEFAULT_STRATEGY, code: 'BAD_STRATEGY' }, value);
}

export function isStrategyName(name: string): name is StrategyName {
  return Object.hasOwn(strategies, name);
}
