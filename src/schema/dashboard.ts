import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../context';
import { awaitParts } from '../loading/await-mode';
import { type Dashboard, dashboardParts, type ProductSales, type StatusCount } from '../loading/dashboard';
import { selectedFieldNames } from '../loading/selection';
import { badArgument } from './arguments';
import { builder } from './builder';
import { OrderStatusEnum } from './order';

const MAX_TOP = 50;

const StatusCountRef = builder.objectRef<StatusCount>('StatusCount').implement({
  fields: (t) => ({
    status: t.expose('status', { type: OrderStatusEnum }),
    orders: t.exposeInt('orders'),
  }),
});

const ProductSalesRef = builder.objectRef<ProductSales>('ProductSales').implement({
  description: 'A product with what its order items add up to.',
  fields: (t) => ({
    productId: t.exposeID('productId'),
    name: t.exposeString('name'),
    unitsSold: t.exposeInt('unitsSold'),
    revenueCents: t.exposeInt('revenueCents'),
  }),
});

const DashboardRef = builder.objectRef<Partial<Dashboard>>('Dashboard').implement({
  description:
    'The store at a glance. Each selected field is one statement and none needs another: `x-await: sequential` (the default) ' +
    'awaits them one after another, `x-await: parallel` all at once.',
  fields: (t) => ({
    userCount: t.int({ resolve: (dashboard) => dashboard.userCount! }),
    orderCount: t.int({ resolve: (dashboard) => dashboard.orderCount! }),
    revenueCents: t.int({ description: 'What every order not cancelled adds up to.', resolve: (dashboard) => dashboard.revenueCents! }),
    ordersByStatus: t.field({ type: [StatusCountRef], resolve: (dashboard) => dashboard.ordersByStatus! }),
    topProducts: t.field({ type: [ProductSalesRef], description: 'Best sellers by units sold.', resolve: (dashboard) => dashboard.topProducts! }),
  }),
});

builder.queryField('dashboard', (t) =>
  t.field({
    type: DashboardRef,
    description: 'The store at a glance: the lesson of awaits in series (see x-await).',
    args: { top: t.arg.int({ defaultValue: 5, description: `How many best sellers topProducts lists, 1 to ${MAX_TOP}.` }) },
    resolve: (_root, { top }, { em, awaitMode, recorder }: RequestContext, info: GraphQLResolveInfo) => {
      if (top === null || top === undefined || top < 1 || top > MAX_TOP) {
        throw badArgument('top', top, `must be from 1 to ${MAX_TOP}`);
      }
      // Only the parts the client selected, one statement each. In this field's async scope throughout: a part
      // started after an await would otherwise no longer know which field asked for it.
      return recorder.attribute(() => awaitParts(awaitMode, dashboardParts(em, selectedFieldNames(info), top)));
    },
  }),
);
