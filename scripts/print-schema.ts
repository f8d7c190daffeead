/** Writes schema.graphql from the Pothos schema; test/schema.test.ts fails when the checked-in file drifts. */
import fs from 'node:fs';
import { SCHEMA_FILE, printedSchema } from '../src/schema/print';

fs.writeFileSync(SCHEMA_FILE, printedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
