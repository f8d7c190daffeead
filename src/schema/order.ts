import { OrderStatus } from '../db/entities';
import type { OrderRow } from '../strategies';
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
    description: 'Orders ordered by id.',
    args: pageArgs,
    complexity: pageCost,
    resolve: (_root, args, { strategy }, info) => strategy.orders(toPage(args), info),
  }),
);
