import { choiceFromHeader } from '../graphql/header-choice';

/** The request header that serves products from the cache across requests: `x-cache: on`. */
export const CACHE_HEADER = 'x-cache';
export const CACHE_MODES = ['off', 'on'] as const;
export type CacheMode = (typeof CACHE_MODES)[number];

/** Reads the `x-cache` header (case-insensitive): `off` without it; an unknown value is HTTP 400. */
export function cacheModeFromHeader(value: string | null): CacheMode {
  return choiceFromHeader({ header: CACHE_HEADER, choices: CACHE_MODES, fallback: 'off', code: 'BAD_CACHE' }, value);
}
