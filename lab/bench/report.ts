import fs from 'node:fs';
import path from 'node:path';
import { markdownTable } from '../../src/text-table';
import { renderSvg } from '../kit/vega';
import { baselineSection } from './baseline';
import { besideFloorSection, historySection, tracingSection } from './in-turn-report';
import { BenchError } from './options';
import { latencySpec, timeParts, timeSplitSpec } from './plots';
import { ms, num } from './report-format';
import type { BenchResults, CellResult } from './results';

export const RESULTS_FILE = 'results.json';

/** README.md and the two SVGs, from the results alone: what `npm run bench:report` redraws. */
export async function writeReport(results: BenchResults, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ['latency.svg', await renderSvg(latencySpec(results))],
    ['time-split.svg', await renderSvg(timeSplitSpec(results))],
    ['README.md', renderMarkdown(results)],
  ];
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text.endsWith('\n') ? text : `${text}\n`);
  return files.map(([name]) => path.join(dir, name));
}

/** Paths for a "wrote …" line: relative when under the working directory, absolute otherwise. */
export function listPaths(files: string[]): string {
  const relative = (file: string) => path.relative(process.cwd(), file);
  return files.map((file) => (relative(file).startsWith('..') ? file : relative(file))).join(', ');
}

export function readResults(dir: string): BenchResults {
  return readResultsFile(path.join(dir, RESULTS_FILE));
}

export function readResultsFile(file: string): BenchResults {
  let results: BenchResults;
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  } catch (error) {
    throw new BenchError(`cannot read ${file} (run npm run bench first): ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  if (results.format !== 1) throw new BenchError(`${file} is not a results file this report can read (format ${results.format})`);
  return results;
}

export function renderMarkdown(results: BenchResults): string {
  const { settings, machine, versions } = results;
  const libraries = Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const parts = [...new Set(results.cells.flatMap((cell) => timeParts(cell).map(({ key }) => key)))];
  const statsSplit = [...new Set(results.cells.flatMap((cell) => Object.keys(cell.cost.queryStatsTimeSplit ?? {})))];
  const header = [
    'target',
    'SQL',
    'rows fetched',
    'median ms',
    'p95 ms',
    'measured',
    `req/s @ ${settings.connections}`,
    'p50 ms',
    'p99 ms',
    'errors',
    ...parts.map((key) => `${key} ms`),
    ...statsSplit,
    'peak MiB',
  ];
  const tables = settings.n.map((n) => {
    const rows = results.cells.filter((cell) => cell.n === n).map((cell) => row(cell, parts, statsSplit));
    return [`### N = ${n}`, '', markdownTable(header, rows)].join('\n');
  });
  return `# Benchmark: the N+1 problem, measured

\`\`\`graphql
${results.operation}
\`\`\`

Each strategy (\`x-strategy\`) and the **floor** (one hand-written SQL statement that builds the whole answer as
JSON, behind a bare \`node:http\` handler), each cell on a fresh server process, against
${settings.database.label} seeded with ${settings.database.seededUsers.toLocaleString('en')} users. At each N,
every target returned the same data (the run checks it).

- Command: \`${results.command}\` (${results.elapsedS} s, ${results.createdAt}${results.gitCommit ? `, commit ${results.gitCommit}` : ''})
- Machine: ${machine.cpu}, ${machine.cores} cores, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${machine.os}, ${machine.arch};
  load average ${machine.loadAverage.join(' / ')} (1 / 5 / 15 min) as the run ended
- Database: ${settings.database.version}
- API servers: ${describeServer(settings.server)}
- Traces: ${settings.traces ? 'on: the API servers export OTLP/HTTP (protobuf) to a sink in the bench process' : 'off'}${settings.tracingCost ? ' (tracing cost measured apart, below)' : ''}
- Versions: ${libraries}

![Sequential latency vs N](latency.svg)

![Time split per strategy](time-split.svg)

${tables.join('\n\n')}
${tracingSection(results)}${historySection(results)}${besideFloorSection(results)}${baselineSection(results.baseline)}
## Reading the numbers

- **median / p95 ms**: one request at a time after a warm-up, wall time as the driver saw it (sending to the
  last byte of the body); at most ${settings.requests} requests or ${settings.budgetS} s per cell, at least one:
  **measured** says how many each number rests on.
- **req/s, p50 / p99 ms**: autocannon, ${settings.connections} connections for ${settings.durationS} s, each
  sending its next request as soon as the last is answered. Requests still in flight when the time is up are not
  counted (0 means none finished); **not run** where one sequential request alone took longer than that, so none
  could. **errors**: non-2xx, GraphQL errors and connection errors.
- **SQL**, **rows fetched**: \`extensions.queryStats\` of a measured response (\`sqlCount\`, \`rowsFetched\`); the
  floor runs one statement that returns one row. — means the response does not report it.
- **Time split**: medians of each part of \`Server-Timing\` (db: statements in flight; orm: inside ORM calls with
  no statement in flight; graphql: the rest of execution; serialize: the result to JSON; other: the rest)
  and of the driver's time beyond the server's \`total\` (HTTP and transfer); medians of parts do not add up
  exactly. Columns after them are any time fields \`queryStats\` itself reports.
- **peak MiB**: the server process's peak resident memory (Linux VmHWM) over its cell, load included.

Raw numbers: [${'results.json'}](results.json). Redraw this page and the plots from it: \`npm run bench:report\`
(\`-- --out DIR\` for another folder); measure again: \`npm run bench\` (\`-- --help\` lists the options).
`;
}

function row(cell: CellResult, parts: string[], statsSplit: string[]): string[] {
  const { sequential: s, throughput: t, cost } = cell;
  const split = new Map(timeParts(cell).map(({ key, ms }) => [key, ms]));
  return [
    cell.target === 'floor' ? '**floor**' : `\`${cell.target}\``,
    num(cost.sqlCount),
    num(cost.rowsFetched),
    ms(s.medianMs),
    ms(s.p95Ms),
    String(s.measured),
    ...(t
      ? [t.completed ? ms(t.requestsPerSecond) : `0 (none in ${t.durationS} s)`, ms(t.latencyP50Ms), ms(t.latencyP99Ms), String(t.errors)]
      : ['not run', '—', '—', '—']),
    ...parts.map((part) => ms(split.get(part) ?? null)),
    ...statsSplit.map((key) => ms(cost.queryStatsTimeSplit?.[key] ?? null)),
    cell.peakMemoryBytes === null ? '—' : String(Math.round(cell.peakMemoryBytes / 2 ** 20)),
  ];
}

function describeServer(server: BenchResults['settings']['server']): string {
  if (!server) return 'through tsx, as `npm start` runs them';
  const env = Object.entries(server.env)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  const how =
    server.start === 'compiled'
      ? "compiled, as the production image runs them (the Dockerfile's CMD and ENV)"
      : 'through tsx, as `npm start` runs them';
  return `${how}: \`${server.command}\` with ${env}`;
}
