import fs from 'node:fs';
import path from 'node:path';
import type { BytesReport } from '../../lab/bench/bytes';
import { DATABASE_ARGS, useTemporaryFolder } from '../support/bench-run';
import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run bench:bytes` as a user runs it: what each strategy fetches, without and with the wide column. */
describe(`npm run bench:bytes [${TEST_DB}]`, () => {
  const dir = useTemporaryFolder();

  test('select * and entities fetch the description either way; batched only when asked; joined repeats it', async () => {
    const { code, stderr } = await runScript(
      'lab/commands/bench-bytes.ts',
      [...DATABASE_ARGS, '--n', '5', '--requests', '1', '--out', dir],
      {},
      120_000,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8')) as BytesReport;
    const bytes = (strategy: string, selection: string) =>
      report.results.find((result) => result.strategy === strategy && result.selection === selection)!.bytesFetched;
    const [names, descriptions] = ['product { name }', 'product { name description }'];
    for (const strategy of ['naive', 'select-in', 'balanced']) expect(bytes(strategy, names)).toBe(bytes(strategy, descriptions));
    expect(bytes('batched', descriptions) - bytes('batched', names)).toBeGreaterThan(22 * 1024); // 22 products, 1-4 KB each
    expect(bytes('batched', names)).toBeLessThan(bytes('naive', names) / 10);
    // joined: the same 22 descriptions, repeated on the 30 item rows.
    expect(bytes('joined', descriptions)).toBeGreaterThan(bytes('batched', descriptions));
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('| batched |');
  }, 150_000);
});
