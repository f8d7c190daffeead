import { envExampleSettings, settingsRead } from '../support/settings-read';

test('.env.example lists every setting src/config.ts reads, and nothing else', () => {
  expect(settingsRead()).toContain('LAB_HISTORY');
  expect(
    envExampleSettings()
      .map(({ name }) => name)
      .sort(),
  ).toEqual(settingsRead());
});
