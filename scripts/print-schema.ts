/** Writes schema.graphql from the Pothos schema; test/unit/schema.test.ts fails when the checked-in file drifts. */
import fs from 'node:fs';
import { runCli } from '../src/cli';
import { SCHEMA_FILE, printedSchema } from '../src/schema/print';

runCli('schema:print', async () => {
  fs.writeFileSync(SCHEMA_FILE, printedSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
});
