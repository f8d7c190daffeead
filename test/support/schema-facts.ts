import { openDatabase } from '../../src/db/orm';
import { type SchemaFacts, schemaFacts } from '../../src/loading/schema-facts';
import { createLogger } from '../../src/logger';

/** The schema facts as the app derives them, from an ORM on an empty in-memory SQLite database. */
export async function withSchemaFacts(): Promise<{ facts: SchemaFacts; close: () => Promise<void> }> {
  const orm = await openDatabase({ kind: 'sqlite', file: ':memory:' }, createLogger({ level: 'silent', pretty: false }));
  return { facts: schemaFacts(orm.em), close: () => orm.close(true) };
}
