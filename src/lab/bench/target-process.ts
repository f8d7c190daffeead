import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { BenchError } from './options';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What a cell measures: the API under one strategy, or the floor. */
export type TargetKind = 'graphql' | 'floor';

/**
 * The same command lines as `npm start` (tsx's CommonJS hook, telemetry preload, src/main.ts) and as the floor's
 * own header says. Telemetry stays off: the child gets no OTEL_* variable.
 */
const ARGS: Record<TargetKind, string[]> = {
  graphql: ['--require', 'tsx/cjs', '--require', './src/telemetry/register.ts', 'src/main.ts'],
  floor: ['--require', 'tsx/cjs', 'src/lab/bench/floor-server.ts'],
};
const ENDPOINT: Record<TargetKind, string> = { graphql: '/graphql', floor: '/' };
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

export interface RunningTarget {
  url: string;
  /** The process's peak resident memory so far (Linux VmHWM), or null where /proc does not say. */
  peakMemoryBytes(): number | null;
  /** SIGTERM, then SIGKILL if it has not exited after a grace period. */
  stop(): Promise<void>;
}

/**
 * Starts a fresh server process, so each cell's peak memory is its own. LOG_LEVEL=warn keeps request logging
 * out of the measurement, which also hides the "listening" line (info): so the driver picks the port and polls
 * `/health` (Yoga's, and the floor's) until the process answers.
 */
export async function startTarget(kind: TargetKind, databaseUrl: string): Promise<RunningTarget> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, ARGS[kind], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk).slice(-4000));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const origin = `http://127.0.0.1:${port}`;
    if (await waitUntilHealthy(origin, exited)) {
      return { url: origin + ENDPOINT[kind], peakMemoryBytes: () => peakMemory(child.pid!), stop: () => stop(child, exited) };
    }
    await stop(child, exited);
    // Another process took the port between our probe and the child's listen: rare, so try a new one.
    if (/EADDRINUSE|cannot be used/.test(output) && attempt < 3) continue;
    const lastLines = output.trim().split('\n').slice(-3).join(' | ') || 'no output';
    throw new BenchError(`the ${kind === 'floor' ? 'floor' : 'API'} server did not start: ${lastLines}`);
  }
}

async function waitUntilHealthy(origin: string, exited: Promise<void>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!gone && Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

function peakMemory(pid: number): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
