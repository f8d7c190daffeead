/**
 * Writes docs/strategies.md: every example operation run under every strategy against the seeded data, with
 * the statements it ran. Counts and SQL are deterministic, so test/unit/docs.test.ts fails when the
 * checked-in page no longer matches what the API does. Run `npm run docs` after changing a strategy.
 */
import fs from 'node:fs';
import { runCli } from '../../src/cli';
import { strategiesDocument, STRATEGIES_DOC } from '../docs/strategies-doc';

runCli('docs', async () => {
  fs.writeFileSync(STRATEGIES_DOC, await strategiesDocument());
  console.log(`wrote ${STRATEGIES_DOC}`);
});
