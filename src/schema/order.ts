import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context';
import { OrderStatus } from '../db/entities';
import type { OrderRow, Page } from '../strategies';
import { MAX_ORDER_ITEMS, MAX_QUANTITY, placeOrder, updateOrderStatus } from '../writing/orders';
import { pageArgs, pageCost, readBack, toId, toPage } from './arguments';
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

builder.queryField('order', (t) =>
  t.field({
    type: OrderRef,
    nullable: true,
    description: 'One order by id, or null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { strategy }, info) => strategy.order(toId(id), info),
  }),
);

const OrderItemInput = builder.inputType('OrderItemInput', {
  fields: (t) => ({
    productId: t.id({ required: true }),
    quantity: t.int({ required: true, description: `1 to ${MAX_QUANTITY}.` }),
  }),
});

// A mutation's payload reads the order it wrote back through the request's strategy (`x-strategy`).
const READ_BACK = 'The order as it is now, read back after the write.';
const readBackOrder = async ({ id }: { id: number }, _args: object, { strategy }: RequestContext, info: GraphQLResolveInfo) =>
  readBack(await strategy.order(id, info), 'Order', id);

const PlaceOrderPayload = builder.objectRef<{ id: number }>('PlaceOrderPayload').implement({
  fields: (t) => ({ order: t.field({ type: OrderRef, description: READ_BACK, resolve: readBackOrder }) }),
});

const UpdateOrderStatusPayload = builder.objectRef<{ id: number; previousStatus: OrderStatus }>('UpdateOrderStatusPayload').implement({
  fields: (t) => ({
    order: t.field({ type: OrderRef, description: READ_BACK, resolve: readBackOrder }),
    previousStatus: t.expose('previousStatus', { type: OrderStatusEnum, description: 'The status before this write.' }),
  }),
});

builder.mutationFields((t) => ({
  placeOrder: t.field({
    type: PlaceOrderPayload,
    description:
      `Places an order (PENDING) for a user: its items at their products' current prices, 1 to ${MAX_ORDER_ITEMS} ` +
      'of them, each product once. `x-write` picks how the items are inserted: `per-item` (one INSERT each, the ' +
      'write-side N+1) or `batched` (one INSERT for all).',
    args: { userId: t.arg.id({ required: true }), items: t.arg({ type: [OrderItemInput], required: true }) },
    resolve: async (_root, { userId, items }, { em, strategy, writeMode }) => {
      const wanted = items.map((item, index) => ({ productId: toId(item.productId, `items[${index}].productId`), quantity: item.quantity }));
      const { id, written } = await placeOrder(em, writeMode, toId(userId, 'userId'), wanted);
      strategy.forget(written);
      return { id };
    },
  }),
  updateOrderStatus: t.field({
    type: UpdateOrderStatusPayload,
    description: 'Moves an order along PENDING → PAID → SHIPPED → DELIVERED; CANCELLED from PENDING or PAID. Any other move is refused.',
    args: { id: t.arg.id({ required: true }), status: t.arg({ type: OrderStatusEnum, required: true }) },
    resolve: async (_root, args, { em, strategy }) => {
      const id = toId(args.id);
      const { previous, written } = await updateOrderStatus(em, id, args.status);
      strategy.forget(written);
      return { id, previousStatus: previous };
    },
  }),
}));

/** The orders filter as MikroORM's: undefined when nothing narrows them, so the SQL is the unfiltered list's. */
function ordersWhere(status: OrderStatus | null | undefined, placedAfter: Date | null | undefined): Page['where'] {
  const where = { ...(status && { status }), ...(placedAfter && { createdAt: { $gt: placedAfter } }) };
  return Object.keys(where).length ? where : undefined;
}
