import fs from 'node:fs';
import path from 'node:path';
import { brokenLinks, markdownFiles } from '../../lab/docs/links';
import { commandPages, parsePage, ROOT, regeneratePage, withoutTimes } from '../../lab/docs/pages';
import { STRATEGIES_DOC, strategiesDocument } from '../../lab/docs/strategies-doc';

const relative = (file: string) => path.relative(ROOT, file);

test('docs/strategies.md matches what the API runs (regenerate with `npm run docs`)', async () => {
  expect(fs.readFileSync(STRATEGIES_DOC, 'utf8')).toBe(await strategiesDocument());
});

test('the README fits in a few screens: at most 250 lines', () => {
  expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length).toBeLessThanOrEqual(250);
});

test('the guide has its lessons, in learning order', () => {
  expect(
    commandPages()
      .map(relative)
      .filter((file) => file.startsWith('docs/guide/')).length,
  ).toBeGreaterThanOrEqual(10);
});

describe.each(commandPages().map(relative))('%s', (file) => {
  const page = parsePage(path.join(ROOT, file));

  test('every shell block is run by the docs, or says why not (<!-- not run: … -->)', () => {
    expect(page.unaccounted.map((line) => `${file}:${line}`)).toEqual([]);
  });

  test("each command's output and each generated part is what it prints now, but for times (regenerate with `npm run docs`)", async () => {
    const checkedIn = page.lines.join('\n');
    expect(withoutTimes(checkedIn)).toBe(withoutTimes(await regeneratePage(page)));
  }, 120_000);
});

test('no relative link in any Markdown file is broken (a file, and a heading for #anchors)', () => {
  expect(brokenLinks(ROOT, markdownFiles(ROOT))).toEqual([]);
});
