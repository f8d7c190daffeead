import { type DocumentNode, type FieldNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';

/** Label values that stand for many: an operation without a name, none to be found, and what is over the limit. */
export const ANONYMOUS = '(anonymous)';
export const UNKNOWN = '(unknown)';
export const OTHER = '(other)';

/**
 * At most `limit` distinct values keep a label value of their own, first come first served; every later one is
 * counted as `(other)`. Clients choose operation names, so without a bound each new name would be a new time
 * series in every metric that carries it, for as long as the process lives.
 */
export class BoundedLabels {
  readonly #values = new Set<string>();

  constructor(private readonly limit: number) {}

  /** `value` as a label value, admitting it while there is room. */
  admit(value: string): string {
    if (this.#values.size < this.limit) this.#values.add(value);
    return this.known(value);
  }

  /** `value` if it was admitted earlier, `(other)` if not; admits nothing. */
  known(value: string): string {
    return this.#values.has(value) ? value : OTHER;
  }
}

/**
 * The `operationName` and `operationType` labels of a request. A name is admitted only once an operation by that
 * name executes (it parsed and validated), so documents that never run cannot use up the room for names.
 */
export class OperationLabels {
  readonly #names: BoundedLabels;

  constructor(limit: number) {
    this.#names = new BoundedLabels(limit);
  }

  executed(document: DocumentNode, operationName: string | null | undefined): void {
    const name = getOperationAST(document, operationName)?.name?.value;
    if (name) this.#names.admit(name);
  }

  /** No document, or no operation in it to run: `(unknown)`; an operation without a name: `(anonymous)`. */
  labels(document: DocumentNode | undefined, operationName: string | null | undefined) {
    const operation = document && getOperationAST(document, operationName);
    if (!operation) return { operationName: UNKNOWN, operationType: UNKNOWN };
    const name = operation.name ? this.#names.known(operation.name.value) : ANONYMOUS;
    return { operationName: name, operationType: operation.operation };
  }
}

/**
 * The field path of a response path: `a: users { b: orders }` reports its SQL at `a.b`, which is `users.orders`.
 * Aliases are the client's to choose and field names the schema's, so labels by field name stay bounded by the
 * schema (and by the query's depth). `(unknown)` when the path is not in the operation.
 */
export function fieldNamePath(document: DocumentNode, operationName: string | null | undefined, path: string): string {
  const operation = getOperationAST(document, operationName);
  if (!operation) return UNKNOWN;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition.selectionSet] as const] : [],
    ),
  );
  const fieldsAt = (sets: readonly SelectionSetNode[], key: string, seen: Set<string>): FieldNode[] =>
    sets.flatMap((set) =>
      set.selections.flatMap((selection) => {
        if (selection.kind === Kind.FIELD) return (selection.alias ?? selection.name).value === key ? [selection] : [];
        if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsAt([selection.selectionSet], key, seen);
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(selection.name.value)) return [];
        seen.add(selection.name.value);
        return fieldsAt([fragment], key, seen);
      }),
    );

  let sets: readonly SelectionSetNode[] = [operation.selectionSet];
  const names: string[] = [];
  for (const key of path.split('.')) {
    const fields = fieldsAt(sets, key, new Set());
    if (!fields[0]) return UNKNOWN;
    names.push(fields[0].name.value);
    sets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return names.join('.');
}
