import type { MemoryCgroup } from '../../lab/kit/memory-cgroup';
import { isClean, type LoadReport } from '../../lab/load/report';
import { explainOomKill } from '../../lab/load/server';

// The parts of a load report its verdict reads; the rest (latency, samples, machine) is not part of it.
const clean = (): LoadReport =>
  ({
    requests: { total: 120, perSecond: 40, byStrategy: {} },
    errors: { connection: 0, timeouts: 0, non2xx: 0, graphql: 0 },
    memory: {
      leakCheck: { passed: true },
      container: { cgroup: '/sys/fs/cgroup/memory/n1lab-1-0', limitBytes: 512 * 1024 * 1024, peakBytes: 300 * 1024 * 1024, oomKills: 0 },
    },
    exitCode: 0,
  }) as unknown as LoadReport;

describe("npm run load's verdict", () => {
  test('OK: requests served without an error, the leak check passed, a clean exit, nothing OOM-killed in its cgroup', () => {
    expect(isClean(clean())).toBe(true);
  });

  test.each<[string, (report: LoadReport) => void]>([
    ['a 503', (report) => (report.errors.non2xx = 1)],
    ['the leak check failed', (report) => (report.memory.leakCheck!.passed = false)],
    ['the kernel OOM-killed the server in its cgroup', (report) => (report.memory.container!.oomKills = 1)],
    ['no clean exit', (report) => (report.exitCode = null)],
    ['nothing served', (report) => (report.requests.total = 0)],
  ])('FAILED when %s', (_, spoil) => {
    const report = clean();
    spoil(report);
    expect(isClean(report)).toBe(false);
  });

  test('without a memory limit there is no cgroup to ask, and no OOM kill to hold against the run', () => {
    const report = clean();
    delete report.memory.container;
    expect(isClean(report)).toBe(true);
  });
});

describe('a run whose server the kernel killed in its cgroup', () => {
  const cgroup = (oomKills: number) => ({ limitBytes: 64 * 1024 * 1024, oomKills: () => oomKills }) as unknown as MemoryCgroup;
  const refused = new Error('connect ECONNREFUSED 127.0.0.1:40123');

  test('fails saying so, rather than with what its clients saw', () => {
    expect((explainOomKill(cgroup(1), refused) as Error).message).toBe(
      'the kernel killed the server for want of memory (1 OOM kill in its cgroup limited to 64 MiB, --memory-limit): ' +
        'give it more memory, or its heap less (--node-options)',
    );
  });

  test('any other failure, or one without a cgroup, keeps its own error', () => {
    expect(explainOomKill(cgroup(0), refused)).toBe(refused);
    expect(explainOomKill(undefined, refused)).toBe(refused);
  });
});
