import { isClean, type LoadReport } from '../../lab/load/report';

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
