import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { CHROMIUM, compareStrategies, launchChromium, openPage, runStrategies } from '../../lab/page/drive';
import { DASHBOARD_OPERATION, PLACE_ORDER_OPERATION } from '../../src/examples';
import { type RunningServer, startServer } from '../support/server-process';

/**
 * The page at /lab against the real app: the README's query under naive, batched and joined, drawn as waterfalls on
 * one time axis, then naive compared with batched. Chromium as in graphiql.test.ts: skipped without it, except in CI.
 */
const available = fs.existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}`);
  console.warn(`[graphql-n1-lab] /lab browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('the bar is not on screen');
  return found;
}

(available ? describe : describe.skip)('/lab in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const waterfall = (strategy: string) => page.locator(`#stage .waterfall[data-strategy="${strategy}"]`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-lab-page-'));
    // 400 users (1,200 orders): enough for x-explain to call a full scan of orders a finding. The README query
    // reads the first 5 users, whatever the seed's size.
    server = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, 'lab.sqlite')}`, SEED_USERS: '400' });
    browser = await launchChromium();
    page = await openPage(browser);
    // Twice, as npm run docs:screenshot does: naive should be the longest for its 51 statements, not for running first
    // in a fresh process.
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('one waterfall per strategy: 51, 4 and 1 SQL bars; batched batches 5, 15 and 22 keys', async () => {
    expect(await page.locator('#stage .waterfall').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-strategy')))).toEqual([
      'naive',
      'batched',
      'joined',
    ]);
    expect(await waterfall('naive').locator('[data-kind=sql]').count()).toBe(51);
    expect(await waterfall('batched').locator('[data-kind=sql]').count()).toBe(4);
    expect(await waterfall('joined').locator('[data-kind=sql]').count()).toBe(1);
    const keys = await waterfall('batched')
      .locator('[data-kind=batch]')
      .evaluateAll((bars) => bars.map((bar) => Number(bar.getAttribute('data-keys'))));
    expect(keys.sort((a, b) => a - b)).toEqual([5, 15, 22]);
    // Under each: the SQL count and the N+1 findings with their fix.
    expect(await waterfall('naive').locator('[data-stat=SQL] dd').textContent()).toBe('51');
    expect(await waterfall('naive').locator('[data-finding=nPlusOne]').count()).toBe(3);
    expect(await waterfall('batched').locator('[data-finding=nPlusOne]').count()).toBe(0);
  });

  test('one shared time axis: every bar inside its request, naive the widest, the same pixels per millisecond', async () => {
    const requests: Array<{ box: Box; ms: number }> = [];
    for (const strategy of ['naive', 'batched', 'joined']) {
      const request = waterfall(strategy).locator('[data-kind=request]');
      const span = await box(request);
      requests.push({ box: span, ms: Number(await request.getAttribute('data-end')) });
      const bars = await waterfall(strategy).locator('[data-kind]:not([data-kind=request])').all();
      expect(bars.length).toBeGreaterThan(5);
      const outside: string[] = [];
      for (const bar of bars) {
        const { x, width } = await box(bar);
        if (x < span.x - 1 || x + width > span.x + span.width + 1) outside.push(`${strategy}: ${await bar.getAttribute('aria-label')}`);
      }
      expect(outside).toEqual([]);
    }
    const [naive, batched, joined] = requests as [(typeof requests)[0], (typeof requests)[0], (typeof requests)[0]];
    expect(naive.box.width).toBeGreaterThan(batched.box.width);
    expect(naive.box.width).toBeGreaterThan(joined.box.width);
    for (const other of [batched, joined]) {
      expect(Math.abs(other.box.x - naive.box.x)).toBeLessThanOrEqual(1);
      expect(other.box.width).toBeCloseTo((naive.box.width * other.ms) / naive.ms, -0.5);
    }
  });

  test('a run of one statement shape is folded as "× 30"; unfolding draws a row per statement, the same bars', async () => {
    const product = waterfall('naive').locator('.run', { has: page.locator('[data-path="users.orders.items.product"]') });
    const toggle = product.getByRole('button', { name: /Unfold 30 statements/ });
    expect(await toggle.textContent()).toContain('× 30');
    await toggle.click();
    expect(await product.locator('.row.unfolded').count()).toBe(30);
    expect(await waterfall('naive').locator('[data-kind=sql]').count()).toBe(51);
    await product.getByRole('button', { name: /Fold 30 statements/ }).click();
    expect(await product.locator('.row.unfolded').count()).toBe(0);
  });

  test('opened with nothing named: the README query under naive, batched and joined, without a click', async () => {
    const fresh = await openPage(browser);
    await fresh.goto(new URL('/lab', server.url).href);
    await fresh.locator('body[data-ready=true]').waitFor();
    const counts = await fresh
      .locator('#stage .waterfall')
      .evaluateAll((sections) =>
        sections.map((section) => [section.getAttribute('data-strategy'), section.querySelectorAll('[data-kind=sql]').length]),
      );
    expect(counts).toEqual([
      ['naive', 51],
      ['batched', 4],
      ['joined', 1],
    ]);
    await fresh.close();
  });

  test('/lab#request=<id> opens that request', async () => {
    const id = (await waterfall('batched').getAttribute('data-request-id'))!;
    await page.goto(new URL(`/lab#request=${id}`, server.url).href);
    // The same document, a new fragment: the run's three waterfalls stay until the one request is drawn.
    await page.waitForFunction(() => document.querySelectorAll('#stage .waterfall').length === 1);
    expect(await page.locator(`#stage .waterfall[data-request-id="${id}"]`).count()).toBe(1);
    expect(await page.locator('#stage [data-kind=sql]').count()).toBe(4);
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('#stage .waterfall').length === 3);
  });

  test('the dashboard under both x-await modes: two waterfalls of 5 statements, SQLite running both in series', async () => {
    await runStrategies(page, server.url, ['naive'], DASHBOARD_OPERATION.trim(), ['sequential', 'parallel']);
    const sections = page.locator('#stage .waterfall');
    expect(await sections.locator('h3').allTextContents()).toEqual(['naive', 'naive · parallel']);
    for (const mode of ['sequential', 'parallel']) {
      const section = page.locator(`#stage .waterfall[data-await=${mode}]`);
      expect(await section.locator('[data-kind=sql]').count()).toBe(5);
      expect(await section.locator('[data-stat="in series"] dd').textContent()).toBe('5');
    }
    expect(await page.locator('#status').textContent()).toBe('naive: 5 SQL, 5 in series · naive · parallel: 5 SQL, 5 in series');
    // Back to the README's run, which the tests below compare.
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
  });

  test('x-explain: plan draws the full scan of orders as a finding under the waterfall, with its fix', async () => {
    const query = '{ orders(first: 20, status: SHIPPED, placedAfter: "2026-01-17T06:00:00.000Z") { id } }';
    await runStrategies(page, server.url, ['batched'], query, ['sequential'], 'plan');
    const finding = page.locator('#stage .waterfall [data-finding=plans]');
    expect(await finding.textContent()).toBe('SCAN on orders reads all 1,200 rows to return 6: an index on orders(status, created_at)');
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
  });

  test('x-cache: on under batched: the second run finds every product in the cache, and skips their statement', async () => {
    await runStrategies(page, server.url, ['batched'], undefined, ['sequential'], 'off', { cache: 'on' });
    await runStrategies(page, server.url, ['batched'], undefined, ['sequential'], 'off', { cache: 'on' });
    const lookup = waterfall('batched').locator('[data-kind=cache]');
    expect(await lookup.count()).toBe(1);
    expect(await lookup.getAttribute('data-misses')).toBe('0');
    expect(Number(await lookup.getAttribute('data-hits'))).toBeGreaterThan(0);
    expect(await waterfall('batched').locator('[data-kind=sql]').count()).toBe(3);
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
  });

  test('placeOrder under x-write: per-item and batched: 3 item INSERTs, then 1', async () => {
    for (const [write, inserts] of [
      ['per-item', 3],
      ['batched', 1],
    ] as const) {
      await runStrategies(page, server.url, ['batched'], PLACE_ORDER_OPERATION.trim(), ['sequential'], 'off', { write });
      const sql = waterfall('batched').locator('[data-kind=sql]');
      const texts = await sql.evaluateAll((bars) => bars.map((bar) => JSON.parse(bar.getAttribute('data-details')!).SQL as string));
      expect(texts.filter((text) => text.startsWith('insert into `order_items`'))).toHaveLength(inserts);
    }
    await runStrategies(page, server.url, ['naive', 'batched', 'joined']);
  });

  test('compare naive (A) with batched (B): 47 statements only in A, and the difference written out', async () => {
    await compareStrategies(page, 'naive', 'batched');
    expect(await page.locator('#stage [data-kind=sql][data-only-in]').count()).toBe(47);
    expect(await page.locator('#stage [data-kind=sql][data-only-in=a]').count()).toBe(47);
    const onlyByPath = await page.locator('#stage [data-only-in=a]').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-path')));
    const counts = Object.fromEntries(
      ['users.orders', 'users.orders.items', 'users.orders.items.product'].map((p) => [p, onlyByPath.filter((q) => q === p).length]),
    );
    expect(counts).toEqual({ 'users.orders': 4, 'users.orders.items': 14, 'users.orders.items.product': 29 });
    // Each run says how many of it only A ran, beside its bars and within the track (the last run ends near the
    // track's right end: its note, written after it, was cut off there).
    const notes = await page.locator('#stage .run-note').evaluateAll((elements) =>
      elements.map((note) => {
        const box = note.getBoundingClientRect();
        const track = note.parentElement!.getBoundingClientRect();
        return { text: note.textContent, withinTrack: box.left >= track.left && box.right <= track.right };
      }),
    );
    expect(notes).toEqual(['4 only in A', '14 only in A', '29 only in A'].map((text) => ({ text, withinTrack: true })));
    expect(await page.locator('#stage .difference .sentence').textContent()).toMatch(
      /^A ran 47 more statements than B \(51 vs 4\) and took [\d.]+ ms (longer|less) \([\d.]+ vs [\d.]+ ms\)\.$/,
    );
  });
});
