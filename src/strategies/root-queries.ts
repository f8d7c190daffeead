import type { EntityManager } from '@mikro-orm/sql';
import { QueryOrder } from '@mikro-orm/core';
import { Order, Product, User } from '../db/entities';
import type { Page } from './strategy';

/**
 * The root lists as every strategy starts them: one statement, ordered by id. `populate` (joined only)
 * widens that one statement to the whole selected tree.
 */
export function findUsers(em: EntityManager, page: Page, populate: string[] = []): Promise<User[]> {
  return em.find(User, {}, pageOptions(page, populate));
}

export function findOrders(em: EntityManager, page: Page, populate: string[] = []): Promise<Order[]> {
  return em.find(Order, {}, pageOptions(page, populate));
}

export function findProducts(em: EntityManager, page: Page): Promise<Product[]> {
  return em.find(Product, {}, pageOptions(page, []));
}

export function findUser(em: EntityManager, id: number, populate: string[] = []): Promise<User | null> {
  return em.findOne(User, { id }, { populate: populate as never, strategy: 'joined' });
}

function pageOptions(page: Page, populate: string[]) {
  // `populate` is derived at run time from the GraphQL selection, so it cannot be checked against
  // MikroORM's typed paths; joined.ts builds it only from known relation names.
  return {
    orderBy: { id: QueryOrder.ASC },
    limit: page.first,
    offset: page.offset,
    populate: populate as never,
    strategy: 'joined' as const,
  };
}
