import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { parse as parseYaml } from 'yaml';
import type { GraphQLReply, Operation } from '../../lab/client';
import { CACHE_HEADER } from '../../src/cache/cache-mode';
import { EXPLAIN_HEADER } from '../../src/db/explain';
import { checkDatabase } from '../../src/db/readiness';
import { DASHBOARD_OPERATION, EXAMPLE_OPERATIONS, PLACE_ORDER_OPERATION } from '../../src/examples';
import { listen, type Service } from '../../src/http/service';
import { AWAIT_HEADER } from '../../src/loading/await-mode';
import { createLogger } from '../../src/logger';
import { createMetricsServer } from '../../src/metrics/server';
import { LAB_REQUEST_HEADER } from '../../src/plugins/lab-history';
import { findBatchingSplits } from '../../src/stats/batching-split';
import { STRATEGY_HEADER } from '../../src/strategies';
import type { Timeline } from '../../src/timeline/shape';
import { WRITE_HEADER } from '../../src/writing/write-mode';
import { appWith } from '../support/metrics-app';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';
import { labGet, recentRequests } from '../support/timelines';

/**
 * docs/reference/ against the running app: every key of queryStats, the timeline and the log line, every metric,
 * every endpoint and every header the code reads is in its page, and nothing is on a page that the app lacks.
 * Each failure names what is missing and where.
 */

const ROOT = path.join(__dirname, '..', '..');
const REFERENCE = path.join(ROOT, 'docs', 'reference');
const page = (name: string) => ({ name: `docs/reference/${name}`, text: fs.readFileSync(path.join(REFERENCE, name), 'utf8') });
const RESPONSES = page('responses.md');
const METRICS = page('metrics.md');
const ENDPOINTS = page('endpoints.md');

// 400 users: 1,200 orders, enough for a scan of them all to be a plan finding (it reads at least 1,000 rows).
const lab = useTestApp({ users: 400 });

/** Shipped after this: 6 of the 1,200 orders (see test/api/explain.test.ts). */
const PLACED_AFTER = new Date(Date.UTC(2026, 0, 1) + 390 * 3_600_000).toISOString();
/** A scan with a finding, and a primary-key lookup (a plan step with an index). */
const SCAN_AND_SEEK = 'query ($after: DateTime!) { orders(first: 20, status: SHIPPED, placedAfter: $after) { id } order(id: 3) { id } }';
const EXAMPLE_QUERY = '{ users(first: 2) { username orders { id } } }';
const PRODUCTS_QUERY = '{ orders(first: 3) { items { product { name } } } }';

/** Requests whose responses, between them, carry every optional key: findings, await, write, cache and plans. */
const REQUESTS: Array<Operation & { name: string }> = [
  // users.orders is an N+1; orders.user looks up 2 users 5 times: 3 duplicates.
  { name: 'naive', query: '{ users(first: 5) { orders { id } } orders(first: 5) { user { id } } }', strategy: 'naive' },
  { name: 'batched', query: EXAMPLE_QUERY, strategy: 'batched' },
  { name: 'dashboard, x-await: parallel', query: DASHBOARD_OPERATION, awaitMode: 'parallel' },
  { name: 'a mutation, x-write: batched', query: PLACE_ORDER_OPERATION, strategy: 'batched', writeMode: 'batched' },
  { name: 'x-cache: on', query: PRODUCTS_QUERY, strategy: 'batched', cacheMode: 'on' },
  { name: 'x-explain: plan', query: SCAN_AND_SEEK, variables: { after: PLACED_AFTER }, headers: { [EXPLAIN_HEADER]: 'plan' } },
  // The same as plan on SQLite; on PostgreSQL the keys only EXPLAIN ANALYZE fills (rowsRemoved, ms, buffers).
  { name: 'x-explain: analyze', query: SCAN_AND_SEEK, variables: { after: PLACED_AFTER }, headers: { [EXPLAIN_HEADER]: 'analyze' } },
];

