import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isObjectType,
  Kind,
  type NamedTypeNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { JoinedLimits } from '../config';
import { tooManyLists, tooManyRelations } from './plan-limits';
import type { SchemaFacts } from './schema-facts';

/** What one root field's selection asks the ORM for: populate paths, and the scalar fields at each path. */
export interface SelectionPlan {
  /** `orders`, `orders.items`, `orders.items.product`: every relation below the root, sorted. */
  paths: string[];
  /** The scalar fields selected at each path (`''` is the root), e.g. `{ '': ['id', 'username'] }`. */
  fields: Map<string, Set<string>>;
}

/**
 * MikroORM populate paths for everything the client selected below the current field, e.g.
 * `users { orders { items { product { name } } } }` → `orders`, `orders.items`, `orders.items.product`.
 */
export function populatePaths(info: GraphQLResolveInfo, facts: SchemaFacts, limits = UNBOUNDED): string[] {
  return selectionPlan(info, facts, limits).paths;
}

/** No bound: select-in and balanced send a statement per level, so a large plan costs statements, not rows. */
const UNBOUNDED: JoinedLimits = { maxRelations: Number.POSITIVE_INFINITY, maxToMany: Number.POSITIVE_INFINITY };

/**
 * The selection below the current field as populate paths and, per path, the scalar fields asked for.
 *
 * Walks the selection the way graphql-js executes it: fields merged across aliases and repeated selections,
 * named and inline fragments expanded when their type condition applies, `@skip`/`@include` evaluated with the
 * request's variables. Types without an entity add nothing below them.
 *
 * The plan is bounded by `limits`: the walk stops at the first path past them and throws a GraphQLError, so
 * neither the walk nor the statement grows with how the query is written (aliases, fragments, cycles).
 */
export function selectionPlan(info: GraphQLResolveInfo, facts: SchemaFacts, limits = UNBOUNDED): SelectionPlan {
  const paths = new Set<string>();
  const fields = new Map<string, Set<string>>();
  const toMany: string[] = [];

  const add = (path: string, isList: boolean): void => {
    paths.add(path);
    if (paths.size > limits.maxRelations) throw tooManyRelations(info.fieldName, limits.maxRelations);
    if (isList) toMany.push(path);
    if (toMany.length > limits.maxToMany) throw tooManyLists(info.fieldName, limits.maxToMany, toMany);
  };

  const visit = (selectionSets: SelectionSetNode[], type: GraphQLNamedType, path: string): void => {
    if (!isObjectType(type)) return;
    const fieldDefs = type.getFields();
    const scalars = fields.get(path) ?? new Set<string>();
    fields.set(path, scalars);
    for (const [fieldName, nodes] of collectFields(info, selectionSets, type)) {
      const property = facts.get(type.name)?.relations.get(fieldName)?.property;
      const fieldDef = fieldDefs[fieldName];
      if (!fieldDef) continue;
      if (!property) {
        if (!isObjectType(getNamedType(fieldDef.type))) scalars.add(fieldName);
        continue;
      }
      const child = path ? `${path}.${property}` : property;
      add(child, isListType(getNullableType(fieldDef.type)));
      visit(subSelections(nodes), getNamedType(fieldDef.type), child);
    }
  };

  visit(subSelections(info.fieldNodes), getNamedType(info.returnType), '');
  return { paths: [...paths].sort(), fields };
}

/** The fields selected directly below the current field (aliases merged, fragments and directives applied). */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  return new Set(collectFields(info, subSelections(info.fieldNodes), getNamedType(info.returnType)).keys());
}

function collectFields(
  info: GraphQLResolveInfo,
  selectionSets: SelectionSetNode[],
  type: GraphQLNamedType,
  fields = new Map<string, FieldNode[]>(),
  visitedFragments = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selection of selectionSets.flatMap((set) => set.selections)) {
    if (!isIncluded(info, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      fields.set(name, [...(fields.get(name) ?? []), selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (appliesTo(info, selection.typeCondition, type)) {
        collectFields(info, [selection.selectionSet], type, fields, visitedFragments);
      }
    } else {
      const name = selection.name.value;
      const fragment = info.fragments[name];
      if (visitedFragments.has(name) || !fragment) continue;
      visitedFragments.add(name);
      if (appliesTo(info, fragment.typeCondition, type)) {
        collectFields(info, [fragment.selectionSet], type, fields, visitedFragments);
      }
    }
  }
  return fields;
}

function isIncluded(info: GraphQLResolveInfo, node: SelectionNode): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false
  );
}

function appliesTo(info: GraphQLResolveInfo, condition: NamedTypeNode | undefined, type: GraphQLNamedType): boolean {
  if (!condition || condition.name.value === type.name) return true;
  const conditionType = info.schema.getType(condition.name.value);
  return !!conditionType && isAbstractType(conditionType) && isObjectType(type) && info.schema.isSubType(conditionType, type);
}

function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}
