import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type RunningServer, startServer } from '../support/server-process';

/**
 * The newcomer's path: open GraphiQL, run the example, flip x-strategy in the Headers tab, run again.
 * Chromium comes from Debian (`apt-get install chromium`); .ci/run installs it, and CI fails without it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}`);
  console.warn(`[graphql-n1-lab] GraphiQL browser test SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
}

(available ? describe : describe.skip)('GraphiQL in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-browser-'));
    server = await startServer({ DATABASE_URL: `sqlite:${path.join(dir, 'lab.sqlite')}` });
    browser = await chromium.launch({
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
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Clicks Run and returns the x-strategy GraphiQL sent and the SQL count it got back. */
  async function run(): Promise<{ strategy: string | undefined; sqlCount: number }> {
    // GraphiQL also POSTs its introspection query when the page loads; on a busy machine that answer can still be
    // on its way when Run is clicked, so wait for the answer to the operation itself.
    const responded = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && response.request().method() === 'POST' && !response.request().postData()?.includes('__schema'),
    );
    await page.getByRole('button', { name: /Execute query/i }).click();
    const response = await responded;
    const body = await response.json();
    return { strategy: response.request().headers()['x-strategy'], sqlCount: body.extensions.queryStats.sqlCount };
  }

  async function setHeaders(json: string): Promise<void> {
    const editor = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(json);
  }

  test('opens with the example and the header; flipping it drops the SQL count from 51 to 4 to 1', async () => {
    await page.goto(server.url);
    await page.getByText('UsersOrdersItemsProducts').first().waitFor();

    expect(await run()).toEqual({ strategy: 'naive', sqlCount: 51 });
    await setHeaders('{ "x-strategy": "batched" }');
    expect(await run()).toEqual({ strategy: 'batched', sqlCount: 4 });
    await setHeaders('{ "x-strategy": "joined" }');
    expect(await run()).toEqual({ strategy: 'joined', sqlCount: 1 });

    // The count is on screen at the top of the result pane, without scrolling.
    await page.locator('.graphiql-response').getByText('"sqlCount"').first().waitFor();
    await page.screenshot({ path: path.join(os.tmpdir(), 'graphql-n1-lab-graphiql.png') });
  }, 60_000);
});
