import { parseRuntime, runtimeBetween } from '../../lab/load/server';

// A server's /metrics as prom-client writes its default process and GC metrics (trimmed to what is read).
const exposition = (cpu: number, minor: [number, number], major: [number, number]) =>
  [
    '# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.',
    '# TYPE process_cpu_seconds_total counter',
    `process_cpu_seconds_total ${cpu}`,
    'process_cpu_user_seconds_total 1',
    'nodejs_gc_duration_seconds_bucket{le="0.001",kind="minor"} 3',
    `nodejs_gc_duration_seconds_sum{kind="minor"} ${minor[0]}`,
    `nodejs_gc_duration_seconds_count{kind="minor"} ${minor[1]}`,
    `nodejs_gc_duration_seconds_sum{kind="major"} ${major[0]}`,
    `nodejs_gc_duration_seconds_count{kind="major"} ${major[1]}`,
    '',
  ].join('\n');

describe("the load's reading of the server's runtime", () => {
  test('CPU seconds and GC seconds and counts by kind, out of the Prometheus text format', () => {
    expect(parseRuntime(exposition(12.5, [0.25, 40], [0.125, 2]))).toEqual({
      cpuSeconds: 12.5,
      gc: { minor: { seconds: 0.25, count: 40 }, major: { seconds: 0.125, count: 2 } },
    });
  });

  test('what was spent between two readings; a kind first seen in the second counts from zero', () => {
    const before = parseRuntime(exposition(10, [0.5, 100], [0, 0]).replace(/.*kind="major".*\n/g, ''));
    const after = parseRuntime(exposition(25, [1.5, 300], [0.75, 6]));
    expect(runtimeBetween(before, after)).toEqual({ cpuSeconds: 15, gc: { minor: { seconds: 1, count: 200 }, major: { seconds: 0.75, count: 6 } } });
  });

  test('metrics without the process family (METRICS off, or another exporter) are refused by name', () => {
    expect(() => parseRuntime('up 1\n')).toThrow("the server's /metrics has no process_cpu_seconds_total: is METRICS off?");
  });
});
