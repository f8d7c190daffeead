import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnProjectScript, whenListening } from '../../lab/kit/server-process';
import { createScratchPostgresDatabase } from '../../src/db/scratch-database';
import { TEST_DB } from './test-app';

export interface Exited {
  code: number | null;
  /** When the process exited (Date.now()), to compare with the times on its log lines. */
  at: number;
  stdout: string;
  stderr: string;
}

/** Runs a project script (as `npm start` / `npm run seed` would) to completion. */
export function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs = 30_000): Promise<Exited> {
  const child = spawnScript(script, args, env);
  return exited(child, timeoutMs);
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stdout(): string;
  /** Sends `signal` and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<Exited>;
}

/** Starts src/main.ts on a free port and resolves once it logs that it is listening. */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<RunningServer> {
  const child = spawnScript('src/main.ts', [], { PORT: '0', HOST: '127.0.0.1', ...env });
  const output = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk));
  const { url } = await whenListening(child, () => output.stdout + output.stderr, timeoutMs);
  const done = exited(child, 120_000, output);
  return {
    url,
    child,
    stdout: () => output.stdout,
    stop: (signal = 'SIGTERM') => {
      child.kill(signal);
      return done;
    },
  };
}

function spawnScript(script: string, args: string[], env: Record<string, string>): ChildProcess {
  return spawnProjectScript(script, args, { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env });
}

function exited(child: ChildProcess, timeoutMs: number, output = { stdout: '', stderr: '' }): Promise<Exited> {
  if (!child.stdout!.listenerCount('data')) {
    child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`process did not exit in ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const at = Date.now();
      // Let the pipes drain before reading what was printed.
      setImmediate(() => resolve({ code, at, ...output }));
    });
  });
}

/** The JSON log lines a process printed. */
export function logLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

/** A DATABASE_URL of this project's kind that no other test uses: a temporary SQLite file or PostgreSQL database. */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DB === 'postgres') {
    const scratch = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL!, 'n1lab_test');
    return { url: scratch.url, drop: scratch.drop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-'));
  return { url: `sqlite:${path.join(dir, 'lab.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** GET one of the server's own paths (`/health`, `/ready`) and parse its JSON answer. */
export async function probe(server: RunningServer, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The log lines matching `match`, once at least `count` of them have arrived (the child's pipe lags its writes). */
export async function logLinesOnce(
  server: RunningServer,
  match: (line: Record<string, unknown>) => boolean,
  count = 1,
  timeoutMs = 5000,
): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = logLines(server.stdout()).filter(match);
    if (lines.length >= count || Date.now() > deadline) return lines;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A fresh database (see freshDatabaseUrl) for the tests of the enclosing describe block, dropped after them.
 * Jest runs afterAll hooks in the order they were declared: declare a server's stop before calling this.
 */
export function useFreshDatabase(): { readonly url: string } {
  let database: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    database = await freshDatabaseUrl();
  });
  afterAll(() => database?.drop());
  return {
    get url() {
      return database!.url;
    },
  };
}
