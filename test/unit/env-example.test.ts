import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The variables src/config.ts reads: `env, 'NAME'` for a parsed setting, `env.NAME` for a raw one. */
function settingsRead(): string[] {
  const source = read('src/config.ts');
  return [...new Set([...source.matchAll(/env, '([A-Z_]+)'|env\.([A-Z_]+)/g)].map((match) => (match[1] ?? match[2])!))].sort();
}

/** The variables .env.example lists, commented out or not: `# NAME=` at the start of a line. */
function settingsListed(): string[] {
  return [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!).sort();
}

test('.env.example lists every setting src/config.ts reads, and nothing else', () => {
  expect(settingsRead()).toContain('LAB_HISTORY');
  expect(settingsListed()).toEqual(settingsRead());
});
