import path from 'node:path';
import { printSchema } from 'graphql';
import { buildSchema } from '.';

export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema.graphql');

export function printedSchema(): string {
  return `${printSchema(buildSchema())}\n`;
}
