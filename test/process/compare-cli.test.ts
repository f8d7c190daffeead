import { sendOperation } from '../../lab/client';
import type { Comparison } from '../../lab/compare/compare';
import { OtlpCollector } from '../support/otlp-collector';
import { freshDatabaseUrl, runScript, startServer } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** `npm run compare` as a user runs it: the script in a child process, with the same preload as npm start. */
const compare = (args: string[], env: Record<string, string> = {}) => runScript('lab/commands/compare.ts', args, env, 60_000);

describe(`npm run compare [${TEST_DB}]`, () => {
  test('in-process, JSON: every strategy at the seeded size', async () => {
    const { code, stdout, stderr } = await compare(['--json', '--repeat', '2', '--users', '10']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const comparison: Comparison = JSON.parse(stdout);
    expect(comparison).toMatchObject({ operation: 'UsersOrdersItemsProducts', repeat: 2, target: 'in-process (SQLite, 10 users)' });
    expect(comparison.results.map((result) => [result.strategy, result.sqlCount, result.nPlusOne.length])).toEqual([
      ['naive', 51, 3],
      ['batched', 4, 0],
      ['joined', 1, 0],
      ['select-in', 4, 0],
      ['balanced', 3, 0],
      ['orm-dataloader', 4, 0],
    ]);
  });

  test('against a running server: the table’s numbers are the server’s queryStats', async () => {
    const database = await freshDatabaseUrl();
    const server = await startServer({ DATABASE_URL: database.url });
    try {
      const query = '{ users(first: 3) { id orderCount } }';
      const { code, stdout } = await compare(['--url', server.url, '--query', query, '--strategies', 'naive,batched']);
      expect(code).toBe(0);
      for (const strategy of ['naive', 'batched']) {
        const { body } = await sendOperation(server.url, { query, strategy });
        const { sqlCount, nPlusOne } = body.extensions!.queryStats!;
        const row = stdout
          .split('\n')
          .find((line) => line.startsWith(`${strategy} `))!
          .trim()
          .split(/\s+/);
        expect([row[1], row[10]]).toEqual([String(sqlCount), String(nPlusOne.length)]);
      }
      expect(stdout).toContain(`(anonymous operation) against ${server.url} (1 run)`);
    } finally {
      await server.stop();
      await database.drop();
    }
  });

  test('with traces exported: trace ids the collector received, and Jaeger links', async () => {
    const collector = new OtlpCollector();
    const endpoint = await collector.start();
    try {
      const { code, stdout } = await compare(['--json', '--jaeger', 'http://jaeger.test:16686'], {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        // Every resolver span, so every statement has its SQL span (the cap has its own test).
        TRACE_RESOLVER_SPANS_PER_PATH: '1000',
      });
      expect(code).toBe(0);
      const comparison: Comparison = JSON.parse(stdout);
      const [naive, batched] = comparison.results;
      expect(naive!.traceUrl).toBe(`http://jaeger.test:16686/trace/${naive!.traceId}`);
      expect(comparison.jaegerCompare[0]!.url).toBe(
        `http://jaeger.test:16686/trace/${naive!.traceId}...${batched!.traceId}?cohort=${naive!.traceId}&cohort=${batched!.traceId}`,
      );
      // Flushed before the CLI exited: every trace it printed is at the collector.
      for (const result of comparison.results) {
        expect(collector.trace(result.traceId!).filter((span) => span.attributes['db.query.text'])).toHaveLength(result.sqlCount);
      }
    } finally {
      await collector.stop();
    }
  });

  test.each([
    [['--strategies', 'naive,fast'], 'compare: unknown strategy "fast": expected naive, batched, joined'],
    [['--url', 'http://127.0.0.1:59999/graphql'], /^compare: cannot reach http:\/\/127\.0\.0\.1:59999\/graphql: .*ECONNREFUSED/],
    [['--query', '{ users(first: 5000) { id } }'], 'compare: the operation failed under naive: Argument "first" must be from 1 to 1000; got 5000'],
    [['--repeat', 'many'], 'compare: --repeat must be a whole number from 1 to 1000; got "many"'],
  ])('%j: one line, non-zero exit', async (args, message) => {
    const { code, stdout, stderr } = await compare(args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
