import { createServer, type RequestListener, type ServerResponse } from 'node:http';
import net from 'node:net';
import type { Readiness } from '../db/readiness';
import { FixableError } from '../errors';
import type { Logger } from '../logger';
import { answerProbe, type Phase } from './probes';

export interface ServiceOptions {
  host: string;
  port: number;
  logger: Logger;
  /** How long requests in flight at shutdown may take before they are cut. */
  graceMs: number;
}

export interface DrainReport {
  /** Requests in flight when draining began, or arriving on already open connections after it, that finished. */
  finished: number;
  /** Requests still running when the grace period ran out: their connections were closed under them. */
  cut: number;
}

export interface Service {
  port: number;
  /** From now on requests go to `app`, and `/ready` asks `checkDatabase`. */
  serve(app: RequestListener, checkDatabase: () => Promise<Readiness>): void;
  /** Shuts the door and waits for the requests inside: see docs/guide/10-production.md. */
  drain(): Promise<DrainReport>;
}

// After the cut, how long a cut request may take to notice (its next statement fails at once) and settle.
const SETTLE_AFTER_CUT_MS = 2000;
const STARTING = JSON.stringify({ errors: [{ message: 'The server is starting; try again shortly.' }] });

/**
 * Binds the port first, before the database is touched, so a port in use fails start-up at once. Until
 * `serve`, the probes answer (`/ready` says starting) and everything else gets 503.
 */
export async function listen({ host, port, logger, graceMs }: ServiceOptions): Promise<Service> {
  let phase: Phase = 'starting';
  let app: RequestListener | undefined;
  let checkDatabase: () => Promise<Readiness> = async () => ({ ok: false, reason: 'starting' });
  /** Each request's response, and the promise of its handler having returned (a cut one keeps running). */
  const inFlight = new Map<ServerResponse, Promise<void>>();
  let finished = 0;

  /** Waits up to `ms` for no request to be in flight (counting ones that arrive meanwhile); true if none is. */
  async function emptied(ms: number): Promise<boolean> {
    const deadline = performance.now() + ms;
    while (inFlight.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      await settled([...inFlight.values()], left);
    }
    return true;
  }

  const server = createServer((req, res) => {
    if (phase === 'draining') res.setHeader('connection', 'close');
    if (answerProbe(req, res, phase, checkDatabase)) return;
    if (!app) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }).end(STARTING);
      return;
    }
    const handler = app;
    const handled = new Promise<void>((resolve) => resolve(handler(req, res) as unknown as Promise<void>))
      .catch((error: unknown) => logger.error({ err: error }, 'request handler failed'))
      .finally(() => {
        inFlight.delete(res);
        if (phase === 'draining' && res.writableEnded) finished += 1;
      });
    inFlight.set(res, handled);
  });

  const boundPort = await bind(server, port, host, 'PORT');

  return {
    port: boundPort,
    serve(handler, check) {
      app = handler;
      checkDatabase = check;
      phase = 'serving';
    },
    async drain() {
      phase = 'draining';
      const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
      // Responses not started yet close their connection once sent: keep-alive clients must come back on a
      // new one, which is refused.
      for (const res of inFlight.keys()) if (!res.headersSent) res.setHeader('connection', 'close');
      // net.Server's close, not http.Server's: that one also drops idle keep-alive connections at once, and a
      // request already on its way over one of them would be lost (the client sees a reset). Here new
      // connections are refused at once, and an open one serves at most one more request, with that header.
      net.Server.prototype.close.call(server);
      const cut = (await emptied(graceMs)) ? 0 : inFlight.size;
      if (cut > 0) {
        logger.warn({ requests: cut, graceMs }, 'shutdown grace period over: cutting the requests still in flight');
        server.closeAllConnections();
        await emptied(SETTLE_AFTER_CUT_MS);
      }
      // Whatever is left is idle keep-alive connections; 'close' comes once the last one is gone.
      server.closeAllConnections();
      await closed;
      return { finished, cut };
    },
  };
}

/** Waits for every promise (they never reject), or `ms`, whichever comes first. */
async function settled(promises: Array<Promise<void>>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(promises), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Listens on `port` (0: any free one) and resolves with the port; a port in use names its setting. */
export async function bind(server: net.Server, port: number, host: string, setting: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new FixableError(`${setting} ${port} cannot be used on ${host}: ${error.code}`)
          : error,
      ),
    );
    server.listen(port, host, resolve);
  });
  return (server.address() as net.AddressInfo).port;
}
