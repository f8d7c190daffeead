/** The settings the code reads and the ones .env.example lists, found in their text: the tests compare them. */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The variables src/config.ts reads: `env, 'NAME'` for a parsed setting, `env.NAME` for a raw one. */
export function settingsRead(): string[] {
  const source = read('src/config.ts');
  return [...new Set([...source.matchAll(/env, '([A-Z_]+)'|env\.([A-Z_]+)/g)].map((match) => (match[1] ?? match[2])!))].sort();
}

/**
 * Each `# NAME=value` line of .env.example (commented out or not), in the file's order, duplicates kept: the
 * value is what follows `=` up to the first space (`''` for none, an unset setting).
 */
export function envExampleSettings(): { name: string; value: string }[] {
  return [...read('.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]+)=(\S*)/gm)].map((match) => ({ name: match[1]!, value: match[2]! }));
}
