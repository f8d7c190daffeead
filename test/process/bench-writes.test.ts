import fs from 'node:fs';
import path from 'node:path';
import type { WriteBenchReport } from '../../lab/bench/writes';
import { DATABASE_ARGS, useTemporaryFolder } from '../support/bench-run';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run bench:writes` as a user runs it: writes beside reads, the write-side N+1 and the cache. */
describe(`npm run bench:writes [${TEST_DB}]`, () => {
  const dir = useTemporaryFolder();

  test('per-item inserts one statement per item, batched one; the cache takes the products statement away', async () => {
    const { code, stderr } = await runScript(
      'lab/commands/bench-writes.ts',
      [...DATABASE_ARGS, '--items', '6', '--n', '5', '--requests', '2', '--seconds', '1', '--out', dir],
      {},
      120_000,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as WriteBenchReport;
    const result = (name: string) => report.results.find((candidate) => candidate.name === name)!;
    // The user, the products, the order, then 6 item INSERTs or 1; and the order read back.
    expect(result('placeOrder, x-write: per-item').sqlCount).toBe(3 + 6 + 1);
    expect(result('placeOrder, x-write: batched').sqlCount).toBe(3 + 1 + 1);
    expect(result('README query, x-cache: off')).toMatchObject({ sqlCount: 4 });
    expect(result('README query, x-cache: on')).toMatchObject({ sqlCount: 3, cache: { hits: 22, misses: 0 } });
    for (const one of report.results) expect([one.errors, one.perSecond > 0]).toEqual([0, true]);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('| placeOrder, x-write: per-item | 10 |');
  }, 150_000);
});
