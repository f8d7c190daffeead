import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Chromium from the system (Debian: `apt-get install chromium`); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page as wide as a laptop screen: wide enough for the label column and a readable time axis. */
export function openPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
}

/**
 * Opens `/lab` on `origin`, runs its first example (the README's query) under `strategies`, one after another as the
 * page does, and resolves once every waterfall is drawn.
 */
export async function runStrategies(page: Page, origin: string, strategies: readonly string[]): Promise<void> {
  await page.goto(new URL('/lab', origin).href);
  await page.locator('body[data-ready=true]').waitFor();
  for (const box of await page.locator('input[name=strategy]').all()) {
    await box.setChecked(strategies.includes((await box.getAttribute('value'))!));
  }
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const last = strategies.at(-1)!;
  await page.locator(`#stage .waterfall[data-strategy="${last}"]`).waitFor();
  await page.locator('#stage .waterfall').nth(strategies.length - 1).waitFor();
}

/** Saves what the page shows below the form (the legend and the waterfalls) as a PNG at `file`. */
export async function saveScreenshot(page: Page, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.mouse.move(0, 0);
  await page.locator('#stage').screenshot({ path: file });
}

/**
 * After runStrategies: picks the waterfall of strategy `a` as A and of `b` as B in the recent requests, clicks
 * Compare and resolves once the comparison is drawn.
 */
export async function compareStrategies(page: Page, a: string, b: string): Promise<void> {
  for (const [side, strategy] of [['a', a], ['b', b]] as const) {
    const id = await page.locator(`#stage .waterfall[data-strategy="${strategy}"]`).first().getAttribute('data-request-id');
    await page.locator(`#recent tr[data-request-id="${id}"] input[name=compare-${side}]`).check();
  }
  await page.getByRole('button', { name: 'Compare A with B' }).click();
  await page.locator('#stage .difference').waitFor();
}
