/**
 * npm run docs: writes every generated page and part. docs/strategies.md and docs/reference/settings.md whole;
 * in README.md and docs/guide/, each command's output and each generated part; then the /lab screenshot, unless
 * --no-screenshot or there is no Chromium. test/unit/docs*.test.ts fail when a checked-in page no longer matches.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCommand } from '../../src/cli';
import { listPaths, readResults, writeReport } from '../bench/report';
import { BENCH_REPORT_DIRS } from '../docs/generated-parts';
import { commandPages, parsePage, ROOT, regeneratePage } from '../docs/pages';
import { SETTINGS_DOC, settingsDocument } from '../docs/settings-doc';
import { STRATEGIES_DOC, strategiesDocument } from '../docs/strategies-doc';
import { CHROMIUM } from '../page/drive';
import { LAB_COMPARE_SCREENSHOT, LAB_SCREENSHOT, takeLabScreenshot } from '../page/lab-screenshot';

const DOCS_COMMAND = {
  name: 'docs',
  summary:
    'Regenerates the documentation from the code: docs/strategies.md (every example under every strategy, with its\n' +
    'SQL), docs/reference/settings.md (from src/config.ts), the bench reports redrawn from their results.json, the outputs of the commands README.md and\n' +
    'docs/guide/ show, their generated tables, and the /lab ' +
    'screenshot (Chromium). Run it after changing a strategy, a setting, a lesson or a bench report.',
  flags: {
    'no-screenshot': { meaning: 'leave docs/images/ as it is' },
  },
};

runCommand(DOCS_COMMAND, async (values) => {
  write(STRATEGIES_DOC, await strategiesDocument());
  write(SETTINGS_DOC, settingsDocument());
  // The bench reports first, redrawn from their results.json (measuring is `npm run bench`'s job): the README's
  // tables are made from them.
  for (const dir of Object.values(BENCH_REPORT_DIRS).map((relative) => path.join(ROOT, relative))) {
    console.log(`redrawn   ${listPaths(await writeReport(readResults(dir), dir))}`);
  }
  for (const file of commandPages()) write(file, await regeneratePage(parsePage(file)));
  if (values['no-screenshot']) return;
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`no Chromium at ${CHROMIUM}: ${LAB_SCREENSHOT} is left as it is (set CHROMIUM_PATH)`);
    return;
  }
  await takeLabScreenshot(LAB_SCREENSHOT, LAB_COMPARE_SCREENSHOT);
  console.log(`wrote     ${LAB_SCREENSHOT}, ${LAB_COMPARE_SCREENSHOT}`);
});

function write(file: string, text: string): void {
  const changed = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
  if (changed) fs.writeFileSync(file, text);
  console.log(`${changed ? 'wrote    ' : 'unchanged'} ${path.relative(ROOT, file)}`);
}
