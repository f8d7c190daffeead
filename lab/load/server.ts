import http from 'node:http';
import { HEALTH_PATH } from '../../src/http/probes';
import { spawnProjectScript, whenListening } from '../server-process';

export interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ServerUnderLoad {
  origin: string;
  graphqlPath: string;
  pid: number;
  /** The server's own memory, from its `/health`. */
  memory(): Promise<Memory>;
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** The log lines with one of these messages (the rest, one per request, is read and dropped). */
  lines(msg: string): Array<Record<string, unknown>>;
}

// The lines worth keeping out of the many a server under load prints.
const KEPT = ['request cut', 'stopped', 'shutdown grace period over', 'database unavailable', 'unexpected error', 'still running'];

/** src/main.ts in a child process on a loopback port, with only the settings given here (never this shell's). */
export async function startServerUnderLoad(settings: Record<string, string>): Promise<ServerUnderLoad> {
  const child = spawnProjectScript('src/main.ts', [], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...settings });
  const kept: Array<Record<string, unknown>> = [];
  let head = '';
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    if (head.length < 20_000) head += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (KEPT.some((msg) => line.includes(`"msg":"${msg}`))) kept.push(JSON.parse(line));
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const { url, port } = await whenListening(child, () => head + stderr, 60_000);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    graphqlPath: new URL(url).pathname,
    pid: child.pid!,
    memory: async () => {
      const health = JSON.parse(await getText(`${origin}${HEALTH_PATH}`)) as { memory: Memory };
      return health.memory;
    },
    signal: (signal) => child.kill(signal),
    exited,
    lines: (msg) => kept.filter((line) => line.msg === msg),
  };
}

/** One GET on a connection of its own (so nothing is left open to the server afterwards). */
function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}
