import { QueryRecorder } from '../../src/stats/query-recorder';

// These tests read times and shapes, not the wording of fixes (repeats.test.ts checks that).
const options = { threshold: 5, fixes: { nPlusOne: () => 'batch it', duplicate: () => 'load it once' } };

describe('QueryRecorder', () => {
  test('dbTimeMs is the union of overlapping statements, not their sum', () => {
    const recorder = new QueryRecorder(options);
    const base = performance.now() + 100;
    recorder.record({ sql: 'select 1', endedAt: base + 10, tookMs: 10 }); // [0, 10]
    recorder.record({ sql: 'select 1', endedAt: base + 15, tookMs: 10 }); // [5, 15] overlaps
    recorder.record({ sql: 'select 2', endedAt: base + 30, tookMs: 5 }); //  [25, 30]
    const stats = recorder.stats('naive');
    expect(stats.sqlCount).toBe(3);
    expect(stats.dbTimeMs).toBe(20);
    // Inlined literals are sanitized, so `select 1` and `select 2` are one statement shape.
    expect(stats.statements).toEqual([{ sql: 'select ?', count: 3 }]);
  });

  test('a statement cannot have started before the request: whole-millisecond times are clamped', () => {
    const recorder = new QueryRecorder(options);
    const created = performance.now();
    recorder.record({ sql: 'select', endedAt: created + 0.25, tookMs: 1 }); // MikroORM rounded 0.25 ms up to 1
    expect(recorder.dbTimeMs).toBeLessThanOrEqual(0.25 + 0.01);
  });
});
