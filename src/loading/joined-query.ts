import { type EntityMetadata, type EntityProperty, QueryFlag } from '@mikro-orm/core';
import type { EntityManager, QueryBuilder } from '@mikro-orm/sql';
import type { Page } from './page';
import type { SelectionPlan } from './selection';

type Row = Record<string, unknown>;

/** One level of the tree: which row columns fill which properties, and the levels joined below it. */
interface Level {
  /** The row column holding this level's id: `id` for the root, `o1__id` for a join. */
  idColumn: string;
  columns: Array<{ property: string; column: string; convert: (value: unknown) => unknown }>;
  children: Array<{ property: string; toMany: boolean; level: Level }>;
}

/**
 * One SELECT for a whole selection: the root entity's selected columns, a LEFT JOIN for every populate path
 * with that path's selected columns, formulas (`orderCount`) as columns of their path, to-many children ordered
 * by id. MikroORM's QueryBuilder writes the SQL (names, quoting, the dialect); `nest` turns its rows into the
 * tree, `{ id, orders: [{ id, items: [{ product: {…} }] }] }`. MikroORM can merge joined rows itself
 * (`execute('all', true)`), but generically, row by row; this walk knows the shape in advance and does the same
 * for a fraction of the CPU (docs/benchmarks/NOTES.md).
 */
export function joinedQuery(em: EntityManager, root: new () => object, plan: SelectionPlan, page?: Page) {
  const qb = em.createQueryBuilder(root) as QueryBuilder<object>;
  const rootMeta = em.getMetadata().get(root);
  const rootLevel: Level = { idColumn: 'id', columns: [], children: [] };
  const levels = new Map<string, { meta: EntityMetadata; alias: string; level: Level }>([
    ['', { meta: rootMeta, alias: qb.alias, level: rootLevel }],
  ]);
  const orderBy: Array<Record<string, 'asc'>> = [{ [`${qb.alias}.id`]: 'asc' }];

  const select = (path: string, prop: EntityProperty) => {
    const { alias, level } = levels.get(path)!;
    const column = path ? `${alias}__${prop.fieldNames[0]}` : prop.fieldNames[0]!;
    level.columns.push({ property: prop.name, column, convert: converter(prop) });
  };
  const selected = (path: string) => levels.get(path)!.level.columns.map(({ property }) => property);

  for (const path of plan.paths) {
    const [parent, property] = [parentOf(path), propertyOf(path)];
    const prop = levels.get(parent)?.meta.properties[property as never] as EntityProperty | undefined;
    if (!prop) continue;
    if (prop.formula) continue; // selected below, as a column of its parent
    const alias = `${property[0]}${levels.size}`;
    const level: Level = { idColumn: `${alias}__id`, columns: [], children: [] };
    levels.get(parent)!.level.children.push({ property, toMany: prop.kind === '1:m', level });
    levels.set(path, { meta: prop.targetMeta!, alias, level });
    if (prop.kind === '1:m') orderBy.push({ [`${alias}.id`]: 'asc' });
  }
  for (const [path, { meta }] of levels) {
    // The id, the selected scalars, and the formulas among the relations right below (`orderCount`).
    const below = plan.paths.filter((relation) => parentOf(relation) === path).map(propertyOf);
    for (const name of new Set(['id', ...(plan.fields.get(path) ?? []), ...below])) {
      const prop = meta.properties[name as never] as EntityProperty | undefined;
      if (prop && (prop.kind === 'scalar' || prop.formula)) select(path, prop);
    }
  }

  qb.select(selected('') as never);
  for (const [path, { alias }] of levels) {
    if (path) qb.leftJoinAndSelect(`${levels.get(parentOf(path))!.alias}.${propertyOf(path)}` as never, alias, {}, selected(path) as never);
  }
  qb.orderBy(orderBy as never);
  if (page) {
    // The page is the root's own ids, in a subquery: the joins multiply rows, so a LIMIT on them would cut
    // a user's orders short. (MikroORM's own pagination subquery joins every table again to find those ids.)
    const ids = em
      .createQueryBuilder(root, 'page')
      .select('id')
      .where((page.where ?? {}) as never)
      .orderBy({ id: 'asc' } as never)
      .limit(page.first)
      .offset(page.offset);
    qb.where({ id: { $in: ids.getNativeQuery() } } as never).setFlag(QueryFlag.DISABLE_PAGINATE);
  }
  return { qb, nest: <T>(rows: Row[]): T[] => nest<T>(rows, rootLevel) };
}

const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')));
const propertyOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

/** The rows of a joined statement as a tree: each level's objects once, children in row order (ordered by id). */
function nest<T>(rows: Row[], root: Level): T[] {
  const roots = new Map<unknown, Row>();
  // Per parent object and child property, the children already seen, by id.
  const seen = new Map<Row, Map<string, Map<unknown, Row>>>();
  const place = (row: Row, level: Level, into: Map<unknown, Row>): Row | undefined => {
    const id = row[level.idColumn];
    if (id === null || id === undefined) return undefined;
    let object = into.get(id);
    if (!object) {
      object = {};
      for (const { property, column, convert } of level.columns) object[property] = convert(row[column]);
      for (const child of level.children) if (child.toMany) object[child.property] = [];
      into.set(id, object);
    }
    return object;
  };
  const visit = (row: Row, level: Level, object: Row) => {
    for (const child of level.children) {
      const byProperty = seen.get(object) ?? new Map<string, Map<unknown, Row>>();
      seen.set(object, byProperty);
      const known = byProperty.get(child.property) ?? new Map<unknown, Row>();
      byProperty.set(child.property, known);
      const before = known.size;
      const childObject = place(row, child.level, known);
      if (!childObject) continue;
      if (child.toMany && known.size > before) (object[child.property] as Row[]).push(childObject);
      if (!child.toMany) object[child.property] = childObject;
      visit(row, child.level, childObject);
    }
  };
  for (const row of rows) {
    const object = place(row, root, roots);
    if (object) visit(row, root, object);
  }
  return [...roots.values()] as T[];
}

/** What the driver returns for a column, as the entity's property type: Date for datetimes, numbers for counts. */
function converter(prop: EntityProperty): (value: unknown) => unknown {
  if (prop.runtimeType === 'Date') return (value) => (value === null || value instanceof Date ? value : new Date(value as number | string));
  if (prop.runtimeType === 'number') return (value) => (typeof value === 'string' ? Number(value) : value);
  return (value) => value;
}
