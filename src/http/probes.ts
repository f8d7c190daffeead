import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readiness } from '../db/readiness';

/** Where the process is in its life: migrating and seeding, answering, or shutting down. */
export type Phase = 'starting' | 'serving' | 'draining';

export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';

/**
 * Answers the probes, before Yoga and in every phase (so also while the database is migrated and seeded, and
 * while shutting down), any method but GET and HEAD with 405; returns false for any other path.
 * - `GET /health`, liveness: 200 whenever the process answers at all, with its uptime and memory.
 * - `GET /ready`, readiness: 200 once serving and the database answers `select 1` in time; otherwise 503
 *   saying why (`starting`, `shutting down`, or the database's failure).
 */
export function answerProbe(req: IncomingMessage, res: ServerResponse, phase: Phase, checkDatabase: () => Promise<Readiness>): boolean {
  const path = req.url?.split('?')[0];
  if (path !== HEALTH_PATH && path !== READY_PATH) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, { status: 'method not allowed', allowed: ['GET', 'HEAD'] }, { allow: 'GET, HEAD' });
    return true;
  }
  if (path === HEALTH_PATH) {
    const { rss, heapUsed } = process.memoryUsage();
    send(res, 200, { status: 'ok', phase, uptimeSeconds: Math.round(process.uptime()), memory: { rssBytes: rss, heapUsedBytes: heapUsed } });
    return true;
  }
  if (phase === 'starting') send(res, 503, { status: 'starting' });
  else if (phase === 'draining') send(res, 503, { status: 'shutting down' });
  else {
    void checkDatabase().then((readiness) =>
      send(res, readiness.ok ? 200 : 503, readiness.ok ? { status: 'ready' } : { status: 'unavailable', reason: readiness.reason }),
    );
  }
  return true;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  // A probe's answer is only ever true now: never cached by anything in between.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
