/** npm run schema:print: test/unit/schema.test.ts fails when the checked-in schema.graphql drifts. */
import fs from 'node:fs';
import { runCommand } from '../src/cli';
import { printedSchema, SCHEMA_FILE } from '../src/schema/print';

runCommand({ name: 'schema:print', summary: 'Writes schema.graphql from the Pothos schema.', flags: {} }, async () => {
  fs.writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
});
