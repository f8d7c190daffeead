/**
 * npm run docs: writes docs/strategies.md. Counts and SQL are deterministic, so test/unit/docs.test.ts fails when
 * the checked-in page no longer matches what the API does.
 */
import fs from 'node:fs';
import { runCommand } from '../../src/cli';
import { STRATEGIES_DOC, strategiesDocument } from '../docs/strategies-doc';

const DOCS_COMMAND = {
  name: 'docs',
  summary:
    'Writes docs/strategies.md: every example operation run under every strategy against the seeded data, with the\n' +
    'statements it ran. Run it after changing a strategy.',
  flags: {},
};

runCommand(DOCS_COMMAND, async () => {
  fs.writeFileSync(STRATEGIES_DOC, await strategiesDocument());
  console.log(`wrote ${STRATEGIES_DOC}`);
});
