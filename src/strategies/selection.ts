import {
  type FieldNode,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type NamedTypeNode,
  type SelectionNode,
  type SelectionSetNode,
  GraphQLError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
} from 'graphql';
import type { JoinedLimits } from './strategy';

/** For each GraphQL object type: which of its fields are ORM relations, and the property that loads each. */
export type RelationFields = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * MikroORM populate paths for everything the client selected below the current field, e.g.
 * `users { orders { items { product { name } } } }` → `orders`, `orders.items`, `orders.items.product`.
 *
 * Walks the selection the way graphql-js executes it: fields merged across aliases and repeated selections,
 * named and inline fragments expanded when their type condition applies, `@skip`/`@include` evaluated with the
 * request's variables. Fields that are not relations (scalars, or types missing from `relations`) add nothing.
 *
 * The plan is bounded by `limits`: the walk stops at the first path past them and throws a GraphQLError, so
 * neither the walk nor the statement grows with how the query is written (aliases, fragments, cycles).
 */
export function populatePaths(info: GraphQLResolveInfo, relations: RelationFields, limits: JoinedLimits): string[] {
  const paths = new Set<string>();
  const toMany: string[] = [];

  const add = (path: string, isList: boolean): void => {
    paths.add(path);
    if (paths.size > limits.maxRelations) throw tooManyRelations(info.fieldName, limits.maxRelations);
    if (isList) toMany.push(path);
    if (toMany.length > limits.maxToMany) throw tooManyLists(info.fieldName, limits.maxToMany, toMany);
  };

  const visit = (selectionSets: SelectionSetNode[], type: GraphQLNamedType, prefix: string): void => {
    if (!isObjectType(type)) return;
    const fieldDefs = type.getFields();
    for (const [fieldName, nodes] of collectFields(selectionSets, type)) {
      const property = relations[type.name]?.[fieldName];
      const fieldDef = fieldDefs[fieldName];
      if (!property || !fieldDef) continue;
      const path = prefix + property;
      add(path, isListType(getNullableType(fieldDef.type)));
      visit(subSelections(nodes), getNamedType(fieldDef.type), `${path}.`);
    }
  };

  const collectFields = (
    selectionSets: SelectionSetNode[],
    type: GraphQLNamedType,
    fields = new Map<string, FieldNode[]>(),
    visitedFragments = new Set<string>(),
  ): Map<string, FieldNode[]> => {
    for (const selection of selectionSets.flatMap((set) => set.selections)) {
      if (!isIncluded(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        fields.set(name, [...(fields.get(name) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition, type)) {
          collectFields([selection.selectionSet], type, fields, visitedFragments);
        }
      } else {
        const name = selection.name.value;
        const fragment = info.fragments[name];
        if (visitedFragments.has(name) || !fragment) continue;
        visitedFragments.add(name);
        if (appliesTo(fragment.typeCondition, type)) {
          collectFields([fragment.selectionSet], type, fields, visitedFragments);
        }
      }
    }
    return fields;
  };

  const isIncluded = (node: SelectionNode): boolean =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;

  const appliesTo = (condition: NamedTypeNode | undefined, type: GraphQLNamedType): boolean => {
    if (!condition || condition.name.value === type.name) return true;
    const conditionType = info.schema.getType(condition.name.value);
    return !!conditionType && isAbstractType(conditionType) && isObjectType(type) && info.schema.isSubType(conditionType, type);
  };

  visit(subSelections(info.fieldNodes), getNamedType(info.returnType), '');
  return [...paths].sort();
}

function tooManyRelations(field: string, max: number): GraphQLError {
  return planTooLarge(
    `x-strategy joined loads at most ${max} relations in one statement (JOINED_MAX_RELATIONS); ${field} selects more`,
    { limit: 'JOINED_MAX_RELATIONS', allowed: max },
  );
}

function tooManyLists(field: string, max: number, paths: string[]): GraphQLError {
  return planTooLarge(
    `x-strategy joined joins at most ${max} list relations in one statement (JOINED_MAX_TO_MANY), as each multiplies ` +
      `the rows it returns; ${field} selects ${paths.length}: ${paths.join(', ')}`,
    { limit: 'JOINED_MAX_TO_MANY', allowed: max, found: paths.length },
  );
}

function planTooLarge(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(`${message}. Select fewer relations, or send x-strategy: batched`, {
    extensions: { code: 'JOINED_PLAN_TOO_LARGE', ...extensions },
  });
}

function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
