import fs from 'node:fs';
import path from 'node:path';
import type { MissingIndexReport } from '../../lab/bench/missing-index';
import { DATABASE_ARGS, useTemporaryFolder } from '../support/bench-run';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run bench:index` as a user runs it: the same filter without and with its index, on the same data. */
describe(`npm run bench:index [${TEST_DB}]`, () => {
  const dir = useTemporaryFolder();

  test('without the index a scan of all 3,000 orders and its finding; with it, the index and no finding; the same answer', async () => {
    const { code, stderr } = await runScript(
      'lab/commands/bench-index.ts',
      [...DATABASE_ARGS, '--orders', '3000', '--requests', '1', '--out', dir],
      {},
      120_000,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as MissingIndexReport;
    expect(report.database).toMatchObject({ seededUsers: 1000, orders: 3000 });
    const scan = TEST_DB === 'postgres' ? 'Seq Scan on orders read 3,000 rows to return 25' : 'SCAN on orders reads all 3,000 rows to return 25';
    for (const strategy of ['naive', 'batched', 'joined']) {
      const [without, withIndex] = [false, true].map(
        (index) => report.results.find((result) => result.strategy === strategy && result.index === index)!,
      );
      expect(without).toMatchObject({ sqlCount: 1, rowsFetched: 25, findings: [`${scan}: an index on orders(status, created_at)`] });
      expect(withIndex).toMatchObject({ sqlCount: 1, rowsFetched: 25, findings: [] });
      expect(withIndex!.plan).toContain('orders_status_created_at_index');
    }
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(`- ${scan}: an index on orders(status, created_at)`);
  }, 150_000);
});