const PLAN_NODE = 'plans.statements[].plan.nodes[]';
/** Keys one database's plans have and the other's never do (src/db/explain.ts): each shows on its own database only. */
const ONLY_ON: Record<typeof TEST_DB, string[]> = {
  postgres: [
    `${PLAN_NODE}.rows`,
    `${PLAN_NODE}.rowsRemoved`,
    `${PLAN_NODE}.ms`,
    `${PLAN_NODE}.buffers`,
    `${PLAN_NODE}.buffers.hit`,
    `${PLAN_NODE}.buffers.read`,
    'plans.statements[].plan.executionMs',
  ],
  sqlite: [`${PLAN_NODE}.detail`],
};
const OTHER_DB = TEST_DB === 'sqlite' ? 'postgres' : 'sqlite';

/**
 * No resolver of the app awaits before load(), so no real response has a batching split (batching-split.test.ts
 * plants one): its findings' keys are taken from the function queryStats calls, on two batches of one level.
 */
const SPLIT_FINDINGS = findBatchingSplits(
  [2, 1].map((keys) => ({ loader: 'ordersByUserId', path: 'users.orders', keys, interval: [0, 1] as [number, number], askedBy: [] })),
  1000,
);

let replies: Array<{ name: string; reply: GraphQLReply }>;
beforeAll(async () => {
  replies = [];
  for (const { name, query, ...options } of REQUESTS) {
    const reply = await lab.gql(query, options);
    if (reply.body.errors) throw new Error(`${name}: ${JSON.stringify(reply.body.errors)}`);
    replies.push({ name, reply });
  }
});

/** Every key under `value` as a path: `byPath[].sqlCount`, array elements as `[]`. */
function keyPaths(value: unknown, into = new Set<string>(), prefix = ''): Set<string> {
  if (Array.isArray(value)) {
    for (const element of value) keyPaths(element, into, `${prefix}[]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const at = prefix ? `${prefix}.${key}` : key;
      into.add(at);
      keyPaths(child, into, at);
    }
  }
  return into;
}

/** The lines of `## title` in a page, up to the next `## ` heading. */
function section({ name, text }: { name: string; text: string }, title: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`${name} has no "## ${title}" section`);
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The rows of the section's tables whose first cell names something in backticks, as their cells. */
function tableRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => /^\|\s*`/.test(line))
    .map((line) =>
      line
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);

/** The first code span of each row's first cell: the key, metric, part or rule the row is about. */
const documented = (text: string) => new Set(tableRows(text).map(([first]) => codeSpans(first!)[0]!));

/**
 * The keys `seen` in `from` (a `what` each) against the keys a page's section documents, both ways. `notSeenHere`:
 * keys documented that cannot be seen in this run, each with why; they must be documented all the same.
 */
function compare(
  { what, from, seen }: { what: string; from: string; seen: Set<string> },
  doc: { name: string; text: string },
  title: string,
  notSeenHere: Record<string, string> = {},
) {
  const listed = documented(section(doc, title));
  return {
    undocumented: [...seen].filter((key) => !listed.has(key)).map((key) => `${what} \`${key}\` is not in ${doc.name}, "## ${title}"`),
    unseen: [...listed]
      .filter((key) => !seen.has(key) && !(key in notSeenHere))
      .map((key) => `${doc.name}, "## ${title}", lists \`${key}\`, which is in no ${from} [${TEST_DB}]`),
    exemptButUndocumented: Object.keys(notSeenHere)
      .filter((key) => !listed.has(key))
      .map((key) => `${doc.name}, "## ${title}", lacks \`${key}\` (${notSeenHere[key]})`),
  };
}

const reasons = (keys: string[], reason: string) => Object.fromEntries(keys.map((key) => [key, reason]));

