import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { FixableError } from './errors';

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

/**
 * A script's flags (node:util's parseArgs, strict): an unknown or malformed flag is a FixableError that says
 * where the options are listed, `npm run <script> -- --help`.
 */
export function parseFlags<T extends ParseArgsOptionsConfig>(script: string, options: T) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    throw new FixableError(`${error instanceof Error ? error.message : error} (npm run ${script} -- --help lists the options)`);
  }
}
