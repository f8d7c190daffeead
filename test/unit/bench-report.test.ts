import fs from 'node:fs';
import path from 'node:path';
import { historySection } from '../../lab/bench/in-turn-report';
import { readResults, renderMarkdown } from '../../lab/bench/report';

const ROOT = path.join(__dirname, '..', '..');

// The checked-in reports: SQLite (the default run) and PostgreSQL (`--out docs/benchmarks/postgresql`).
test.each(['docs/benchmarks', 'docs/benchmarks/postgresql'])(
  '%s/README.md is drawn from the results.json beside it (redraw with `npm run bench:report`)',
  (folder) => {
    const dir = path.join(ROOT, folder);
    expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(renderMarkdown(readResults(dir)));
  },
);

test('a cell without a load run (one request outlasted it) reads "not run" in the report, with nothing beside it', () => {
  const results = readResults(path.join(ROOT, 'docs', 'benchmarks'));
  const naive = results.cells.find((cell) => cell.target === 'naive' && cell.n === 1000)!;
  naive.throughput = null;
  const row = renderMarkdown(results)
    .split('\n')
    .filter((line) => line.startsWith('| `naive` |'))
    .at(-1)!;
  expect(row).toContain(`| ${naive.sequential.measured} | not run | — | — | — |`);
});

describe("--history-cost's section: recording cost (the lab's history)", () => {
  const round = (withoutHistoryMedianMs: number, withHistoryMedianMs: number, overheadPct: number) => ({
    measured: 200,
    withoutHistoryMedianMs,
    withHistoryMedianMs,
    overheadPct,
  });

  test('a row per strategy cell that has it, the median round and every round in the order measured, beside the tracing cost', () => {
    const results = readResults(path.join(ROOT, 'docs', 'benchmarks', 'postgresql'));
    const rounds = [round(6.1, 6.4, 4.9), round(6, 6.1, 1.7), round(6.2, 6.7, 8.1)];
    const batched = results.cells.find((cell) => cell.target === 'batched' && cell.n === 100)!;
    batched.historyCost = { ...rounds[0]!, rounds };
    const readme = renderMarkdown(results);
    expect(historySection(results)).not.toBe('');
    expect(readme).toContain(historySection(results));
    const at = (heading: string) => readme.indexOf(`\n## ${heading}\n`);
    expect(at('Tracing cost')).toBeGreaterThan(0);
    expect(at("Recording cost (the lab's history)")).toBeGreaterThan(at('Tracing cost'));
    expect(at('Beside the floor, in turn')).toBeGreaterThan(at("Recording cost (the lab's history)"));
    const section = historySection(results);
    expect(section).toContain('`LAB_HISTORY=100`');
    expect(section).toContain('This is done in 3 rounds, each on a new pair of servers');
    expect(section).toContain('| target | N | no history median ms | history median ms | recording costs | every round | measured (each) |');
    expect(section).toContain('| `batched` | 100 | 6.10 | 6.40 | +4.9% | +4.9%, +1.7%, +8.1% | 200 |');
    expect(section.split('\n').filter((line) => line.startsWith('| `'))).toHaveLength(1);
  });

  test('one round: said so; a cell that got cheaper reads as a signed percent', () => {
    const results = readResults(path.join(ROOT, 'docs', 'benchmarks'));
    const only = round(20, 19.5, -2.5);
    results.cells.find((cell) => cell.target === 'joined' && cell.n === 20)!.historyCost = { ...only, rounds: [only] };
    expect(historySection(results)).toContain('This is done in one round, on one pair of servers.');
    expect(historySection(results)).toContain('| `joined` | 20 | 20.0 | 19.5 | -2.5% | -2.5% | 200 |');
  });

  test('no cell measured it (results from before --history-cost, or without it): no section', () => {
    expect(historySection(readResults(path.join(ROOT, 'docs', 'benchmarks', 'postgresql')))).toBe('');
  });
});