describe(`docs/reference/responses.md [${TEST_DB}]`, () => {
  test('every key of a real queryStats is in the queryStats tables, and every key there is in one', () => {
    const seen = new Set<string>();
    for (const { reply } of replies) keyPaths(reply.body.extensions!.queryStats, seen);
    keyPaths({ batchingSplit: SPLIT_FINDINGS }, seen);
    const onlyOnOther = reasons(ONLY_ON[OTHER_DB], `only ${OTHER_DB}'s plans have it`);
    const onlyHere = reasons(ONLY_ON[TEST_DB], `only ${TEST_DB}'s plans have it`);
    const { undocumented, unseen, exemptButUndocumented } = compare(
      { what: 'queryStats key', from: 'real queryStats', seen },
      RESPONSES,
      '`extensions.queryStats`',
      {
        ...onlyOnOther,
        ...onlyHere,
      },
    );
    expect(undocumented).toEqual([]);
    expect(unseen).toEqual([]);
    expect(exemptButUndocumented).toEqual([]);
    // This database's own plan keys are exempt above only to be named here: each must show up in a real plan.
    expect(ONLY_ON[TEST_DB].filter((key) => !seen.has(key)).map((key) => `no real ${TEST_DB} plan had \`${key}\``)).toEqual([]);
  });

  test('the example is what the app answers now, but for the times', async () => {
    const [json] = [...section(RESPONSES, '`extensions.queryStats`').matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
    const { body } = await lab.gql(EXAMPLE_QUERY, { strategy: 'batched' });
    // Times vary from run to run. The SQL is SQLite's: PostgreSQL gets the keys as one array (`= any(?::int[])`).
    const comparable = (stats: unknown) =>
      JSON.parse(JSON.stringify(stats), (key, value) => (/TimeMs$/.test(key) || (key === 'sql' && TEST_DB === 'postgres') ? `(${key})` : value));
    expect(comparable(body.extensions!.queryStats)).toEqual(comparable(JSON.parse(json!)));
  });

  test('every key of a real timeline and of the recent requests is in their tables, and every key there is in one', async () => {
    const timelines = new Set<string>();
    for (const { reply } of replies) {
      const { status, body } = await labGet<Timeline>(lab, `/lab/requests/${reply.headers.get(LAB_REQUEST_HEADER)}`);
      expect(status).toBe(200);
      keyPaths(body, timelines);
    }
    keyPaths({ findings: { batchingSplit: SPLIT_FINDINGS } }, timelines);
    const timeline = compare(
      { what: 'timeline key', from: 'real timeline', seen: timelines },
      RESPONSES,
      'The request timeline: `GET /lab/requests/<id>`',
    );
    const listed = new Set<string>();
    for (const summary of (await recentRequests(lab)).body) keyPaths(summary, listed);
    const summaries = compare({ what: 'summary key', from: 'real summary', seen: listed }, RESPONSES, 'The recent requests: `GET /lab/requests`');
    expect([...timeline.undocumented, ...timeline.unseen, ...summaries.undocumented, ...summaries.unseen]).toEqual([]);
  });

  test('every key of the request log line is in its table, and every key there is in one', () => {
    const seen = new Set(lab.logs.filter((line) => line.msg === 'request').flatMap((line) => Object.keys(line)));
    const { undocumented, unseen, exemptButUndocumented } = compare(
      { what: 'log line key', from: 'real log line', seen },
      RESPONSES,
      'The request log line',
      {
        ...reasons(['trace_id', 'span_id'], 'only with tracing on, which no in-process test app has'),
        cut: 'only for a request whose connection closed first: test/process/shutdown.test.ts cuts some',
      },
    );
    expect([...undocumented, ...unseen, ...exemptButUndocumented]).toEqual([]);
  });

  test('every part of a real Server-Timing header is in its table, and every part there is in one', () => {
    const header = replies.find(({ name }) => name === 'batched')!.reply.headers.get('server-timing') ?? '';
    const seen = new Set(header.split(', ').map((part) => part.split(';')[0]!));
    const { undocumented, unseen } = compare(
      { what: 'Server-Timing part', from: 'real Server-Timing header', seen },
      RESPONSES,
      'The `Server-Timing` header',
    );
    expect([...undocumented, ...unseen]).toEqual([]);
  });
});

describe(`docs/reference/metrics.md [${TEST_DB}]`, () => {
  test('every metric /metrics exports is in the table, with its type, and every metric there is exported', async () => {
    // As src/main.ts builds it: the process's default metrics beside the app's.
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const app = appWith(lab.orm, {}, { registry });
    for (const strategy of ['naive', 'batched']) await app.gql(EXAMPLE_OPERATIONS.usersOrdersItemsProducts, { strategy });
    await app.gql(PRODUCTS_QUERY, { strategy: 'batched', cacheMode: 'on' });
    await app.gql('{ users { nope } }');
    const text = await (await app.app.fetch('http://lab/metrics')).text();
    const exported = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => [name!, type!]));

    const rows = tableRows(section(METRICS, 'Every metric')).map(([names, type, , counts]) => ({
      names: codeSpans(names!),
      type: type!.split(',')[0]!,
      postgresOnly: counts!.startsWith('PostgreSQL only'),
    }));
    const families = rows.flatMap((row) => row.names.filter((name) => name.endsWith('*')).map((name) => name.slice(0, -1)));
    const named = new Map(rows.flatMap((row) => row.names.filter((name) => !name.endsWith('*')).map((name) => [name, row] as const)));
    const where = `${METRICS.name}'s table`;
    const problems = [
      ...[...exported.keys()]
        .filter((name) => !named.has(name) && !families.some((prefix) => name.startsWith(prefix)))
        .map((name) => `/metrics exports ${name}, which is not in ${where}`),
      ...families
        .filter((prefix) => ![...exported.keys()].some((name) => name.startsWith(prefix)))
        .map((prefix) => `no exported metric matches ${prefix}* in ${where}`),
      ...[...named].flatMap(([name, { type, postgresOnly }]) => {
        const exportedType = exported.get(name);
        if (postgresOnly && TEST_DB === 'sqlite') return exportedType ? [`${where} says ${name} is PostgreSQL only, but SQLite exports it`] : [];
        if (!exportedType) return [`${where} lists ${name}, which /metrics does not export [${TEST_DB}]`];
        return exportedType === type ? [] : [`${where} says ${name} is a ${type}; /metrics says ${exportedType}`];
      }),
    ];
    expect(problems).toEqual([]);
  });

  test('every rule of prometheus/rules.yml is in the rules table, and every rule there is in the file', () => {
    const rules = parseYaml(fs.readFileSync(path.join(ROOT, 'prometheus', 'rules.yml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ record?: string; alert?: string }> }>;
    };
    const inFile = new Set(rules.groups.flatMap((group) => group.rules.map((rule) => (rule.record ?? rule.alert)!)));
    const { undocumented, unseen } = compare(
      { what: 'rule', from: 'group of prometheus/rules.yml', seen: inFile },
      METRICS,
      'Baselines and SLOs: `prometheus/rules.yml`',
    );
    expect([...undocumented, ...unseen]).toEqual([]);
  });
});

describe(`docs/reference/endpoints.md [${TEST_DB}]`, () => {
  const logger = createLogger({ level: 'silent', pretty: false });
  let service: Service | undefined;
  beforeAll(async () => {
    // The server npm start runs: the probes in the node:http layer, then the app, on a port of its own.
    service = await listen({ host: '127.0.0.1', port: 0, logger, graceMs: 1000 });
    service.serve(lab.app, () => checkDatabase(lab.orm, 1000));
  });
  afterAll(() => service?.drain());

  const sourceFiles = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((entry) =>
        entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
      );
  const SRC = path.join(ROOT, 'src');
  const relative = (file: string) => path.relative(ROOT, file);

  test('every path in the endpoints table answers something other than 404', async () => {
    const where = `${ENDPOINTS.name}, "## Every endpoint"`;
    const id = replies.find(({ name }) => name === 'batched')!.reply.headers.get(LAB_REQUEST_HEADER)!;
    // What each placeholder stands for: a request still kept, a file of the lab's page.
    const filled = { '<id>': id, '<file>': 'lab.css' };
    const rows = tableRows(section(ENDPOINTS, 'Every endpoint')).map(([first]) => codeSpans(first!));
    expect(rows.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const [endpoint, header] of rows) {
      const [, method, documentedPath] = endpoint!.match(/^([A-Z]+) (\/\S*)$/) ?? [];
      if (!method || !documentedPath) {
        problems.push(`${where}: "${endpoint}" is not METHOD /path`);
        continue;
      }
      const target = documentedPath.replace(/<\w+>/g, (placeholder) => filled[placeholder as keyof typeof filled] ?? placeholder);
      if (/<\w+>/.test(target)) {
        problems.push(`${where}: ${endpoint} has a placeholder this test cannot fill`);
        continue;
      }
      const asked = header?.match(/^([a-z-]+): (.+)$/);
      const response = await fetch(`http://127.0.0.1:${service!.port}${target}`, {
        method,
        headers: {
          ...(asked && { [asked[1]!]: asked[2]! }),
          // A preflight's own headers; the other requests ignore them.
          origin: 'https://app.example',
          'access-control-request-method': 'POST',
          ...(method === 'POST' && { 'content-type': 'application/json' }),
        },
        body: method === 'POST' ? JSON.stringify({ query: '{ __typename }' }) : undefined,
      });
      await response.body?.cancel();
      if (response.status === 404)
        problems.push(`${where} lists ${endpoint}${header ? ` with ${header}` : ''}, which the in-process server answers with 404`);
    }
    expect(problems).toEqual([]);
  });

  test('the probes answer GET and HEAD, another method with 405; a URL ending in /health elsewhere is no health check', async () => {
    const ask = async (method: string, at: string) => {
      const response = await fetch(`http://127.0.0.1:${service!.port}${at}`, { method });
      const text = method === 'HEAD' ? '' : await response.text();
      return { status: response.status, allow: response.headers.get('allow'), body: text ? JSON.parse(text) : undefined };
    };
    expect(await ask('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', phase: 'serving' } });
    expect(await ask('HEAD', '/ready')).toMatchObject({ status: 200 });
    const refused = { status: 405, allow: 'GET, HEAD', body: { status: 'method not allowed', allowed: ['GET', 'HEAD'] } };
    expect(await ask('POST', '/health')).toEqual(refused);
    expect(await ask('DELETE', '/ready')).toEqual(refused);
    // Yoga's own health check answered both of these 200 with an empty body.
    expect((await ask('GET', '/lab/health')).status).toBe(404);
    expect(await ask('GET', '/graphql?query=%7B__typename%7D&x=/health')).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  test('METRICS_PORT: a server of its own answers GET /metrics, 405 to another method there, and 404 elsewhere', async () => {
    const server = createMetricsServer(new Registry());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const answers = await Promise.all(
        [
          ['GET', '/metrics'],
          ['HEAD', '/metrics'],
          ['POST', '/metrics'],
          ['GET', '/graphql'],
        ].map(async ([method, at]) => {
          const response = await fetch(`http://127.0.0.1:${port}${at}`, { method });
          return `${method} ${at}: ${response.status} ${response.headers.get('allow') ?? ''}`.trim();
        }),
      );
      expect(answers).toEqual(['GET /metrics: 200', 'HEAD /metrics: 200', 'POST /metrics: 405 GET, HEAD', 'GET /graphql: 404']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('every path the code serves is named on the page', () => {
    const missing = sourceFiles(SRC)
      .filter((file) => file.endsWith('.ts'))
      .flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/(['"])(\/[a-z][\w./-]*)\1/g)]
          .map((match) => match[2]!)
          .filter((served) => !ENDPOINTS.text.includes(served))
          .map((served) => `${relative(file)} names the path ${served}, which ${ENDPOINTS.name} does not`),
      );
    expect(missing).toEqual([]);
  });

  test('every header the code reads or sets is named on the page', () => {
    // The header constants the code reads headers through; an unknown one fails below, so it gets added here.
    const constants: Record<string, string> = { STRATEGY_HEADER, AWAIT_HEADER, EXPLAIN_HEADER, WRITE_HEADER, CACHE_HEADER, LAB_REQUEST_HEADER };
    const problems: string[] = [];
    const named = new Set<string>();
    for (const file of sourceFiles(SRC)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, argument] of text.matchAll(/(?:headers\.(?:get|set)|setHeader)\(\s*([^\s,)]+)/g)) {
        const literal = argument!.match(/^'([^']+)'$/)?.[1];
        if (literal) named.add(literal.toLowerCase());
        else if (constants[argument!]) named.add(constants[argument!]!);
        else problems.push(`${relative(file)} names a header through ${argument}, which this test does not know: add it to its constants`);
      }
      // Response headers written as object keys in the HTTP layer (`{ 'retry-after': '1' }`).
      if (/^src\/(http|plugins|metrics)\//.test(relative(file))) {
        for (const [, key] of text.matchAll(/'([a-z]+(?:-[a-z]+)+)':/g)) named.add(key!);
      }
    }
    for (const header of [STRATEGY_HEADER, AWAIT_HEADER, EXPLAIN_HEADER, WRITE_HEADER, CACHE_HEADER]) {
      if (!named.has(header)) problems.push(`the scan of src/ missed ${header}, which the app reads: it needs fixing`);
    }
    const missing = [...named].filter((header) => !ENDPOINTS.text.includes(`\`${header}\``));
    expect([...problems, ...missing.map((header) => `the code reads or sets the header ${header}, which ${ENDPOINTS.name} does not name`)]).toEqual(
      [],
    );
  });
});
