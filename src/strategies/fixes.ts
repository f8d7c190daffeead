import type { RepeatFixes } from '../stats/repeats';
import { DATALOADER_FOR_FIELD } from './batched';
import { STRATEGY_HEADER } from './strategy';

/** How the N+1 detector words each fix: the one place that names a strategy or a DataLoader as the cure. */
export const FIXES: RepeatFixes = {
  nPlusOne(field, coordinate) {
    const loader = coordinate && Object.hasOwn(DATALOADER_FOR_FIELD, coordinate)
      ? DATALOADER_FOR_FIELD[coordinate as keyof typeof DATALOADER_FOR_FIELD]
      : undefined;
    if (!loader) return `load ${field} through a per-request DataLoader`;
    return `send ${STRATEGY_HEADER}: batched (DataLoader ${loader}: one IN (…) query for all parents) or ${STRATEGY_HEADER}: joined (one statement for the whole tree)`;
  },
  duplicate: () => `a per-request DataLoader (${STRATEGY_HEADER}: batched) loads each key once`,
};
