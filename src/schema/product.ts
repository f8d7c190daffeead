import type { ProductRow } from '../strategies';
import { MAX_PRICE_CENTS, updateProductPrice } from '../writing/products';
import { pageArgs, pageCost, readBack, toId, toPage } from './arguments';
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

builder.queryField('product', (t) =>
  t.field({
    type: ProductRef,
    nullable: true,
    description: 'One product by id, or null when there is none.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { strategy }, info) => strategy.product(toId(id), info),
  }),
);

const UpdateProductPricePayload = builder.objectRef<{ id: number; previousPriceCents: number }>('UpdateProductPricePayload').implement({
  fields: (t) => ({
    product: t.field({
      type: ProductRef,
      description: 'The product as it is now, read back after the write.',
      resolve: async ({ id }, _args, { strategy }, info) => readBack(await strategy.product(id, info), 'Product', id),
    }),
    previousPriceCents: t.exposeInt('previousPriceCents', { description: 'The price before this write.' }),
  }),
});

builder.mutationField('updateProductPrice', (t) =>
  t.field({
    type: UpdateProductPricePayload,
    description: "Sets a product's price. Orders already placed keep the price they were sold at.",
    args: {
      id: t.arg.id({ required: true }),
      priceCents: t.arg.int({ required: true, description: `Whole cents, 1 to ${MAX_PRICE_CENTS}.` }),
    },
    resolve: async (_root, args, { em, strategy, cache }) => {
      const id = toId(args.id);
      const { previous, written } = await updateProductPrice(em, id, args.priceCents);
      strategy.forget(written);
      // Whether or not this request reads through the cache, the next one that does must see the new price.
      await cache.delete(id);
      return { id, previousPriceCents: previous };
    },
  }),
);
