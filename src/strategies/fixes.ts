import type { SchemaFacts } from '../loading/schema-facts';
import type { RepeatFixes } from '../stats/repeats';
import { NESTED_FIELDS, STRATEGY_HEADER } from './strategy';

const BATCHED_FIELDS = new Set<string>(Object.values(NESTED_FIELDS));
const cache = new WeakMap<SchemaFacts, RepeatFixes>();

/** How the N+1 detector words each fix: the one place that names a strategy or a DataLoader as the cure. */
export function fixesFor(facts: SchemaFacts): RepeatFixes {
  let fixes = cache.get(facts);
  if (!fixes) cache.set(facts, (fixes = wordFixes(facts)));
  return fixes;
}

function wordFixes(facts: SchemaFacts): RepeatFixes {
  const loaderOf = (coordinate: string) => {
    const [type, field] = coordinate.split('.') as [string, string];
    return facts.get(type)?.relations.get(field)?.loader;
  };
  return {
    nPlusOne(field, coordinate) {
      const loader = coordinate && BATCHED_FIELDS.has(coordinate) ? loaderOf(coordinate) : undefined;
      if (!loader) return `load ${field} through a per-request DataLoader`;
      return `send ${STRATEGY_HEADER}: batched (DataLoader ${loader}: one IN (…) query for all parents) or ${STRATEGY_HEADER}: joined (one statement for the whole tree)`;
    },
    duplicate: () => `a per-request DataLoader (${STRATEGY_HEADER}: batched) loads each key once`,
  };
}
