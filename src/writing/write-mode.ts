import type { EntityManager } from '@mikro-orm/sql';
import { choiceFromHeader } from '../graphql/header-choice';

/** The request header that picks how a write saves an order's items: `x-write: batched`. */
export const WRITE_HEADER = 'x-write';

/**
 * How a write flushes the rows it creates, side by side: the write-side N+1.
 *
 * per-item is the bug as it is usually written, a save in the loop:
 *   for (const item of items) { em.persist(item); await em.flush(); }   // one INSERT per item
 * batched lets MikroORM's unit of work do its job: persist everything, flush once, and the ORM sends the
 * items as one multi-row INSERT. Both run inside the write's one transaction, so either is all or nothing.
 */
const writeModes = {
  'per-item': async <T>(em: EntityManager, inputs: readonly T[], create: (input: T) => object) => {
    for (const input of inputs) {
      em.persist(create(input));
      await em.flush();
    }
  },
  batched: async <T>(em: EntityManager, inputs: readonly T[], create: (input: T) => object) => {
    em.persist(inputs.map(create));
    await em.flush();
  },
};

export type WriteMode = keyof typeof writeModes;
export const WRITE_MODES = Object.keys(writeModes) as WriteMode[];

/**
 * Creates an entity from each input and inserts them the way `mode` says. Each is created only when its turn
 * comes: an entity created early joins its parent's collection, and the parent's flush would cascade it in.
 */
export function saveRows<T>(mode: WriteMode, em: EntityManager, inputs: readonly T[], create: (input: T) => object): Promise<void> {
  return writeModes[mode](em, inputs, create);
}

/** Reads the `x-write` header (case-insensitive): `per-item` without it; an unknown value is HTTP 400. */
export function writeModeFromHeader(value: string | null): WriteMode {
  return choiceFromHeader({ header: WRITE_HEADER, choices: WRITE_MODES, fallback: 'per-item', code: 'BAD_WRITE' }, value);
}
