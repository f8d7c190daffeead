import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchError } from './options';

const ROOT = path.resolve(__dirname, '..', '..');

/** What a cell measures: the API under one strategy, or the floor. */
export type TargetKind = 'graphql' | 'floor';

/**
 * The same command lines as `npm start` (tsx's CommonJS hook, telemetry preload, src/main.ts) and as the floor's
 * own header says. Telemetry stays off unless the run traces (`--traces`: OTLP to the bench's own sink).
 */
const ARGS: Record<TargetKind, string[]> = {
  graphql: ['--require', 'tsx/cjs', '--require', './src/telemetry/register.ts', 'src/main.ts'],
  floor: ['--require', 'tsx/cjs', 'lab/bench/floor-server.ts'],
};
/** What each prints once it listens (the API's log line, the floor's own), with the port it was given. */
const LISTENING = /listening: http:\/\/(?:localhost|127\.0\.0\.1):(\d+)(\/[\w/-]*)/;
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
 * Starts a fresh server process, so each cell's peak memory is its own. PORT=0 and the port read from the
 * process's own "listening" line: a port picked beforehand by the driver could be taken by another process in
 * the meantime (a busy machine runs test servers and clients), and a health check could then reach that one.
 * That line is logged at info, so LOG_LEVEL=info: one summary line per request, drained and dropped here.
 */
export async function startTarget(kind: TargetKind, databaseUrl: string, otlpEndpoint?: string): Promise<RunningTarget> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  // naive at N=1000 queues 10,000 statements on the pool: under the default DB_ACQUIRE_TIMEOUT_MS (2 s) the last
  // ones would give up (503), which is the lesson of the N+1, but a benchmark has to measure the whole request.
  const bounds = { DB_ACQUIRE_TIMEOUT_MS: '120000', DB_STATEMENT_TIMEOUT_MS: '120000' };
  // Requests still in flight at the stop are the throughput run's leftovers: cut them, don't wait (naive at
  // N=1000 would hold the stop for the whole grace period). Start-up compiles ~1,400 modules: V8's compile cache
  // (Node's own default directory) takes ~0.4 s off each of a run's 18 starts.
  const stopAndStart = { SHUTDOWN_GRACE_MS: '0', NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'node-compile-cache') };
  const traces = otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' } : {};
  const child = spawn(process.execPath, ARGS[kind], {
    cwd: ROOT,
    env: { ...env, ...stopAndStart, ...(kind === 'graphql' ? { ...bounds, ...traces } : {}), DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // 'close', not 'exit': by then everything the process printed has been read.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  const url = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), START_TIMEOUT_MS);
    const look = () => {
      const match = output.match(LISTENING);
      if (match) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        resolve(`http://127.0.0.1:${match[1]}${match[2]}`);
      }
    };
    child.stdout!.on('data', look);
    void closed.then(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
  // Once: Ctrl-C and the cell's own clean-up both stop it, and a second SIGTERM would kill the server outright.
  let stopping: Promise<void> | undefined;
  if (url) return { url, peakMemoryBytes: () => peakMemory(child.pid!), stop: () => (stopping ??= stop(child, closed)) };
  await stop(child, closed);
  const lastLines = output.trim().split('\n').slice(-3).join(' | ') || 'no output';
  throw new BenchError(`the ${kind === 'floor' ? 'floor' : 'API'} server did not start: ${lastLines}`);
}

async function stop(child: ChildProcess, closed: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await closed;
    clearTimeout(timer);
  }
  await closed;
}

function peakMemory(pid: number): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
