import { QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Order, Product, User } from '../db/entities';
import { ormCall } from '../db/query-listener';
import { forgetEntities } from './forget';
import type { Page } from './page';

/** How MikroORM loads populated relations: one JOINed statement, a statement per level, or joins for to-one only. */
export type LoadStrategy = 'joined' | 'select-in' | 'balanced';

/** Relations to load with the root rows, derived from the GraphQL selection (select-in and balanced only). */
export interface Populate {
  paths: string[];
  strategy: LoadStrategy;
}

const NOTHING: Populate = { paths: [], strategy: 'joined' };

/**
 * The root lists as the entity strategies start them: one statement, ordered by id. `populate` widens it to
 * the selected tree, loaded the way its `strategy` says.
 */
export function findUsers(em: EntityManager, page: Page, populate = NOTHING): Promise<User[]> {
  return ormCall(em, () => em.find(User, {}, pageOptions(page, populate)));
}

export function findOrders(em: EntityManager, page: Page, populate = NOTHING): Promise<Order[]> {
  return ormCall(em, () => em.find(Order, page.where ?? {}, pageOptions(page, populate)));
}

export function findProducts(em: EntityManager, page: Page): Promise<Product[]> {
  return ormCall(em, () => em.find(Product, {}, pageOptions(page, NOTHING)));
}

export function findOrder(em: EntityManager, id: number, populate = NOTHING): Promise<Order | null> {
  return ormCall(em, () => em.findOne(Order, { id }, { populate: populate.paths as never, strategy: populate.strategy }));
}

export function findProduct(em: EntityManager, id: number): Promise<Product | null> {
  return ormCall(em, () => em.findOne(Product, { id }));
}

export function findUser(em: EntityManager, id: number, populate = NOTHING): Promise<User | null> {
  return ormCall(em, () => em.findOne(User, { id }, { populate: populate.paths as never, strategy: populate.strategy }));
}

function pageOptions(page: Page, { paths, strategy }: Populate) {
  // The paths are derived at run time from the GraphQL selection, so they cannot be checked against
  // MikroORM's typed paths; selection.ts builds them only from known relation names.
  return { orderBy: { id: QueryOrder.ASC }, limit: page.first, offset: page.offset, populate: paths as never, strategy };
}

/**
 * The root methods of the strategies that load each root alone, into entities, and leave the levels below to
 * their nested resolvers (naive, orm-dataloader); after a write they drop the identity map (forget.ts).
 */
export function entityRoots(em: EntityManager) {
  return {
    users: (page: Page) => findUsers(em, page),
    user: (id: number) => findUser(em, id),
    orders: (page: Page) => findOrders(em, page),
    products: (page: Page) => findProducts(em, page),
    order: (id: number) => findOrder(em, id),
    product: (id: number) => findProduct(em, id),
    forget: () => forgetEntities(em),
  };
}
