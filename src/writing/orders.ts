import { LockMode } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { Order, OrderItem, OrderStatus, Product, User } from '../db/entities';
import { badArgument } from '../schema/arguments';
import { saveRows, type WriteMode } from './write-mode';
import { inWriteTransaction } from './write-transaction';
import type { Written } from './written';

export const MAX_ORDER_ITEMS = 50;
export const MAX_QUANTITY = 1000;
/** totalCents is a 32-bit integer column on both databases. */
const MAX_TOTAL_CENTS = 2_147_483_647;

/** Where an order may go from each status; DELIVERED and CANCELLED are final. */
export const STATUS_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  [OrderStatus.PENDING]: [OrderStatus.PAID, OrderStatus.CANCELLED],
  [OrderStatus.PAID]: [OrderStatus.SHIPPED, OrderStatus.CANCELLED],
  [OrderStatus.SHIPPED]: [OrderStatus.DELIVERED],
  [OrderStatus.DELIVERED]: [],
  [OrderStatus.CANCELLED]: [],
};

export interface ItemToOrder {
  productId: number;
  quantity: number;
}

/** What a write did: the row it wrote, and what per-request caches must forget because of it. */
export interface WriteResult {
  id: number;
  written: Written[];
}

/**
 * Places an order: the order and its items in one transaction, each item at its product's current price, the
 * total computed from them. Every argument is checked before anything is written; an unknown user or product
 * fails the transaction, so a refused order leaves no row behind.
 */
export function placeOrder(em: EntityManager, mode: WriteMode, userId: number, items: readonly ItemToOrder[]): Promise<WriteResult> {
  checkItems(items);
  return inWriteTransaction(em, async (tx) => {
    // refresh: the request's identity map may hold a row as an earlier write of this request left it.
    const user = await tx.findOne(User, userId, { refresh: true, fields: ['id'] });
    if (!user) throw badArgument('userId', String(userId), 'must name an existing user');
    const ids = items.map((item) => item.productId);
    const products = new Map((await tx.find(Product, { id: { $in: ids } }, { refresh: true, fields: ['id', 'priceCents'] })).map((p) => [p.id, p]));
    items.forEach(({ productId }, index) => {
      if (!products.has(productId)) throw badArgument(`items[${index}].productId`, String(productId), 'must name an existing product');
    });
    const totalCents = items.reduce((sum, { productId, quantity }) => sum + quantity * products.get(productId)!.priceCents, 0);
    if (totalCents > MAX_TOTAL_CENTS)
      throw badArgument('items', `${items.length} items`, `must total at most ${MAX_TOTAL_CENTS} cents; they total ${totalCents}`);

    const order = tx.create(Order, { user: userId, status: OrderStatus.PENDING, totalCents, createdAt: new Date() });
    await tx.flush();
    await saveRows(mode, tx, items, ({ productId, quantity }) =>
      tx.create(OrderItem, { order, product: productId, quantity, unitPriceCents: products.get(productId)!.priceCents }, { persist: false }),
    );
    return { id: order.id, written: [{ entity: 'User', id: userId }] };
  });
}

/** Moves an order to `status` if STATUS_TRANSITIONS allows it from where it is; the row is locked meanwhile (PostgreSQL). */
export function updateOrderStatus(em: EntityManager, id: number, status: OrderStatus): Promise<WriteResult & { previous: OrderStatus }> {
  return inWriteTransaction(em, async (tx) => {
    // Two concurrent transitions of one order must not both read the old status: the second waits for the first.
    const lockMode = tx.getDriver() instanceof PostgreSqlDriver ? LockMode.PESSIMISTIC_WRITE : undefined;
    const order = await tx.findOne(Order, id, { refresh: true, lockMode });
    if (!order) throw badArgument('id', String(id), 'must name an existing order');
    const previous = order.status;
    const allowed = STATUS_TRANSITIONS[previous];
    if (!allowed.includes(status)) {
      const rule = allowed.length ? `must be one of ${allowed.join(', ')} after ${previous}` : `cannot change: ${previous} is final`;
      throw badArgument('status', status, rule);
    }
    order.status = status;
    await tx.flush();
    return {
      id,
      previous,
      written: [
        { entity: 'Order', id },
        { entity: 'User', id: order.user.id },
      ],
    };
  });
}

function checkItems(items: readonly ItemToOrder[]): void {
  if (items.length === 0) throw badArgument('items', [], 'must list at least one item');
  if (items.length > MAX_ORDER_ITEMS) throw badArgument('items', `${items.length} items`, `must list at most ${MAX_ORDER_ITEMS} items`);
  const seen = new Set<number>();
  items.forEach(({ productId, quantity }, index) => {
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
      throw badArgument(`items[${index}].quantity`, quantity, `must be from 1 to ${MAX_QUANTITY}`);
    }
    if (seen.has(productId)) throw badArgument(`items[${index}].productId`, String(productId), "must not repeat an earlier item's product");
    seen.add(productId);
  });
}
