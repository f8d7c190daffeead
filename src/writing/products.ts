import type { EntityManager } from '@mikro-orm/sql';
import { Product } from '../db/entities';
import { badArgument } from '../schema/arguments';
import type { WriteResult } from './orders';
import { inWriteTransaction } from './write-transaction';

/** Prices are whole cents, up to 10,000.00: an order's total is still checked against its column when placed. */
export const MAX_PRICE_CENTS = 1_000_000;

/** Sets a product's price. Orders already placed keep theirs: an item records the price it was sold at. */
export function updateProductPrice(em: EntityManager, id: number, priceCents: number): Promise<WriteResult & { previous: number }> {
  if (!Number.isInteger(priceCents) || priceCents < 1 || priceCents > MAX_PRICE_CENTS) {
    throw badArgument('priceCents', priceCents, `must be from 1 to ${MAX_PRICE_CENTS}`);
  }
  return inWriteTransaction(em, async (tx) => {
    const product = await tx.findOne(Product, id, { refresh: true, fields: ['id', 'priceCents'] });
    if (!product) throw badArgument('id', String(id), 'must name an existing product');
    const previous = product.priceCents;
    product.priceCents = priceCents;
    await tx.flush();
    return { id, previous, written: [{ entity: 'Product', id }] };
  });
}
