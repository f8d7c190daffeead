import type { EntityMetadata } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/sql';
import type { SelectionPlan } from './selection';

/**
 * One SELECT for a whole selection: the root entity's selected columns, a LEFT JOIN for every populate path
 * with that path's selected columns, formulas (`orderCount`) as columns of their path, to-many children ordered
 * by id. MikroORM builds it (names, quoting, the page in a subquery when a to-many join would multiply rows)
 * and merges the joined rows into nested plain objects: `{ id, orders: [{ id, items: [{ product: {…} }] }] }`.
 */
export function joinedQuery(em: EntityManager, root: new () => object, plan: SelectionPlan): QueryBuilder<object> {
  const qb = em.createQueryBuilder(root);
  const metas = new Map<string, EntityMetadata>([['', em.getMetadata().get(root)]]);
  const aliases = new Map<string, string>([['', qb.alias]]);
  const extraFields = new Map<string, string[]>();
  const joins: Array<{ path: string; parent: string; property: string }> = [];
  const orderBy: Array<Record<string, 'asc'>> = [{ [`${qb.alias}.id`]: 'asc' }];

  for (const path of plan.paths) {
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const property = path.slice(parent ? parent.length + 1 : 0);
    const parentMeta = metas.get(parent);
    const prop = parentMeta?.properties[property as never];
    if (!parentMeta || !prop) continue;
    if (prop.formula) {
      extraFields.set(parent, [...(extraFields.get(parent) ?? []), property]);
      continue;
    }
    metas.set(path, prop.targetMeta!);
    const alias = `${property[0]}${metas.size - 1}`;
    aliases.set(path, alias);
    joins.push({ path, parent, property });
    if (prop.kind === '1:m') orderBy.push({ [`${alias}.id`]: 'asc' });
  }

  const columns = (path: string) => {
    const meta = metas.get(path)!;
    const selected = [...(plan.fields.get(path) ?? [])].filter((name) => {
      const prop = meta.properties[name as never];
      return prop && prop.kind === 'scalar' && !prop.formula && name !== 'id';
    });
    return ['id', ...selected, ...(extraFields.get(path) ?? [])];
  };
  qb.select(columns('') as never);
  for (const { path, parent, property } of joins) {
    qb.leftJoinAndSelect(`${aliases.get(parent)}.${property}` as never, aliases.get(path)!, {}, columns(path) as never);
  }
  return qb.orderBy(orderBy as never);
}
