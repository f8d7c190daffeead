import { type EntityName, type EntityProperty, QueryOrder } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { ormCall } from '../db/query-listener';
import type { Page } from './page';

/**
 * Rows of `entity` whose `key` (a property: `user`, or `id`) is one of `keys`, ordered by id, with only
 * `fields`. The ORM builds the SQL and maps columns to property names (a foreign key arrives as the id:
 * `user: 7`), but builds no entities: nothing here is ever written back, so identity map, change tracking and
 * reference wrappers would be pure cost (docs/guide/02-what-fixes-cost.md says what they cost).
 *
 * PostgreSQL gets the keys as one array parameter (`user_id = any(?::int[])`) instead of an `IN (…)` list
 * with a placeholder per key; SQLite has no arrays and keeps `in (?, …)`.
 */
export async function rowsWhereIn<T>(
  em: EntityManager,
  entity: EntityName<object>,
  fields: readonly string[],
  key: string,
  keys: readonly number[],
): Promise<T[]> {
  const qb = selectRows(em, entity, fields);
  if (em.getDriver() instanceof PostgreSqlDriver) {
    const column = (em.getMetadata().get(entity).properties as Record<string, EntityProperty>)[key]!.fieldNames[0]!;
    qb.where(`${em.getPlatform().quoteIdentifier(`${qb.alias}.${column}`)} = any(?::int[])`, [`{${keys.join(',')}}`]);
  } else {
    qb.where({ [key]: { $in: [...keys] } } as never);
  }
  return ormCall(em, () => qb.execute('all', true));
}

/** A root page of rows, ordered by id, as plain objects (see rowsWhereIn). */
export function pageOfRows<T>(em: EntityManager, entity: EntityName<object>, fields: readonly string[], page: Page): Promise<T[]> {
  const qb = selectRows(em, entity, fields);
  if (page.where) qb.where(page.where as never);
  return ormCall(em, () => qb.limit(page.first).offset(page.offset).execute('all', true));
}

function selectRows(em: EntityManager, entity: EntityName<object>, fields: readonly string[]) {
  return em
    .createQueryBuilder(entity)
    .select([...fields] as never)
    .orderBy({ id: QueryOrder.ASC } as never);
}
