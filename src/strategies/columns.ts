import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { RELATION_FIELDS, selectionPlan } from './selection';

/** Per selection (graphql-js hands every item of a list the same field nodes), the columns it needs. */
const cache = new WeakMap<readonly FieldNode[], Map<string, string[]>>();

/**
 * The columns one field's selection needs from its type: `required` (the id, the key rows are grouped by), the
 * selected ones among `scalars`, and the foreign key of each selected to-one relation among `foreignKeys`
 * (`user` for `order { user { … } }`). Worked out once per selection, not per item.
 */
export function columnsFor(info: GraphQLResolveInfo, required: readonly string[], scalars: readonly string[], foreignKeys: readonly string[] = []): string[] {
  const key = `${required}|${scalars}|${foreignKeys}`;
  const bySelection = cache.get(info.fieldNodes) ?? new Map<string, string[]>();
  cache.set(info.fieldNodes, bySelection);
  let columns = bySelection.get(key);
  if (!columns) {
    const plan = selectionPlan(info, RELATION_FIELDS);
    const selected = plan.fields.get('') ?? new Set<string>();
    const relations = new Set(plan.paths.filter((path) => !path.includes('.')));
    columns = [...new Set([...required, ...scalars.filter((name) => selected.has(name)), ...foreignKeys.filter((name) => relations.has(name))])];
    bySelection.set(key, columns);
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
