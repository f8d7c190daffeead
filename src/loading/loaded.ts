import { type Collection, wrap } from '@mikro-orm/core';

/**
 * What nested resolvers read when the root query loaded the whole tree (joined, select-in, balanced): finding
 * something unloaded is a bug in the planning, reported as such rather than quietly querying.
 */
export function loadedValue<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw notLoaded(field);
  return value;
}

export function loadedItems<T extends object>(collection: Collection<T>, field: string): T[] {
  if (!collection.isInitialized()) throw notLoaded(field);
  return collection.getItems();
}

export function loadedEntity<T extends object>(entity: T, field: string): T {
  if (!wrap(entity).isInitialized()) throw notLoaded(field);
  return entity;
}

function notLoaded(field: string): Error {
  return new Error(`${field} was not loaded by the root query: its populate paths missed it`);
}
