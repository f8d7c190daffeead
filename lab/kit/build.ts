import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const ENTRY = path.join(ROOT, 'dist', 'src', 'main.js');
/** What `npm run build` compiles or copies (tsconfig.build.json's include, the lab page, the configs). */
const SOURCES = ['src', 'scripts', 'mikro-orm.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/**
 * `npm run build`, if dist/ is missing or older than any of its sources: what bench, load and the tests call
 * before starting the compiled server, so a run never measures yesterday's JavaScript. Returns whether it built.
 */
export function buildIfStale(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): boolean {
  const built = fs.existsSync(ENTRY) ? fs.statSync(ENTRY).mtimeMs : 0;
  const changed = SOURCES.map((source) => path.join(ROOT, source)).find((source) => newestChange(source) > built);
  if (!changed) return false;
  log(built ? `building dist/: ${path.relative(ROOT, changed)} changed since the last build` : 'building dist/ (npm run build)');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return true;
}

function newestChange(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((name) => newestChange(path.join(file, name))));
}
