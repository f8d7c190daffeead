import { DASHBOARD_OPERATION } from '../../src/examples';
import { markdownTable } from '../../src/text-table';
import type { BenchDatabase } from './database';
import { measureInterleaved, requestsSent, sendChecked } from './interleaved';
import { describeLessonRun, type LessonRun } from './lesson-bench';
import { BENCH_QUERY } from './operation';
import { BenchError } from './options';
import { ms, num } from './report-format';
import { type ApiStart, startTarget } from './targets';

/** One way to send an operation: the benchmarked tree under a strategy, or the dashboard under an await mode. */
export interface RoundTripCase {
  operation: 'BenchUsersTree' | 'Dashboard';
  strategy: string;
  awaitMode: string;
}

export interface RoundTripResult extends RoundTripCase {
  latencyMs: number;
  sqlCount: number;
  roundTripsInSeries: number;
  /** roundTripsInSeries × latencyMs: what the simulated network alone adds to one request. */
  networkMs: number;
  measured: number;
  medianMs: number;
  p95Ms: number;
  dbMedianMs: number;
}

export interface RoundTripOptions {
  database: BenchDatabase;
  latenciesMs: number[];
  n: number;
  requests: number;
  start: ApiStart;
  /** Told before each request: what it is, and how many requests the whole run sends. */
  onRequest?: (text: string, total: number) => void;
}

export const ROUND_TRIP_CASES: readonly RoundTripCase[] = [
  { operation: 'BenchUsersTree', strategy: 'naive', awaitMode: 'sequential' },
  { operation: 'BenchUsersTree', strategy: 'batched', awaitMode: 'sequential' },
  { operation: 'BenchUsersTree', strategy: 'joined', awaitMode: 'sequential' },
  { operation: 'Dashboard', strategy: 'naive', awaitMode: 'sequential' },
  { operation: 'Dashboard', strategy: 'naive', awaitMode: 'parallel' },
];

/**
 * Each latency on a fresh server that reaches the database through DB_NETWORK_LATENCY_MS's proxy; on it, every
 * case measured in turn (measureInterleaved). Every response must hold the same data as the first server's for
 * its operation.
 */
export async function measureRoundTrips(options: RoundTripOptions): Promise<RoundTripResult[]> {
  const results: RoundTripResult[] = [];
  const reference = new Map<string, string>();
  const total = options.latenciesMs.length * requestsSent(ROUND_TRIP_CASES.length, options.requests);
  for (const latencyMs of options.latenciesMs) {
    const env: Record<string, string> = latencyMs > 0 ? { DB_NETWORK_LATENCY_MS: String(latencyMs) } : {};
    const server = await startTarget('api', options.database.url, { start: options.start, env });
    try {
      const sends = ROUND_TRIP_CASES.map((testCase) => () => send(server.url, testCase, options.n));
      const measured = await measureInterleaved(sends, options.requests, (index) =>
        options.onRequest?.(`${latencyMs} ms: ${label(ROUND_TRIP_CASES[index]!)}`, total),
      );
      for (const [index, testCase] of ROUND_TRIP_CASES.entries()) {
        const { last, ...times } = measured[index]!;
        const data = JSON.stringify(last.body.data);
        if ((reference.get(testCase.operation) ?? data) !== data) {
          throw new BenchError(`${label(testCase)} at ${latencyMs} ms returned different data from the first server's`);
        }
        reference.set(testCase.operation, data);
        const { sqlCount, roundTripsInSeries } = last.body.extensions!.queryStats!;
        results.push({ ...testCase, latencyMs, sqlCount, roundTripsInSeries, networkMs: roundTripsInSeries * latencyMs, ...times });
      }
    } finally {
      await server.stop();
    }
  }
  return results;
}

export function label({ operation, strategy, awaitMode }: RoundTripCase): string {
  return operation === 'Dashboard' ? `Dashboard, x-await: ${awaitMode}` : `${operation}, ${strategy}`;
}

function send(url: string, { operation, strategy, awaitMode }: RoundTripCase, n: number) {
  const query = operation === 'Dashboard' ? DASHBOARD_OPERATION : BENCH_QUERY;
  const variables = operation === 'Dashboard' ? {} : { first: n };
  return sendChecked(url, { query, variables, strategy, awaitMode }, `${operation} under ${strategy}`);
}

export interface RoundTripReport extends LessonRun {
  n: number;
  results: RoundTripResult[];
}

/** The report's README.md: per operation, each case's median at each latency, with its round trips in series. */
export function renderRoundTrips(report: RoundTripReport): string {
  const latencies = [...new Set(report.results.map((result) => result.latencyMs))];
  const table = (operation: RoundTripCase['operation']) => {
    const cases = ROUND_TRIP_CASES.filter((testCase) => testCase.operation === operation);
    const rows = cases.map((testCase) => {
      const at = (latencyMs: number) => report.results.find((result) => result.latencyMs === latencyMs && label(result) === label(testCase));
      const first = at(latencies[0]!);
      return [
        operation === 'Dashboard' ? `x-await: ${testCase.awaitMode}` : testCase.strategy,
        num(first?.sqlCount ?? null),
        ...latencies.map((latencyMs) => {
          const result = at(latencyMs);
          return result ? `${ms(result.medianMs)} (${result.roundTripsInSeries} in series)` : '—';
        }),
      ];
    });
    return markdownTable(['', 'SQL', ...latencies.map((latencyMs) => `${latencyMs} ms a round trip`)], rows);
  };
  const postgres = report.database.version.startsWith('PostgreSQL');
  return `# Round trips: what a network between the app and the database costs

Median milliseconds of one request at a time (${report.requests} measured per case after 3 to warm up), and in
brackets the statements the request waited for one after another (\`queryStats.roundTripsInSeries\`). Each
latency on a fresh server${postgres ? ' that reaches PostgreSQL through the lab’s proxy (`DB_NETWORK_LATENCY_MS`), which holds every answer the database sends for that long' : ''}.

${describeLessonRun(report)}

## N+1 ${postgres ? 'across a network' : 'on one connection'}: \`users(first: ${report.n})\` with orders, items and products

${table('BenchUsersTree')}

## Independent awaits: the dashboard's 5 parts in series or together

${table('Dashboard')}

## Reading it

- A request pays the network once per round trip **in series**, not per statement: statements that run at the
  same time on separate connections wait together. So the network's share is about *in series × latency*.
- naive sends one statement per parent, but graphql-js asks for a whole level at once${postgres ? ', and the pool (10 connections) runs a level in waves of 10: its round trips in series are the waves, not the statements' : ''}.
  batched waits once per level, joined once.
- ${postgres ? 'PostgreSQL runs the parallel dashboard’s 5 statements on 5 connections: it waits once, for the slowest. In series it waits 5 times.' : 'SQLite has one connection: the parallel dashboard’s statements still run one after another (5 in series). What parallel saves here is only the ORM work and the event-loop turns between them.'}
- Regenerate: \`${report.command}\`.
`;
}
