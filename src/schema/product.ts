import type { ProductRow } from '../strategies';
import { pageArgs, pageCost, toPage } from './arguments';
import { builder } from './builder';

export const ProductRef = builder.objectRef<ProductRow>('Product');

ProductRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    priceCents: t.exposeInt('priceCents'),
    description: t.exposeString('description', {
      description: 'A few KB of text: what a query drags along when it fetches every column, whether or not it asked.',
    }),
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
