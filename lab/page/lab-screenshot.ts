import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess } from '../kit/server-process';
import { compareStrategies, launchChromium, openPage, runStrategies, saveScreenshot } from './drive';

export const LAB_SCREENSHOT = 'docs/images/lab-waterfall.png';
export const LAB_COMPARE_SCREENSHOT = 'docs/images/lab-compare.png';

/**
 * The page at /lab after running the README's query under naive, batched and joined, taken by Chromium from a
 * fresh server on a fresh SQLite database (never by hand), saved as a PNG at `out`; with `compareOut`, then naive
 * compared with batched in the page's compare view, saved there.
 */
export async function takeLabScreenshot(out: string, compareOut?: string): Promise<void> {
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
    await saveScreenshot(page, out);
    if (compareOut) {
      await compareStrategies(page, 'naive', 'batched');
      await saveScreenshot(page, compareOut);
    }
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
