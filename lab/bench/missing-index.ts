import { EXPLAIN_HEADER, type PlanNode } from '../../src/db/explain';
import type { OptionalMigrationName } from '../../src/db/migrations/optional';
import { runOptionalMigration } from '../../src/db/orm';
import { seedRows } from '../../src/db/seed';
import { createLogger } from '../../src/logger';
import type { PlansReport } from '../../src/stats/plans';
import { markdownTable } from '../../src/text-table';
import type { BenchDatabase } from './database';
import { measureInterleaved, requestsSent, sendChecked } from './interleaved';
import { describeLessonRun, type LessonRun } from './lesson-bench';
import { BenchError } from './options';
import { ms } from './report-format';
import { type ApiStart, startTarget } from './targets';

/** The filter no index serves: the latest shipped orders, a page of them. */
export const MISSING_INDEX_QUERY = /* GraphQL */ `query ShippedSince($after: DateTime!) {
  orders(first: 50, status: SHIPPED, placedAfter: $after) { id status totalCents createdAt }
}`;
export const MISSING_INDEX: OptionalMigrationName = 'orders_status';
const STRATEGIES = ['naive', 'batched', 'joined'] as const;

export interface IndexPhaseResult {
  strategy: string;
  index: boolean;
  sqlCount: number;
  rowsFetched: number;
  measured: number;
  medianMs: number;
  p95Ms: number;
  dbMedianMs: number;
  /** The orders step of its statement's plan (x-explain: analyze, once after measuring), and what it found. */
  plan: string;
  findings: string[];
}

export interface MissingIndexOptions {
  database: BenchDatabase;
  requests: number;
  start: ApiStart;
  onRequest?: (text: string, total: number) => void;
}

/** `placedAfter` such that `shipped` SHIPPED orders of the seed come after it: a page's worth. */
export function placedAfterFor(users: number, shipped = 25): string {
  const times = seedRows(users)
    .orders.filter((order) => order.status === 'SHIPPED')
    .map((order) => order.createdAt.getTime())
    .sort((a, b) => b - a);
  if (times.length <= shipped) throw new BenchError(`the seed of ${users} users holds only ${times.length} shipped orders`);
  return new Date(times[shipped]!).toISOString();
}

/**
 * The same data without the index and then with it (its migration applied between, through the lab's command):
 * each phase on a fresh server, naive, batched and joined measured in turn, then each explained once. Every
 * answer must be the same in both phases: an index changes the plan, never the rows.
 */
export async function measureMissingIndex(options: MissingIndexOptions): Promise<{ placedAfter: string; results: IndexPhaseResult[] }> {
  const placedAfter = placedAfterFor(options.database.seededUsers);
  const database =
    options.database.kind === 'sqlite'
      ? ({ kind: 'sqlite', file: options.database.url.slice('sqlite:'.length) } as const)
      : ({ kind: 'postgresql', url: options.database.url } as const);
  const logger = createLogger({ level: 'silent', pretty: false });
  const results: IndexPhaseResult[] = [];
  let reference: string | undefined;
  const total = 2 * requestsSent(STRATEGIES.length, options.requests);
  for (const index of [false, true]) {
    if (index) await runOptionalMigration(database, logger, MISSING_INDEX, 'add');
    const server = await startTarget('api', options.database.url, { start: options.start });
    try {
      const send = (strategy: string, headers: Record<string, string> = {}) =>
        sendChecked(
          server.url,
          { query: MISSING_INDEX_QUERY, variables: { after: placedAfter }, strategy, headers },
          `${strategy}${index ? ' with the index' : ''}`,
        );
      const measured = await measureInterleaved(
        STRATEGIES.map((strategy) => () => send(strategy)),
        options.requests,
        (at) => options.onRequest?.(`${index ? 'with' : 'without'} the index: ${STRATEGIES[at]}`, total),
      );
      for (const [at, strategy] of STRATEGIES.entries()) {
        const { last, ...times } = measured[at]!;
        const data = JSON.stringify(last.body.data);
        if ((reference ??= data) !== data) throw new BenchError(`${strategy}${index ? ' with the index' : ''} returned different orders`);
        const explained = await send(strategy, { [EXPLAIN_HEADER]: 'analyze' });
        const plans = explained.body.extensions!.queryStats!.plans as PlansReport;
        const { sqlCount, rowsFetched } = last.body.extensions!.queryStats!;
        results.push({
          strategy,
          index,
          sqlCount,
          rowsFetched,
          ...times,
          plan: plans.statements.map((statement) => describeScan(statement.plan.nodes)).join('; '),
          findings: plans.statements.flatMap((statement) => statement.findings.map((finding) => `${finding.message}: ${finding.fix}`)),
        });
      }
    } finally {
      await server.stop();
    }
  }
  return { placedAfter, results };
}

