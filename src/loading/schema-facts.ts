import type { EntityManager, EntityMetadata, EntityProperty } from '@mikro-orm/core';

/** How a GraphQL field that is not a column loads: a reference, a collection, or a formula loaded like one. */
export type RelationKind = 'to-one' | 'to-many' | 'formula';

export interface Relation {
  /** The entity property that loads it (GraphQL fields are named as their properties). */
  property: string;
  kind: RelationKind;
  /** The DataLoader that batches it (`ordersByUserId`): its name in traces, metrics and the N+1 hints. */
  loader: string;
}

/** One GraphQL object type as MikroORM knows it (GraphQL types are named as their entities). */
export interface TypeFacts {
  meta: EntityMetadata;
  /** Columns GraphQL shows other than the id, in declaration order (`username`, `email`, `createdAt`). */
  scalars: string[];
  /** Properties of the to-one relations: a row carries each as its foreign key (`user` on an order). */
  foreignKeys: string[];
  /** By GraphQL field name. */
  relations: ReadonlyMap<string, Relation>;
}

/** Every entity's facts by GraphQL type name. */
export type SchemaFacts = ReadonlyMap<string, TypeFacts>;

const cache = new WeakMap<object, SchemaFacts>();

/**
 * The facts the loading strategies need about the schema, read off MikroORM's metadata once per ORM: columns,
 * foreign keys and relation kinds are declared once, on the entities, and a new column reaches every strategy.
 */
export function schemaFacts(em: EntityManager): SchemaFacts {
  const metadata = em.getMetadata();
  let facts = cache.get(metadata);
  if (!facts) cache.set(metadata, (facts = new Map([...metadata].map((meta) => [meta.className, typeFacts(meta)]))));
  return facts;
}

export function factsOf(em: EntityManager, type: string): TypeFacts {
  const facts = schemaFacts(em).get(type);
  if (!facts) throw new Error(`No entity is named ${type}: GraphQL object types must be named as their entities`);
  return facts;
}

function typeFacts(meta: EntityMetadata): TypeFacts {
  const properties = Object.values(meta.properties) as EntityProperty[];
  const relations = new Map<string, Relation>();
  for (const prop of properties) {
    const kind = relationKind(prop);
    if (kind) relations.set(prop.name, { property: prop.name, kind, loader: loaderName(meta.className, prop.name, kind) });
  }
  return {
    meta,
    scalars: properties.filter((prop) => prop.kind === 'scalar' && !prop.primary && !prop.formula).map((prop) => prop.name),
    foreignKeys: properties.filter((prop) => relationKind(prop) === 'to-one').map((prop) => prop.name),
    relations,
  };
}

function relationKind(prop: EntityProperty): RelationKind | undefined {
  if (prop.formula) return 'formula';
  if (prop.kind === 'm:1' || (prop.kind === '1:1' && prop.owner)) return 'to-one';
  if (prop.kind === '1:m' || prop.kind === 'm:n') return 'to-many';
  return undefined;
}

/** A to-one relation is looked up by its id (`userById`); the rest are keyed by the parent's (`ordersByUserId`). */
function loaderName(type: string, property: string, kind: RelationKind): string {
  return kind === 'to-one' ? `${property}ById` : `${property}By${type}Id`;
}
