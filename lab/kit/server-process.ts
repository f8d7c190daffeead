import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FixableError } from '../../src/errors';
import { buildIfStale } from './build';
import { productionStart } from './dockerfile';
import type { MemoryCgroup } from './memory-cgroup';

const ROOT = path.join(__dirname, '..', '..');

/** `npm start`'s preload: tsx's CommonJS hook, then telemetry (off unless an OTEL_* setting turns it on). */
const WITH_TELEMETRY = ['--require', 'tsx/cjs', '--require', './src/telemetry/register.ts'];

const IMAGE = productionStart();

/** The image's heap settings on its command line (V8 flags NODE_OPTIONS refuses): left out by `uncapped`. */
const HEAP_FLAG = /^--(heap-growing-percent|max-old-space-size|max-semi-space-size)=/;

/**
 * The servers the lab starts: the API as `npm start` runs it (TypeScript through tsx), the API as the production
 * image runs it (compiled JavaScript, the Dockerfile's CMD and ENV: NODE_ENV=production and the heap's bounds,
 * under whatever the caller sets), the same without any heap setting, and the bench's floor (no telemetry to load).
 * `compiled`: it runs dist/, built first if stale.
 */
const SERVERS: Record<
  'api' | 'production' | 'uncapped' | 'floor',
  { label: string; args: readonly string[]; env: Record<string, string>; compiled?: true }
> = {
  api: { label: 'API', args: [...WITH_TELEMETRY, 'src/main.ts'], env: {} },
  production: { label: 'API (compiled)', args: IMAGE.command.slice(1), env: IMAGE.env, compiled: true },
  // Neither NODE_OPTIONS nor the command line's heap flags: V8's own heap sizing, what the image's is measured against.
  uncapped: {
    label: 'API (compiled, uncapped)',
    args: IMAGE.command.slice(1).filter((arg) => !HEAP_FLAG.test(arg)),
    env: { ...IMAGE.env, NODE_OPTIONS: '' },
    compiled: true,
  },
  floor: { label: 'floor', args: ['--require', 'tsx/cjs', 'lab/bench/floor-server.ts'], env: {} },
};

export type ServerKind = keyof typeof SERVERS;

/** What each server prints once it listens (the API's log line, the floor's own), with the port it was given. */
const LISTENING = /listening: (http:\/\/(?:localhost|127\.0\.0\.1):(\d+)(\/[\w/-]*))/;
const STOP_GRACE_MS = 5_000;

/** Runs a project script in a child process with exactly `env` as its environment, preloaded as `npm start` is. */
export function spawnProjectScript(script: string, args: string[], env: Record<string, string | undefined>): ChildProcess {
  return spawnNode([...WITH_TELEMETRY, script, ...args], env);
}

function spawnNode(args: string[], env: Record<string, string | undefined>, cgroup?: MemoryCgroup): ChildProcess {
  const [command, commandArgs] = cgroup ? cgroup.wrap(process.execPath, args) : [process.execPath, args];
  return spawn(command, commandArgs, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Resolves with the URL and port the server's stdout (collected by `printed`) says it listens on; rejects if it
 * exits first or takes longer than `timeoutMs`.
 */
export function whenListening(child: ChildProcess, printed: () => string, timeoutMs: number): Promise<{ url: string; port: number; path: string }> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new FixableError(`the server ${why}:\n${printed()}`));
    const timer = setTimeout(() => fail(`did not start in ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const match = printed().match(LISTENING);
      if (!match) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      resolve({ url: match[1]!, port: Number(match[2]), path: match[3]! });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      fail(`exited with ${code} before listening`);
    };
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface ServerProcess {
  /** The server's URL on 127.0.0.1 (what it printed, with `localhost` pinned to IPv4 for every client). */
  url: string;
  origin: string;
  child: ChildProcess;
  /** The process's peak resident memory so far (Linux VmHWM), or null where /proc does not say. */
  peakMemoryBytes(): number | null;
  /** Its inspector's WebSocket URL, when it was started with `--inspect` among `nodeArgs`. */
  inspectorUrl?: string;
  /** How it was started: node's arguments (project-relative), and its NODE_OPTIONS if any. */
  command: string;
  nodeOptions: string | null;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period; once, however often it is called. */
  stop(): Promise<void>;
  /** Resolves with the exit code once the process has exited and everything it printed has been read. */
  exited: Promise<number | null>;
}

/**
 * A fresh server process on 127.0.0.1 with PORT=0 and the port read from its own "listening" line: a port picked
 * beforehand could be taken by another process meanwhile. The environment is the server kind's own and `env`
 * (never this shell's), at LOG_LEVEL=info, since that line is logged at info. The compiled server is built
 * first if dist/ is older than its sources. `nodeArgs` go to node before the server's own arguments; `cgroup`, the
 * memory-limited cgroup it runs in, as in a container.
 */
export async function startServerProcess(
  kind: ServerKind,
  env: Record<string, string | undefined>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
  cgroup?: MemoryCgroup,
): Promise<ServerProcess> {
  if (SERVERS[kind].compiled) buildIfStale();
  const args = [...nodeArgs, ...SERVERS[kind].args];
  const fullEnv: Record<string, string | undefined> = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...SERVERS[kind].env, ...env };
  const child = spawnNode(args, fullEnv, cgroup);
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  // 'close', not 'exit': by then everything the process printed has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= stopProcess(child, exited));
  try {
    const { port, path: urlPath } = await whenListening(child, () => output, timeoutMs);
    const origin = `http://127.0.0.1:${port}`;
    const signal = (name: NodeJS.Signals) => void child.kill(name);
    const inspectorUrl = output.match(/Debugger listening on (ws:\/\/\S+)/)?.[1];
    const command = ['node', ...args].join(' ');
    const nodeOptions = fullEnv.NODE_OPTIONS || null;
    return {
      url: `${origin}${urlPath}`,
      origin,
      child,
      peakMemoryBytes: () => peakMemory(child.pid!),
      inspectorUrl,
      command,
      nodeOptions,
      signal,
      stop,
      exited,
    };
  } catch {
    await stop();
    const lastLines = output.trim().split('\n').slice(-3).join(' | ') || 'no output';
    throw new FixableError(`the ${SERVERS[kind].label} server did not start: ${lastLines}`);
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
  await exited;
}

function peakMemory(pid: number): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
