import http from 'node:http';
import { HEALTH_PATH } from '../../src/http/probes';
import { type ServerProcess, startServerProcess } from '../kit/server-process';

/** The API as the production image runs it (compiled, capped heap) or as `npm start` does (tsx). */
export type LoadStart = 'compiled' | 'tsx';

export interface Memory {
  rssBytes: number;
  heapUsedBytes: number;
}

export interface ServerUnderLoad extends ServerProcess {
  /** The server's own memory, from its `/health`. */
  memory(): Promise<Memory>;
  /** The log lines with one of these messages (the rest, one per request, is read and dropped). */
  lines(msg: string): Array<Record<string, unknown>>;
}

// The lines worth keeping out of the many a server under load prints.
const KEPT = ['request cut', 'stopped', 'shutdown grace period over', 'database unavailable', 'unexpected error', 'still running'];

/**
 * The API in a child process on a loopback port, compiled as the image runs it or through tsx as `npm start`
 * does, with only the settings given here (never this shell's) and `nodeArgs` for node itself.
 */
export async function startServerUnderLoad(start: LoadStart, settings: Record<string, string>, nodeArgs: string[] = []): Promise<ServerUnderLoad> {
  const server = await startServerProcess(start === 'compiled' ? 'production' : 'api', settings, 60_000, nodeArgs);
  const kept: Array<Record<string, unknown>> = [];
  let pending = '';
  server.child.stdout!.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (KEPT.some((msg) => line.includes(`"msg":"${msg}`))) kept.push(JSON.parse(line));
  });
  return {
    ...server,
    memory: async () => (JSON.parse(await getText(`${server.origin}${HEALTH_PATH}`)) as { memory: Memory }).memory,
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
