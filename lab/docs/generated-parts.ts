/**
 * The parts of pages made from the project's own results (`<!-- generated: NAME -->` in a page): prose numbers
 * come from a report that a command wrote, never typed by hand.
 */
import path from 'node:path';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { STRATEGY_NAMES, type StrategyName } from '../../src/strategies';
import { readResults } from '../bench/report';
import type { BenchResults, CellResult } from '../bench/results';
import { sendOperation } from '../client';
import { createInMemoryLab } from '../in-memory-lab';

const ROOT = path.join(__dirname, '..', '..');
/** The two main bench reports, by database: the README's table reads them, and `npm run docs` redraws them. */
export const BENCH_REPORT_DIRS = {
  PostgreSQL: 'docs/benchmarks/postgresql',
  SQLite: 'docs/benchmarks',
} as const;

export const GENERATED_PARTS: Record<string, () => Promise<string> | string> = {
  'bench-table': () => benchTable(1000),
  'strategies-table': () => strategiesTable([5, 10, 20]),
};

/** What each strategy does, in a line: the counts beside it are measured. */
const HOW: Record<StrategyName, string> = {
  naive: 'every resolver queries for its own parent: the N+1',
  batched: 'per-request DataLoaders: one `IN (…)` statement per level, rows not entities',
  joined: 'the selection walked into one statement with a JOIN per relation',
  'select-in': "MikroORM's `select-in` loading of the same populate hints: a statement per level, into entities",
  balanced: "MikroORM 7's default: to-one relations joined, a statement per to-many relation, into entities",
  'orm-dataloader': "naive's resolvers through MikroORM's own dataloader (`Reference.load({ dataloader: true })`)",
};

/** The README query under every strategy at a few page sizes, on the 20-user seed: SQL statements each. */
async function strategiesTable(pageSizes: number[]): Promise<string> {
  const { app, close } = await createInMemoryLab(20);
  try {
    const rows: string[] = [];
    for (const strategy of STRATEGY_NAMES) {
      const counts: string[] = [];
      for (const first of pageSizes) {
        const reply = await sendOperation(app, { query: EXAMPLE_OPERATIONS.usersOrdersItemsProducts, variables: { first }, strategy });
        counts.push(String(reply.body.extensions!.queryStats!.sqlCount));
      }
      rows.push(`| \`${strategy}\`${strategy === 'naive' ? ' (default)' : ''} | ${counts.join(' | ')} | ${HOW[strategy]} |`);
    }
    return [
      `| \`x-strategy\` | ${pageSizes.map((first) => `SQL at \`first: ${first}\``).join(' | ')} | how |`,
      `| --- | ${pageSizes.map(() => '---:').join(' | ')} | --- |`,
      ...rows,
    ].join('\n');
  } finally {
    await close();
  }
}

/** Each target at N = `n` in both checked-in bench reports: sequential median, its multiple of the floor, counts. */
function benchTable(n: number): string {
  const reports = Object.entries(BENCH_REPORT_DIRS).map(([name, dir]) => ({ name, results: readResults(path.join(ROOT, dir)) }));
  const cell = (results: BenchResults, target: string): CellResult => {
    const found = results.cells.find((candidate) => candidate.n === n && candidate.target === target);
    if (!found) throw new Error(`no bench cell for ${target} at N=${n}`);
    return found;
  };
  const targets = ['floor', ...STRATEGY_NAMES].filter((target) =>
    reports.every(({ results }) => results.cells.some((c) => c.target === target && c.n === n)),
  );
  const count = (value: number | null) => (value === null ? '–' : value.toLocaleString('en'));
  const ms = (value: number) => `${value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(1)} ms`;
  const rows = targets
    .map((target) => {
      const [postgres, sqlite] = reports.map(({ results }) => ({ own: cell(results, target), floor: cell(results, 'floor') }));
      const times = (side: typeof postgres) => {
        const median = side!.own.sequential.medianMs;
        const multiple = median / side!.floor.sequential.medianMs;
        return `${ms(median)} | ${multiple >= 10 ? Math.round(multiple) : multiple.toFixed(1)}`;
      };
      const name = target === 'floor' ? 'floor (one hand-written statement)' : `\`${target}\``;
      return {
        median: postgres!.own.sequential.medianMs,
        row: `| ${name} | ${times(postgres)} | ${times(sqlite)} | ${count(postgres!.own.cost.sqlCount)} | ${count(postgres!.own.cost.rowsFetched)} |`,
      };
    })
    .sort((a, b) => a.median - b.median);
  return [
    `| N = ${n.toLocaleString('en')} users | PostgreSQL | × floor | SQLite | × floor | SQL | rows fetched |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ row }) => row),
    '',
    `Sequential medians from [the PostgreSQL report](docs/benchmarks/postgresql/README.md) and [the SQLite one](docs/benchmarks/README.md) (${reports.map(({ name, results }) => `${name} ${results.createdAt.slice(0, 10)}`).join(', ')}), on this project's 2-core machine.`,
  ].join('\n');
}
