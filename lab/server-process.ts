import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { FixableError } from '../src/errors';

const ROOT = path.join(__dirname, '..');
const LISTENING = /listening: (http:\/\/localhost:(\d+)\/graphql)/;

/**
 * Runs a project script in a child process with exactly `env` as its environment, the way `npm start` runs
 * src/main.ts: tsx's CommonJS hook, then telemetry (off unless an OTEL_* setting turns it on), then the script.
 */
export function spawnProjectScript(script: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', '--require', './src/telemetry/register.ts', script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Resolves with the server's GraphQL URL and port once its stdout (collected by `printed`) says it is
 * listening; rejects if it exits first or takes longer than `timeoutMs`.
 */
export function whenListening(
  child: ChildProcess,
  printed: () => string,
  timeoutMs: number,
): Promise<{ url: string; port: number }> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new FixableError(`the server ${why}:\n${printed()}`));
    const timer = setTimeout(() => fail(`did not start in ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const match = printed().match(LISTENING);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve({ url: match[1]!, port: Number(match[2]) });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(`exited with ${code} before listening`);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}
