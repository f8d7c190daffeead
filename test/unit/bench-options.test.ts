import { BENCH_COMMAND } from '../../lab/bench/flags';
import { checkBenchOptions } from '../../lab/bench/options';
import { helpText, parseFlags } from '../../src/cli';
import { FixableError } from '../../src/errors';
import { STRATEGY_NAMES } from '../../src/strategies';

/** `npm run bench -- …argv` as the command reads it: the flag table, then the checks. */
function benchOptions(argv: string[]) {
  const values = parseFlags(BENCH_COMMAND, argv);
  if (values === 'help') throw new Error('--help given');
  return checkBenchOptions(values, argv, '/repo');
}

describe('npm run bench options', () => {
  test('defaults: N 20, 100, 1000, every strategy in src/strategies, SQLite, 4 connections, docs/benchmarks, the compiled server', () => {
    expect(benchOptions([])).toEqual({
      n: [20, 100, 1000],
      strategies: STRATEGY_NAMES,
      databaseUrl: undefined,
      durationS: 2,
      connections: 4,
      requests: 50,
      budgetS: 3,
      outDir: '/repo/docs/benchmarks',
      json: false,
      traces: false,
      tracingCost: false,
      historyCost: false,
      floorInTurn: false,
      inTurnRounds: 3,
      start: 'compiled',
      argv: [],
    });
    expect(benchOptions(['--start', 'tsx'])).toMatchObject({ start: 'tsx' });
    expect(benchOptions(['--traces'])).toMatchObject({ traces: true, tracingCost: false });
    expect(benchOptions(['--tracing-cost'])).toMatchObject({ traces: false, tracingCost: true, floorInTurn: false });
    expect(benchOptions(['--floor-in-turn'])).toMatchObject({ tracingCost: false, floorInTurn: true });
    expect(benchOptions(['--history-cost'])).toMatchObject({
      traces: false,
      tracingCost: false,
      historyCost: true,
      floorInTurn: false,
      inTurnRounds: 3,
    });
    expect(benchOptions(['--history-cost', '--in-turn-rounds', '2'])).toMatchObject({ historyCost: true, inTurnRounds: 2 });
    expect(benchOptions(['--tracing-cost', '--in-turn-rounds', '5'])).toMatchObject({ tracingCost: true, inTurnRounds: 5 });
    expect(benchOptions(['--out', 'elsewhere'])).toMatchObject({ outDir: '/repo/elsewhere' });
  });

  test('any list of N, sorted and without repeats; strategies in the order given', () => {
    expect(benchOptions(['--n', '1000,5, 20,5', '--strategies', 'Batched,naive'])).toMatchObject({
      n: [5, 20, 1000],
      strategies: ['batched', 'naive'],
    });
  });

  test.each([
    [['--n', '20,5000'], '--n takes comma-separated whole numbers from 1 to 1000 (users(first:) allows no more); got "20,5000"'],
    [['--strategies', 'naive,fast'], `--strategies takes a comma-separated list of ${STRATEGY_NAMES.join(', ')}; got "naive,fast"`],
    [['--duration', '0'], '--duration must be a whole number from 1 to 60; got "0"'],
    [['--connections', 'many'], '--connections must be a whole number from 1 to 64; got "many"'],
    [['--requests', '1.5'], '--requests must be a whole number from 1 to 10000; got "1.5"'],
    [['--tracing-cost', '--in-turn-rounds', '0'], '--in-turn-rounds must be a whole number from 1 to 20; got "0"'],
    [['--history-cost', '--in-turn-rounds', '21'], '--in-turn-rounds must be a whole number from 1 to 20; got "21"'],
    [['--in-turn-rounds', '5'], '--in-turn-rounds sets the rounds of --tracing-cost, --history-cost and --floor-in-turn; got it without any of them'],
    [['--history-cost=yes'], "Option '--history-cost' does not take an argument (npm run bench -- --help lists the options)"],
    [['--budget', '-1'], "Option '--budget' argument is ambiguous (npm run bench -- --help lists the options)"],
    [['--database-url', 'mysql://u:secret@h/db'], /^--database-url takes a postgres:\/\/ URL .*; got "mysql:\/\/u:\*\*\*@h\/db"$/],
    [['--database-url', 'postgres://localhost'], /^--database-url takes a postgres:\/\/ URL naming a server and a database/],
    [['--database-url', 'sqlite:bench.sqlite'], /^--database-url takes a postgres:\/\/ URL naming a server and a database/],
    [['--start', 'ts-node'], '--start is compiled or tsx; got "ts-node"'],
    [['--fast'], "Unknown option '--fast' (npm run bench -- --help lists the options)"],
    [['fast'], "Unexpected argument 'fast'. This command does not take positional arguments (npm run bench -- --help lists the options)"],
  ])('%j: one line naming the flag, what it takes and the value', (argv, message) => {
    expect(() => benchOptions(argv)).toThrow(FixableError);
    expect(() => benchOptions(argv)).toThrow(message instanceof RegExp ? message : new Error(message));
  });

  test('--help: the flag table, each flag with its value, default and meaning', () => {
    expect(parseFlags(BENCH_COMMAND, ['--n', '5', '--help'])).toBe('help');
    const help = helpText(BENCH_COMMAND).split('\n');
    expect(help[0]).toBe('npm run bench -- [options]');
    expect(help).toContainEqual(expect.stringMatching(/^option +value +default +meaning$/));
    expect(help).toContainEqual(expect.stringMatching(/^--n +LIST +20,100,1000 +page sizes, 1 to 1000$/));
    expect(help).toContainEqual(expect.stringMatching(/^--tracing-cost +per strategy cell, a traced and an untraced server/));
    expect(help).toContainEqual(
      expect.stringMatching(/^--history-cost +per strategy cell, a server without the lab's history \(LAB_HISTORY=0\) and one with it/),
    );
    expect(help).toContainEqual(expect.stringMatching(/^--help +print these options and exit$/));
    for (const flag of Object.keys(BENCH_COMMAND.flags)) expect(help).toContainEqual(expect.stringMatching(new RegExp(`^--${flag} `)));
  });
});
