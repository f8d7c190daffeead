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
