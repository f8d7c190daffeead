import { randomBytes } from 'node:crypto';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { markdownTable } from '../../src/text-table';
import { runAutocannon } from '../kit/autocannon';
import { PLACE_ORDER } from '../load/writes';
import type { BenchDatabase } from './database';
import { measureInterleaved, requestsSent, sendChecked } from './interleaved';
import { describeLessonRun, type LessonRun, type OnRequest } from './lesson-bench';
import { ms } from './report-format';
import { type ApiStart, startTarget } from './targets';

const READ = EXAMPLE_OPERATIONS.usersOrdersItemsProducts;

/** One way to write or read: what it sends, under which switches. */
interface Case {
  name: string;
  kind: 'write' | 'read';
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface WriteBenchResult {
  name: string;
  kind: 'write' | 'read';
  sqlCount: number;
  /** One request at a time, in turn with the other cases. */
  medianMs: number;
  p95Ms: number;
  dbMedianMs: number;
  /** With the cache on: hits and misses of the last measured request. */
  cache?: { hits: number; misses: number };
  /** `connections` clients for `seconds`, each sending its next request as soon as the last is answered. */
  perSecond: number;
  errors: number;
}

export interface WriteBenchReport extends LessonRun {
  items: number;
  first: number;
  cache: string;
  connections: number;
  seconds: number;
  results: WriteBenchResult[];
}

/**
 * An order of `items` products (the seed has 50) for `orderUserId`, the seed's last user, outside the README
 * query's first users: its reads must not grow as orders are placed; and the README query.
 */
function cases(items: number, first: number, orderUserId: number, token: string): Case[] {
  const auth = { authorization: `Bearer ${token}`, 'x-strategy': 'batched' };
  const order = {
    userId: String(orderUserId),
    items: Array.from({ length: items }, (_, k) => ({ productId: String(k + 1), quantity: 1 + (k % 3) })),
  };
  return [
    { name: 'placeOrder, x-write: per-item', kind: 'write', query: PLACE_ORDER, variables: order, headers: { ...auth, 'x-write': 'per-item' } },
    { name: 'placeOrder, x-write: batched', kind: 'write', query: PLACE_ORDER, variables: order, headers: { ...auth, 'x-write': 'batched' } },
    { name: 'README query, x-cache: off', kind: 'read', query: READ, variables: { first }, headers: { 'x-strategy': 'batched' } },
    { name: 'README query, x-cache: on', kind: 'read', query: READ, variables: { first }, headers: { 'x-strategy': 'batched', 'x-cache': 'on' } },
  ];
}

/**
 * Writes beside reads on one server: placeOrder with its items inserted one by one or in one statement, and the
 * README query under batched without and with the products cache. Each case measured one request at a time (in
 * turn), then under load for `seconds` at `connections`.
 */
export async function measureWrites(options: {
  database: BenchDatabase;
  items: number;
  first: number;
  /** Who places the orders: a user the README query's `first` does not reach. */
  orderUserId: number;
  requests: number;
  connections: number;
  seconds: number;
  start: ApiStart;
  /** REDIS_URL for the server: the cache in Redis; in the server's own memory without it. */
  redisUrl?: string;
  onRequest?: OnRequest;
}): Promise<WriteBenchResult[]> {
  const token = randomBytes(24).toString('base64url');
  const env = { WRITE_TOKEN: token, ...(options.redisUrl && { REDIS_URL: options.redisUrl, CACHE_KEY_PREFIX: `bench-${token.slice(0, 8)}:` }) };
  const server = await startTarget('api', options.database.url, { start: options.start, env });
  const all = cases(options.items, options.first, options.orderUserId, token);
  try {
    const total = requestsSent(all.length, options.requests);
    const measured = await measureInterleaved(
      all.map((one) => () => sendChecked(server.url, { query: one.query, variables: one.variables, headers: one.headers }, one.name)),
      options.requests,
      (index) => options.onRequest?.(all[index]!.name, total),
    );
    const results: WriteBenchResult[] = [];
    for (const [index, one] of all.entries()) {
      const { last, medianMs, p95Ms, dbMedianMs } = measured[index]!;
      const stats = last.body.extensions!.queryStats!;
      const load = await runAutocannon({
        url: server.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...one.headers },
        body: JSON.stringify({ query: one.query, variables: one.variables }),
        connections: options.connections,
        duration: options.seconds,
        verifyBody: (body) => !String(body ?? '').includes('"errors"'),
      });
      results.push({
        name: one.name,
        kind: one.kind,
        sqlCount: stats.sqlCount,
        medianMs,
        p95Ms,
        dbMedianMs,
        ...(stats.cache && { cache: { hits: stats.cache.hits, misses: stats.cache.misses } }),
        perSecond: Math.round((load.requests.total / Math.max(load.duration, 0.001)) * 10) / 10,
        errors: load.errors + load.non2xx + load.mismatches,
      });
    }
    return results;
  } finally {
    await server.stop();
  }
}

export function renderWrites(report: WriteBenchReport): string {
  const rows = report.results.map((result) => [
    result.name,
    String(result.sqlCount),
    result.cache ? `${result.cache.hits} / ${result.cache.misses}` : '—',
    `${ms(result.medianMs)} (db ${ms(result.dbMedianMs)})`,
    ms(result.p95Ms),
    result.perSecond.toLocaleString('en'),
    String(result.errors),
  ]);
  return `# Writes beside reads: the write-side N+1, and the products cache

\`placeOrder\` of ${report.items} items (read back as \`order { id totalCents }\`) with its items inserted one statement each
(\`x-write: per-item\`) or all in one (\`batched\`), and the README query (\`users(first: ${report.first})\` → orders → items →
product) under batched without and with the products cache (\`x-cache: on\`, ${report.cache}). Statements per request;
the median and p95 of one request at a time (${report.requests} measured per case after 3 to warm up, the cases in
turn on one server); then requests per second with ${report.connections} connections for ${report.seconds} s each.

${describeLessonRun(report)}

${markdownTable(['case', 'statements', 'cache hits / misses', 'median ms', 'p95 ms', `per second at ${report.connections}`, 'errors'], rows)}

- per-item sends one INSERT per item, each a round trip inside the transaction: the write-side N+1. batched lets
  the unit of work send them as one multi-row INSERT.
- The cache answers the products' level from memory (or Redis): one statement fewer, and a product's price
  change (\`updateProductPrice\`) removes it from the cache, so the next read fetches it again.
`;
}
