import fs from 'node:fs';
import path from 'node:path';
import { readResults, renderMarkdown } from '../../lab/bench/report';

const ROOT = path.join(__dirname, '..', '..');

// The checked-in reports: SQLite (the default run) and PostgreSQL (`--out docs/benchmarks/postgresql`).
test.each(['docs/benchmarks', 'docs/benchmarks/postgresql'])('%s/README.md is drawn from the results.json beside it (redraw with `npm run bench:report`)', (folder) => {
  const dir = path.join(ROOT, folder);
  expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toBe(renderMarkdown(readResults(dir)));
});

test('a cell without a load run (one request outlasted it) reads "not run" in the report, with nothing beside it', () => {
  const results = readResults(path.join(ROOT, 'docs', 'benchmarks'));
  const naive = results.cells.find((cell) => cell.target === 'naive' && cell.n === 1000)!;
  naive.throughput = null;
  const row = renderMarkdown(results).split('\n').filter((line) => line.startsWith('| `naive` |')).at(-1)!;
  expect(row).toContain(`| ${naive.sequential.measured} | not run | — | — | — |`);
});
