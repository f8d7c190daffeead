import { STRATEGY_NAMES } from '../../src/strategies';
import { markdownTable } from '../../src/text-table';
import type { BenchDatabase } from './database';
import { measureInterleaved, requestsSent, sendChecked } from './interleaved';
import { describeLessonRun, type LessonRun, type OnRequest } from './lesson-bench';
import { BenchError } from './options';
import { ms } from './report-format';
import { type ApiStart, startTarget } from './targets';

/** The items' products of `first` users, without and with the wide column. */
export const BYTES_QUERIES = {
  'product { name }': /* GraphQL */ `query ProductNames($first: Int!) { users(first: $first) { id orders { id items { id product { id name } } } } }`,
  'product { name description }': /* GraphQL */ `query ProductDescriptions($first: Int!) { users(first: $first) { id orders { id items { id product { id name description } } } } }`,
} as const;
type Selection = keyof typeof BYTES_QUERIES;
const SELECTIONS = Object.keys(BYTES_QUERIES) as Selection[];
const STRATEGIES = STRATEGY_NAMES;

export interface BytesResult {
  strategy: string;
  selection: Selection;
  sqlCount: number;
  rowsFetched: number;
  bytesFetched: number;
  /** The response body's size (its Content-Length). */
  responseBytes: number;
  measured: number;
  medianMs: number;
  p95Ms: number;
  dbMedianMs: number;
}

export interface BytesReport extends LessonRun {
  n: number;
  results: BytesResult[];
}

/**
 * Every strategy × both selections on one server, measured in turn (measureInterleaved). Within a selection every
 * strategy must answer the same data.
 */
export async function measureBytes(options: {
  database: BenchDatabase;
  n: number;
  requests: number;
  start: ApiStart;
  onRequest?: OnRequest;
}): Promise<BytesResult[]> {
  const cases = STRATEGIES.flatMap((strategy) => SELECTIONS.map((selection) => ({ strategy, selection })));
  const server = await startTarget('api', options.database.url, { start: options.start });
  try {
    const total = requestsSent(cases.length, options.requests);
    const measured = await measureInterleaved(
      cases.map(
        ({ strategy, selection }) =>
          () =>
            sendChecked(server.url, { query: BYTES_QUERIES[selection], variables: { first: options.n }, strategy }, `${strategy}, ${selection}`),
      ),
      options.requests,
      (index) => options.onRequest?.(`${cases[index]!.strategy}, ${cases[index]!.selection}`, total),
    );
    const reference = new Map<Selection, string>();
    return cases.map(({ strategy, selection }, index) => {
      const { last, ...times } = measured[index]!;
      const data = JSON.stringify(last.body.data);
      if ((reference.get(selection) ?? data) !== data) throw new BenchError(`${strategy} answered ${selection} with different data`);
      reference.set(selection, data);
      const { sqlCount, rowsFetched, bytesFetched } = last.body.extensions!.queryStats!;
      return { strategy, selection, sqlCount, rowsFetched, bytesFetched, responseBytes: Number(last.headers.get('content-length')), ...times };
    });
  } finally {
    await server.stop();
  }
}

export function renderBytes(report: BytesReport): string {
  const at = (strategy: string, selection: Selection) =>
    report.results.find((result) => result.strategy === strategy && result.selection === selection);
  const rows = STRATEGIES.map((strategy) => [
    strategy,
    ...SELECTIONS.flatMap((selection) => {
      const result = at(strategy, selection);
      return result
        ? [`${result.rowsFetched} / ${result.bytesFetched.toLocaleString('en')}`, `${ms(result.medianMs)} (db ${ms(result.dbMedianMs)})`]
        : ['—', '—'];
    }),
  ]);
  const response = (selection: Selection) => at('batched', selection)?.responseBytes.toLocaleString('en') ?? '?';
  return `# The bytes a query drags: the wide column

\`users(first: ${report.n}) { id orders { id items { id product { id name … } } } }\`, the items' products without and with
\`description\` (1 to 4 KB a product). Rows / bytes the database sent (queryStats.rowsFetched / bytesFetched), and the
median milliseconds of one request at a time with the database's share in brackets (${report.requests} measured per
case after 3 to warm up, all cases in turn on one server). The response itself is ${response('product { name }')} bytes
without the description and ${response('product { name description }')} with it, under every strategy.

${describeLessonRun(report)}

${markdownTable(['strategy', ...SELECTIONS.flatMap((selection) => [`\`${selection}\`: rows / bytes`, 'ms'])], rows)}

- naive's \`select *\` and the entities of select-in, balanced and orm-dataloader bring every column, asked for or not.
- batched selects only the asked columns: the description costs only when selected.
- joined does too, but its one statement repeats each product's columns on every item row: the row blow-up,
  in bytes.
`;
}
