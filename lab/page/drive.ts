import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Chromium from the system (Debian: `apt-get install chromium`); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A page as wide as a laptop screen: wide enough for the label column and a readable time axis. */
export function openPage(browser: Browser): Promise<Page> {
  return browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
}

/** The README's query, pasted into the page as a reader would: 5 users → 15 orders → 30 items of 22 products. */
export const README_QUERY =
  'query UsersOrdersItemsProducts { users(first: 5) { id username orders { id status items { id quantity product { id name priceCents } } } } }';

/**
 * Opens `/lab` on `origin`, pastes `query` (the README's by default), runs it under `strategies`, one after another
 * as the page does, and resolves once every waterfall is drawn.
 */
export async function runStrategies(
  page: Page,
  origin: string,
  strategies: readonly string[],
  query = README_QUERY,
  awaitModes: readonly string[] = ['sequential'],
  explain: 'off' | 'plan' | 'analyze' = 'off',
  { cache = 'off', write = 'per-item' }: { cache?: 'off' | 'on'; write?: 'per-item' | 'batched' } = {},
): Promise<void> {
  await page.goto(new URL('/lab', origin).href);
  await page.locator('body[data-ready=true]').waitFor();
  await page.getByRole('textbox', { name: 'Operation', exact: true }).fill(query);
  await page.getByRole('textbox', { name: /^Variables/ }).fill('');
  await page.getByRole('combobox', { name: /^Plans/ }).selectOption(explain);
  await page.getByRole('combobox', { name: /^Products cache/ }).selectOption(cache);
  await page.getByRole('combobox', { name: /^Mutations' items/ }).selectOption(write);
  for (const [name, picked] of [
    ['strategy', strategies],
    ['await', awaitModes],
  ] as const) {
    for (const box of await page.locator(`input[name=${name}]`).all()) await box.setChecked(picked.includes((await box.getAttribute('value'))!));
  }
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const last = strategies.at(-1)!;
  await page.locator(`#stage .waterfall[data-strategy="${last}"][data-await="${awaitModes.at(-1)}"]`).waitFor();
  await page
    .locator('#stage .waterfall')
    .nth(strategies.length * awaitModes.length - 1)
    .waitFor();
}

/** Saves what the page shows below the form (the legend and the waterfalls) as a PNG at `file`. */
export async function saveScreenshot(page: Page, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.mouse.move(0, 0);
  const stage = await page.locator('#stage').boundingBox();
  if (!stage) throw new Error('the page shows no waterfalls');
  // A margin around it, less above: the status line just above is not part of the picture.
  const [side, top] = [16, 6];
  const clip = { x: stage.x - side, y: stage.y - top, width: stage.width + 2 * side, height: stage.height + top + side };
  await page.screenshot({ path: file, fullPage: true, clip });
}

/**
 * After runStrategies: picks the waterfall of strategy `a` as A and of `b` as B in the recent requests, clicks
 * Compare and resolves once the comparison is drawn.
 */
export async function compareStrategies(page: Page, a: string, b: string): Promise<void> {
  for (const [side, strategy] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const id = await page.locator(`#stage .waterfall[data-strategy="${strategy}"]`).first().getAttribute('data-request-id');
    await page.locator(`#recent tr[data-request-id="${id}"] input[name=compare-${side}]`).check();
  }
  await page.getByRole('button', { name: 'Compare A with B' }).click();
  await page.locator('#stage .difference').waitFor();
}
