import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseEnv, productionStart, readDockerfile } from '../../lab/kit/dockerfile';

const ROOT = path.join(__dirname, '..', '..');

describe("the production start: the Dockerfile's runtime command line, read once for the image test, bench and load", () => {
  test('ENV: NAME=value or NAME="value with spaces", one variable per instruction; anything else is refused, naming it', () => {
    expect(parseEnv('NODE_ENV=production')).toEqual(['NODE_ENV', 'production']);
    expect(parseEnv('NODE_OPTIONS="--a=1 --b=2"')).toEqual(['NODE_OPTIONS', '--a=1 --b=2']);
    expect(parseEnv('EMPTY=')).toEqual(['EMPTY', '']);
    expect(() => parseEnv('A=1 B=2')).toThrow('ENV is read as NAME=value or NAME="value", one per instruction; the Dockerfile says ENV A=1 B=2');
    expect(() => parseEnv('NODE_ENV production')).toThrow(/the Dockerfile says ENV NODE_ENV production$/);
  });

  test("the runtime stage's CMD and ENV: node itself, compiled JavaScript, production, a capped heap", () => {
    const { command, env } = productionStart();
    expect(command).toEqual([
      'node',
      '--expose-gc',
      '--heap-growing-percent=100',
      '--require',
      './dist/src/telemetry/register.js',
      'dist/src/main.js',
    ]);
    expect(env).toEqual({ NODE_ENV: 'production', NODE_OPTIONS: '--max-old-space-size=256 --max-semi-space-size=16' });
    expect(readDockerfile().map((stage) => stage[0]!.args)).toEqual(['node:24-bookworm-slim AS build', 'node:24-bookworm-slim AS runtime']);
  });

  test('`npm run start:dist` starts what the image starts: the same command line, NODE_ENV and default NODE_OPTIONS', () => {
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[
      'start:dist'
    ]!;
    const { command, env } = productionStart();
    expect(script).toBe(`npm run build && NODE_ENV=${env.NODE_ENV} NODE_OPTIONS="\${NODE_OPTIONS:-${env.NODE_OPTIONS}}" ${command.join(' ')}`);
  });

  test('a Dockerfile that does not start with FROM, or whose last stage has no CMD, is refused, saying why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-dockerfile-'));
    try {
      fs.writeFileSync(path.join(dir, 'A'), '# comment\nENV A=1\nFROM x\n');
      expect(() => readDockerfile(path.join(dir, 'A'))).toThrow('a Dockerfile starts with FROM; this one starts with ENV');
      fs.writeFileSync(path.join(dir, 'B'), 'FROM x AS build\nCMD ["node"]\nFROM y\nENV A=1\n');
      expect(() => productionStart(path.join(dir, 'B'))).toThrow("the Dockerfile's last stage has no CMD: the image would not start the API");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
