import type { LoadReport } from '../../lab/load/report';
import { runScript, useFreshDatabase } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

// `npm run load` is a benchmark (60 s by default, see the README); this is its smoke run: a few seconds, a
// few connections, SIGTERM in the middle. Only counts are asserted, never speed.
describe(`npm run load, a smoke run [${TEST_DB}]`, () => {
  const database = useFreshDatabase();

  test('3 s at 4 connections, SIGTERM at 2 s: no errors, the 4 requests in flight answered 2xx, a clean exit', async () => {
    const { code, stdout, stderr } = await runScript(
      'lab/commands/load.ts',
      ['--duration', '3', '--connections', '4', '--sigterm-at', '2', '--json', '--database-url', database.url],
      {},
      60_000,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as LoadReport;
    expect(report.ok).toBe(true);
    expect(report.errors).toEqual({ connection: 0, timeouts: 0, non2xx: 0, graphql: 0 });
    for (const counts of Object.values(report.requests.byStrategy)) {
      expect(counts.responses).toBeGreaterThan(0);
      expect(counts).toMatchObject({ non2xx: 0, graphqlErrors: 0 });
    }
    // Each connection has one request out at any moment, so 4 were in flight at the signal.
    expect(report.sigterm).toMatchObject({ atSeconds: 2, inFlight: 4, answered: 4, failed: 0, cut: 0 });
    expect(report.exitCode).toBe(0);
    expect(report.memory.after.rssBytes).toBeGreaterThan(0);
  }, 90_000);
});
