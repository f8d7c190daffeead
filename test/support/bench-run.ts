import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResults } from '../../lab/bench/results';
import { runScript } from './server-process';
import { TEST_DB } from './test-app';

/**
 * On the postgres project the bench runs against TEST_DATABASE_URL (a scratch database of its own), which is what
 * checks the PostgreSQL floor's hand-written SQL against the API's data.
 */
export const DATABASE_ARGS = TEST_DB === 'postgres' ? ['--database-url', process.env.TEST_DATABASE_URL!] : [];

/** `npm run bench -- …args, --out, --json` as a user runs it, in a child process: it succeeds, and prints results.json. */
export async function runBenchScript(args: string[], out: string, timeoutMs: number): Promise<BenchResults> {
  const { code, stdout, stderr } = await runScript('lab/commands/bench.ts', [...args, '--out', out, '--json'], {}, timeoutMs);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as BenchResults;
}

/** A temporary folder for the enclosing describe block's reports, removed after it. */
export function useTemporaryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-bench-test-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
