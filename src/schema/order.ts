import { OrderStatus } from '../db/entities';
import type { OrderRow, Page } from '../strategies';
import { pageArgs, pageCost, toPage } from './arguments';
import { builder } from './builder';
import { OrderItemRef } from './order-item';
import { UserRef } from './user';

export const OrderStatusEnum = builder.enumType(OrderStatus, { name: 'OrderStatus' });

export const OrderRef = builder.objectRef<OrderRow>('Order');

OrderRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: OrderStatusEnum }),
    totalCents: t.exposeInt('totalCents'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    user: t.field({
      type: UserRef,
      description: 'The user who placed the order.',
      resolve: (order, _args, { strategy }, info) => strategy.userOfOrder(order, info),
    }),
    items: t.field({
      type: [OrderItemRef],
      description: "The order's items, ordered by id.",
      resolve: (order, _args, { strategy }, info) => strategy.itemsOfOrder(order, info),
    }),
  }),
});

builder.queryField('orders', (t) =>
  t.field({
    type: [OrderRef],
    description:
      'Orders ordered by id; `status` and `placedAfter` narrow them. No index serves that filter until you add one ' +
      '(`npm run lab -- index add orders_status`): the missing-index lesson, seen with `x-explain`.',
    args: {
      ...pageArgs,
      status: t.arg({ type: OrderStatusEnum, description: 'Only orders in this status.' }),
      placedAfter: t.arg({ type: 'DateTime', description: 'Only orders placed after this instant.' }),
    },
    complexity: pageCost,
    resolve: (_root, { status, placedAfter, ...args }, { strategy }, info) =>
      strategy.orders({ ...toPage(args), where: ordersWhere(status, placedAfter) }, info),
  }),
);

/** The orders filter as MikroORM's: undefined when nothing narrows them, so the SQL is the unfiltered list's. */
function ordersWhere(status: OrderStatus | null | undefined, placedAfter: Date | null | undefined): Page['where'] {
  const where = { ...(status && { status }), ...(placedAfter && { createdAt: { $gt: placedAfter } }) };
  return Object.keys(where).length ? where : undefined;
}
