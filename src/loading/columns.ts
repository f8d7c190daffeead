import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { SchemaFacts, TypeFacts } from './schema-facts';
import { selectionPlan } from './selection';

/** What one field can select from its type: always `required`, and the others when the selection asks. */
export interface ColumnSpec {
  /** The id, and the key rows are grouped by (`user` for a user's orders). */
  required: readonly string[];
  scalars: readonly string[];
  /** The foreign key of each to-one relation, needed when that relation is selected (`user` for `order { user }`). */
  foreignKeys: readonly string[];
}

// One spec per type and grouping key, for the life of the ORM: columnsFor caches its answers by spec.
const specs = new WeakMap<TypeFacts, Map<string, ColumnSpec>>();

/** A type's columns as its entity declares them; `groupedBy`, the parent key children are grouped by. */
export function columnSpec(facts: TypeFacts, groupedBy = ''): ColumnSpec {
  let byKey = specs.get(facts);
  if (!byKey) specs.set(facts, (byKey = new Map()));
  let spec = byKey.get(groupedBy);
  if (!spec) {
    const required = [...facts.meta.primaryKeys, ...(groupedBy ? [groupedBy] : [])];
    byKey.set(groupedBy, (spec = { required, scalars: facts.scalars, foreignKeys: facts.foreignKeys }));
  }
  return spec;
}

/** Every column of the spec: for a caller outside GraphQL, or a list that loads whole rows. */
export function allColumns(spec: ColumnSpec): string[] {
  return [...new Set([...spec.required, ...spec.scalars, ...spec.foreignKeys])];
}

/** Per selection (graphql-js hands every item of a list the same field nodes) and spec, the columns it needs. */
const cache = new WeakMap<readonly FieldNode[], Map<ColumnSpec, string[]>>();

/** The columns one field's selection needs, worked out once per selection, not per item. */
export function columnsFor(info: GraphQLResolveInfo, spec: ColumnSpec, facts: SchemaFacts): string[] {
  let bySpec = cache.get(info.fieldNodes);
  if (!bySpec) cache.set(info.fieldNodes, (bySpec = new Map()));
  let columns = bySpec.get(spec);
  if (!columns) {
    const plan = selectionPlan(info, facts);
    const selected = plan.fields.get('') ?? new Set<string>();
    const relations = new Set(plan.paths.filter((path) => !path.includes('.')));
    const wanted = [...spec.scalars.filter((name) => selected.has(name)), ...spec.foreignKeys.filter((name) => relations.has(name))];
    columns = [...new Set([...spec.required, ...wanted])];
    bySpec.set(spec, columns);
  }
  return columns;
}

/**
 * The columns a DataLoader's batches select: every column any load so far asked for. A load asking for one its
 * earlier batches did not fetch makes the loader forget what it cached (`true`), so no row is served short.
 */
export class ColumnSet {
  private readonly asked = new Set<string>();
  private readonly fetched = new Set<string>();

  ask(columns: readonly string[]): boolean {
    let stale = false;
    for (const column of columns) {
      this.asked.add(column);
      if (this.fetched.size > 0 && !this.fetched.has(column)) stale = true;
    }
    return stale;
  }

  take(): string[] {
    for (const column of this.asked) this.fetched.add(column);
    return [...this.asked];
  }
}