/**
 * The step that finds the filtered orders: `Seq Scan on orders (returned 25, read 100,004)`, `SEARCH o0 USING INDEX
 * … (status=? AND created_at>?)`. A scan of the whole table first, then one through a secondary index: joined also
 * looks its page's ids up by primary key, which is not the step the filter costs.
 */
function describeScan(nodes: PlanNode[]): string {
  const onOrders = nodes.filter((node) => node.relation === 'orders' || node.relation === 'page' || /^o\d+$/.test(node.relation ?? ''));
  const secondary = (node: PlanNode) => node.index !== undefined && node.index !== 'rowid' && !node.index.endsWith('_pkey');
  // PostgreSQL marks the step that tests the filter; SQLite's full scan is a SCAN with no index.
  const filtering = onOrders.find((node) => node.filtered || (node.detail !== undefined && node.index === undefined));
  const scan = filtering ?? nodes.find(secondary) ?? onOrders[0] ?? nodes[0];
  if (!scan) return '—';
  if (scan.detail) return scan.detail;
  const read = scan.rowsRemoved === undefined ? '' : `, read ${((scan.rows ?? 0) + scan.rowsRemoved).toLocaleString('en')}`;
  return `${scan.node}${scan.index ? ` using ${scan.index}` : ''}${scan.relation ? ` on ${scan.relation}` : ''} (returned ${(scan.rows ?? 0).toLocaleString('en')}${read})`;
}

export interface MissingIndexReport extends Omit<LessonRun, 'database'> {
  database: LessonRun['database'] & { orders: number };
  placedAfter: string;
  results: IndexPhaseResult[];
}

export function renderMissingIndex(report: MissingIndexReport): string {
  const phase = (strategy: string, index: boolean) => report.results.find((result) => result.strategy === strategy && result.index === index);
  const rows = STRATEGIES.map((strategy) => {
    const [without, withIndex] = [phase(strategy, false), phase(strategy, true)];
    const cell = (result: IndexPhaseResult | undefined) => (result ? `${ms(result.medianMs)} (db ${ms(result.dbMedianMs)})` : '—');
    return [strategy, String(without?.sqlCount ?? '—'), cell(without), cell(withIndex), without?.plan ?? '—', withIndex?.plan ?? '—'];
  });
  const findings = [...new Set(report.results.filter((result) => !result.index).flatMap((result) => result.findings))];
  return `# The missing index: one filter, without and with its index

\`\`\`graphql
${MISSING_INDEX_QUERY}
\`\`\`

\`$after\` = ${report.placedAfter}: ${report.results[0]?.rowsFetched ?? '?'} shipped orders of ${report.database.orders.toLocaleString('en')}. Median milliseconds of one
request at a time, and in brackets the database's share (queryStats.dbTimeMs) (${report.requests} measured per strategy after
3 to warm up, the strategies in turn), each phase on a
fresh server; between them \`npm run lab -- index add orders_status\` (a MikroORM migration) adds the index on
orders(status, created_at). The plan column is the orders step of \`x-explain: analyze\`, sent once after measuring.

${describeLessonRun(report)}

${markdownTable(['strategy', 'SQL', 'without the index, ms', 'with it, ms', 'plan without', 'plan with'], rows)}

What \`x-explain: analyze\` said without the index:

${findings.map((finding) => `- ${finding}`).join('\n') || '- nothing'}

No loading strategy fixes this: each sends the one statement, and the database reads every order to answer it.
The index does, for all of them.
`;
}
