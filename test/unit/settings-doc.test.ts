import fs from 'node:fs';
import { SETTINGS_DOC, settingRows, settingsDocument } from '../../lab/docs/settings-doc';
import { envExampleSettings, settingsRead } from '../support/settings-read';

test('docs/reference/settings.md is what the code loads (regenerate with `npm run docs`)', () => {
  expect(fs.readFileSync(SETTINGS_DOC, 'utf8')).toBe(settingsDocument());
});

test('the catalogue (lab/docs/settings-doc.ts) documents every setting src/config.ts reads, and nothing else', () => {
  expect(settingsRead()).toContain('PORT');
  expect(
    settingRows()
      .map((row) => row.name)
      .sort(),
  ).toEqual(settingsRead());
});

test(".env.example gives each setting the catalogue's default (none: unset)", () => {
  const defaults = new Map(settingRows().map((row) => [row.name, row.default ?? '']));
  const listed = envExampleSettings();
  expect(listed.length).toBeGreaterThan(0);
  expect(Object.fromEntries(listed.map(({ name, value }) => [name, value]))).toEqual(
    Object.fromEntries(listed.map(({ name }) => [name, defaults.get(name)])),
  );
});
