import { parseArgs } from 'node:util';
import { FixableError } from './errors';
import { ConfigError } from './settings';
import { textTable } from './text-table';

/**
 * Runs a command-line entry point (`npm start`, every script) to the end. A FixableError prints as
 * `<command>: <message>` and exits with its exit code (1 unless it says otherwise), anything else with its
 * stack and exit code 1.
 */
export function runCli(command: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof FixableError) console.error(`${command}: ${error.message}`);
    else console.error(`${command}: unexpected error`, error);
    process.exit(error instanceof FixableError ? error.exitCode : 1);
  });
}

/** One flag: an option that takes a value (`value` names it, e.g. `N`), or a switch (no `value`). */
export interface Flag {
  value?: string;
  default?: string;
  meaning: string;
}

/** A command-line entry point: its npm script, what it does, and every flag it takes. */
export interface Command<T extends Record<string, Flag> = Record<string, Flag>> {
  /** `npm run <name>`: errors start with it, and `npm run <name> -- --help` prints the flags. */
  name: string;
  summary: string;
  flags: T;
}

/** An option's value (always set when it has a default), or a switch's true or false. */
export type FlagValues<T extends Record<string, Flag>> = {
  [K in keyof T]: T[K] extends { value: string } ? (T[K] extends { default: string } ? string : string | undefined) : boolean;
};

const HELP: Flag = { meaning: 'print these options and exit' };

/**
 * The flags in `argv` (strict: no positionals), or 'help' for --help. An unknown or malformed flag is one line
 * naming it and where the options are listed.
 */
export function parseFlags<T extends Record<string, Flag>>(command: Command<T>, argv: string[]): FlagValues<T> | 'help' {
  const flags: Record<string, Flag> = { ...command.flags, help: HELP };
  const options = Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [
      name,
      flag.value ? { type: 'string' as const, default: flag.default } : { type: 'boolean' as const, default: false },
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options }));
  } catch (error) {
    // parseArgs's own words (unknown option, missing or ambiguous value), first line only.
    const message = String((error as Error)?.message ?? error)
      .split('\n')[0]!
      .replace(/\.$/, '');
    throw new ConfigError(`${message} (npm run ${command.name} -- --help lists the options)`);
  }
  return values.help ? 'help' : (values as FlagValues<T>);
}

/** What --help prints: the command, what it does, and a table of its flags. */
export function helpText(command: Command): string {
  const rows = Object.entries({ ...command.flags, help: HELP }).map(([name, flag]) => [
    `--${name}`,
    flag.value ?? '',
    flag.default ?? '',
    flag.meaning,
  ]);
  const table = textTable(['option', 'value', 'default', 'meaning'], rows, [false, false, false, false]);
  return [`npm run ${command.name} -- [options]`, '', command.summary, '', ...table, ''].join('\n');
}

/** Runs a command (see runCli): --help prints its flags; otherwise `main` gets them and the arguments as given. */
export function runCommand<T extends Record<string, Flag>>(
  command: Command<T>,
  main: (values: FlagValues<T>, argv: string[]) => Promise<void>,
): void {
  runCli(command.name, async () => {
    const argv = process.argv.slice(2);
    const values = parseFlags(command, argv);
    if (values === 'help') process.stdout.write(helpText(command));
    else await main(values, argv);
  });
}
