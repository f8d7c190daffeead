import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * prometheus/: the SLO and baseline rules, checked and unit-tested by promtool (prometheus/rules.test.yml holds
 * the cases, with exact values), and the compose file's scrape configuration. promtool comes from Debian's
 * `prometheus` package; .ci/run installs it, and CI fails without it.
 */
const DIR = path.join(__dirname, '..', '..', 'prometheus');
const PROMTOOL = process.env.PROMTOOL_PATH ?? 'promtool';
const available = spawnSync(PROMTOOL, ['--version']).status === 0;
if (!available) {
  if (process.env.CI === 'true') throw new Error(`CI=true but ${PROMTOOL} is missing (apt-get install prometheus)`);
  console.warn(`[graphql-n1-lab] promtool tests SKIPPED: no ${PROMTOOL} on PATH (apt-get install prometheus)`);
}

const promtool = (...args: string[]) => {
  const run = spawnSync(PROMTOOL, args, { cwd: DIR, encoding: 'utf8' });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
};

(available ? describe : describe.skip)('prometheus/ under promtool', () => {
  test('rules.yml is valid: 3 recording rules and 2 alerts', () => {
    expect(promtool('check', 'rules', 'rules.yml')).toEqual({ code: 0, output: expect.stringContaining('SUCCESS: 5 rules found') });
  });

  test("rules.test.yml's cases pass: the p95, statements per request, N+1 per minute, and when each alert fires", () => {
    expect(promtool('test', 'rules', 'rules.test.yml')).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('a rule that drifts from its cases fails them (an SLO of 500 ms no longer fires at 487.5 ms)', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-rules-'));
    try {
      fs.writeFileSync(path.join(scratch, 'rules.yml'), fs.readFileSync(path.join(DIR, 'rules.yml'), 'utf8').replace('> 0.25', '> 0.5'));
      fs.copyFileSync(path.join(DIR, 'rules.test.yml'), path.join(scratch, 'rules.test.yml'));
      const run = spawnSync(PROMTOOL, ['test', 'rules', 'rules.test.yml'], { cwd: scratch, encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout + run.stderr).toContain('alertname: GraphQLOperationSlow, time: 10m');
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  test("prometheus.yml (the compose file's) is valid and loads rules.yml", () => {
    const { code, output } = promtool('check', 'config', 'prometheus.yml');
    expect(code).toBe(0);
    expect(output).toContain('SUCCESS: 5 rules found');
  });
});

describe('prometheus/prometheus.yml', () => {
  test('scrapes /metrics of the app in compose and of `npm start` on the host', () => {
    const config = parse(fs.readFileSync(path.join(DIR, 'prometheus.yml'), 'utf8'));
    expect(config.rule_files).toEqual(['rules.yml']);
    expect(config.scrape_configs).toEqual([
      { job_name: 'graphql-n1-lab', metrics_path: '/metrics', static_configs: [{ targets: ['app:4000', 'host.docker.internal:4000'] }] },
    ]);
  });
});
