import os from 'node:os';
import path from 'node:path';
import { type ServerProcess, startServerProcess } from '../kit/server-process';

const START_TIMEOUT_MS = 30_000;

/** The API compiled, with the production image's command line and environment, or through tsx as `npm start`. */
export type ApiStart = 'compiled' | 'tsx';

export interface TargetOptions {
  /** How API servers start (the floor has one way). */
  start: ApiStart;
  /** The run traces: OTLP/HTTP (protobuf) to the bench's own sink. API servers only. */
  otlpEndpoint?: string;
  /** More of the server's environment, over the bench's own settings (`LAB_HISTORY` for --history-cost). */
  env?: Record<string, string>;
}

/**
 * A fresh server process for one cell (or one side of an in-turn round), so each one's peak memory is its own.
 * Telemetry stays off unless the run traces (`otlpEndpoint`).
 */
export function startTarget(kind: 'api' | 'floor', databaseUrl: string, { start, otlpEndpoint, env: extra }: TargetOptions): Promise<ServerProcess> {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: databaseUrl,
    // What the load run leaves in flight at the stop is cut, not waited for: the next cell should not wait.
    SHUTDOWN_GRACE_MS: '0',
    // A run starts many servers: V8's compile cache (Node's own default directory) shortens each start.
    NODE_COMPILE_CACHE: path.join(os.tmpdir(), 'node-compile-cache'),
  };
  if (kind === 'floor') return startServerProcess('floor', { ...env, ...extra }, START_TIMEOUT_MS);
  // A benchmark measures the whole request: a pool queue as long as naive's at N=1000 must not time out (503).
  const bounds = { DB_ACQUIRE_TIMEOUT_MS: '120000', DB_STATEMENT_TIMEOUT_MS: '120000' };
  const traces = otlpEndpoint ? { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' } : {};
  // The counts and the time split the report shows: NODE_ENV=production (the compiled start) turns them off.
  const stats = { QUERY_STATS: 'on' };
  return startServerProcess(start === 'compiled' ? 'production' : 'api', { ...env, ...bounds, ...stats, ...traces, ...extra }, START_TIMEOUT_MS);
}
