import { QueryOrder, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Order, OrderItem, OrderStatus, User } from '../db/entities';
import { ormCall } from '../db/query-listener';
import type { Parts } from './await-mode';

export interface StatusCount {
  status: OrderStatus;
  orders: number;
}

export interface ProductSales {
  productId: number;
  name: string;
  unitsSold: number;
  revenueCents: number;
}

/** The store at a glance: each part is one statement, and none needs another's result. */
export interface Dashboard {
  userCount: number;
  orderCount: number;
  revenueCents: number;
  ordersByStatus: StatusCount[];
  topProducts: ProductSales[];
}

export type DashboardPart = keyof Dashboard;
export const DASHBOARD_PARTS: readonly DashboardPart[] = ['userCount', 'orderCount', 'revenueCents', 'ordersByStatus', 'topProducts'];

/** The parts `selected` names, each ready to start its statement; `top` is how many best-selling products. */
export function dashboardParts(em: EntityManager, selected: ReadonlySet<string>, top: number): Parts<Partial<Dashboard>> {
  const all: Parts<Dashboard> = {
    userCount: () => ormCall(em, () => em.count(User)),
    orderCount: () => ormCall(em, () => em.count(Order)),
    revenueCents: async () => {
      const qb = em
        .createQueryBuilder(Order)
        .select(raw('coalesce(sum(total_cents), 0) as revenue_cents'))
        .where({ status: { $ne: OrderStatus.CANCELLED } });
      const [row] = await ormCall(em, (): Promise<Array<{ revenue_cents: number | string }>> => qb.execute('all', false));
      return Number(row?.revenue_cents ?? 0);
    },
    ordersByStatus: async () => {
      const qb = em
        .createQueryBuilder(Order)
        .select(['status', raw('count(*) as orders')])
        .groupBy('status')
        .orderBy({ status: QueryOrder.ASC });
      const rows = await ormCall(em, (): Promise<Array<{ status: OrderStatus; orders: number | string }>> => qb.execute('all', false));
      return rows.map((row) => ({ status: row.status, orders: Number(row.orders) }));
    },
    topProducts: async () => {
      const qb = em
        .createQueryBuilder(OrderItem, 'item')
        .select([
          raw('item.product_id as product_id'),
          raw('p.name as name'),
          raw('sum(item.quantity) as units_sold'),
          raw('sum(item.quantity * item.unit_price_cents) as revenue_cents'),
        ])
        .join('item.product', 'p')
        .groupBy(['item.product', 'p.name'])
        .orderBy([{ [raw('units_sold')]: QueryOrder.DESC }, { product: QueryOrder.ASC }])
        .limit(top);
      type Row = { product_id: number; name: string; units_sold: number | string; revenue_cents: number | string };
      const rows = await ormCall(em, (): Promise<Row[]> => qb.execute('all', false));
      return rows.map((row) => ({
        productId: Number(row.product_id),
        name: row.name,
        unitsSold: Number(row.units_sold),
        revenueCents: Number(row.revenue_cents),
      }));
    },
  };
  return Object.fromEntries(DASHBOARD_PARTS.filter((part) => selected.has(part)).map((part) => [part, all[part]])) as Parts<Partial<Dashboard>>;
}
