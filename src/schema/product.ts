import type { ProductRow } from '../strategies';
import { pageArgs, pageCost, toPage } from './arguments';
import { builder } from './builder';

export const ProductRef = builder.objectRef<ProductRow>('Product');

ProductRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    priceCents: t.exposeInt('priceCents'),
  }),
});

builder.queryField('products', (t) =>
  t.field({
    type: [ProductRef],
    description: 'Products ordered by id.',
    args: pageArgs,
    complexity: pageCost,
    resolve: (_root, args, { strategy }, info) => strategy.products(toPage(args), info),
  }),
);
