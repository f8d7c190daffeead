import fs from 'node:fs';
import { STRATEGIES_DOC, strategiesDocument } from '../../lab/docs/strategies-doc';

test('docs/strategies.md matches what the API runs (regenerate with `npm run docs`)', async () => {
  expect(fs.readFileSync(STRATEGIES_DOC, 'utf8')).toBe(await strategiesDocument());
});
