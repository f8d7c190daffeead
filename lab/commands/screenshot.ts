/**
 * npm run docs:screenshot: docs/images/lab-waterfall.png, the page at /lab after running the README's query under
 * naive, batched and joined, taken by Chromium from a fresh server on a fresh SQLite database (never by hand).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../../src/cli';
import { startServerProcess } from '../kit/server-process';
import { launchChromium, openPage, runStrategies, saveScreenshot } from '../page/drive';

const SCREENSHOT_COMMAND = {
  name: 'docs:screenshot',
  summary:
    'Starts the API on a fresh SQLite database, opens /lab in Chromium ($CHROMIUM_PATH, default /usr/bin/chromium),\n' +
    'runs the README query under naive, batched and joined, and saves the waterfalls as a PNG.',
  flags: {
    out: { value: 'FILE', default: 'docs/images/lab-waterfall.png', meaning: 'where to write the PNG' },
  },
};

runCommand(SCREENSHOT_COMMAND, async (values) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-screenshot-'));
  const server = await startServerProcess('api', { DATABASE_URL: `sqlite:${path.join(dir, 'lab.sqlite')}` });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await openPage(browser);
    // Twice: the first run pays for the fresh process's warm-up (JIT, first statements), which is not the N+1's cost.
    await runStrategies(page, server.origin, ['naive', 'batched', 'joined']);
    await runStrategies(page, server.origin, ['naive', 'batched', 'joined']);
    await saveScreenshot(page, values.out);
    console.log(`wrote ${values.out}`);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
