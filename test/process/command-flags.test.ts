import { runScript } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

/** Every command reads its flags from one table: an unknown one is one line and exit 1, --help prints the table. */
describe(`command-line flags [${TEST_DB}]`, () => {
  // A database nobody else uses, in case a command ran anyway.
  const env = { DATABASE_URL: 'sqlite::memory:' };

  test.each([
    ['scripts/seed.ts', ['--foo'], "seed: Unknown option '--foo' (npm run seed -- --help lists the options)"],
    ['scripts/seed.ts', ['--users'], "seed: Option '--users <value>' argument missing (npm run seed -- --help lists the options)"],
    ['lab/commands/bench-report.ts', ['--foo'], "bench:report: Unknown option '--foo' (npm run bench:report -- --help lists the options)"],
    [
      'lab/commands/bench.ts',
      ['--strategies', 'naive,fast'],
      'bench: --strategies takes a comma-separated list of naive, batched, joined, select-in, balanced, orm-dataloader; got "naive,fast"',
    ],
    [
      'lab/commands/load.ts',
      ['--users', '100', '--first', '99'],
      'load: the writes need 2 users beyond those the reads see (ids 1 to 99), so that their orders do not lengthen the reads; ' +
        'the last users are [99,100]: seed 101 users or more, or --writes off',
    ],
  ])('%s %j: one line naming the flag, no stack; exit 1', async (script, args, line) => {
    const { code, stdout, stderr } = await runScript(script, args, env);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([line]);
    expect(code).toBe(1);
  });

  test('npm run seed -- --help: the flag table (name, value, default, meaning); nothing seeded', async () => {
    const { code, stdout, stderr } = await runScript('scripts/seed.ts', ['--help'], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('npm run seed -- [options]');
    expect(lines).toContainEqual(expect.stringMatching(/^option +value +default +meaning$/));
    expect(lines).toContainEqual(expect.stringMatching(/^--users +N +20 +users to seed, 0 to 1000000/));
    expect(lines).toContainEqual(expect.stringMatching(/^--help +print these options and exit$/));
    expect(stdout).not.toContain('Seeded');
  });
});
