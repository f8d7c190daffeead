import type { OrderItemRow } from '../strategies';
import { builder } from './builder';
import { OrderRef } from './order';
import { ProductRef } from './product';

export const OrderItemRef = builder.objectRef<OrderItemRow>('OrderItem');

OrderItemRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    quantity: t.exposeInt('quantity'),
    unitPriceCents: t.exposeInt('unitPriceCents'),
    order: t.field({
      type: OrderRef,
      resolve: (item, _args, { strategy }, info) => strategy.orderOfItem(item, info),
    }),
    product: t.field({
      type: ProductRef,
      resolve: (item, _args, { strategy }, info) => strategy.productOfItem(item, info),
    }),
  }),
});
