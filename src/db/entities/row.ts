import type { Collection } from '@mikro-orm/core';

/** An entity's own columns (every property but its relations), as plain rows and entities both have them. */
export type Row<T> = { [K in keyof T as NonNullable<T[K]> extends Collection<object> | { id: number } ? never : K]: T[K] };
