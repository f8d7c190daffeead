import { spawn } from 'node:child_process';
import { createMemoryCgroup, type MemoryCgroup } from '../../lab/kit/memory-cgroup';
import { memoryCgroups } from '../support/memory-cgroup';
import { TEST_DB } from '../support/test-app';

const MIB = 1024 * 1024;

/** Runs `node -e script` in `cgroup`: its stdout and how it ended. */
function nodeIn(cgroup: MemoryCgroup, script: string): Promise<{ stdout: string; code: number | null; signal: NodeJS.Signals | null }> {
  const [command, args] = cgroup.wrap(process.execPath, ['-e', script]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ stdout, code, signal })));
}

// The container `npm run load --memory-limit` puts a server in, for real: what node sees, and what the kernel does.
// No database is involved; it runs in both projects like every process test (a second or two).
const { unavailable } = memoryCgroups();
if (unavailable) console.warn(`[graphql-n1-lab] memory cgroup tests SKIPPED: ${unavailable}`);
(unavailable ? describe.skip : describe)(`node in a memory-limited cgroup, as in a container [${TEST_DB}]`, () => {
  test("node sizes its heap from the limit, as it would from a container's: constrainedMemory() is the limit", async () => {
    const cgroup = createMemoryCgroup(512);
    const run = await nodeIn(cgroup, "console.log(process.constrainedMemory(), require('v8').getHeapStatistics().heap_size_limit)");
    cgroup.remove();
    const [constrained, heapLimit] = run.stdout.trim().split(' ').map(Number);
    expect({ constrained, code: run.code }).toEqual({ constrained: 512 * MIB, code: 0 });
    // V8's own sizing within the limit (259 MiB here), not from the machine's memory (4,288 MiB on 24 GiB).
    expect(heapLimit).toBeLessThan(512 * MIB);
  });

  test('past the limit the kernel kills it (SIGKILL) and the cgroup counts one OOM kill; within it, none', async () => {
    const cgroup = createMemoryCgroup(96);
    // 32 MiB touched: fits. Then 160 MiB more, touched page by page: does not.
    const fits = await nodeIn(cgroup, "Buffer.alloc(32 * 1024 * 1024, 1); console.log('done')");
    expect({ ...fits, oomKills: cgroup.oomKills() }).toEqual({ stdout: 'done\n', code: 0, signal: null, oomKills: 0 });
    const tooMuch = await nodeIn(
      cgroup,
      "const kept = []; for (let i = 0; i < 160; i++) kept.push(Buffer.alloc(1024 * 1024, 1)); console.log('done')",
    );
    expect({ ...tooMuch, oomKills: cgroup.oomKills() }).toEqual({ stdout: '', code: null, signal: 'SIGKILL', oomKills: 1 });
    expect(cgroup.peakBytes()).toBeGreaterThan(90 * MIB);
    cgroup.remove();
  });
});
