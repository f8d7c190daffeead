import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { isScrapeMethod, METHOD_NOT_ALLOWED, METRICS_PATH } from './endpoint';

/**
 * A server of its own for the metrics (METRICS_PORT), so the API's port need not expose them: `GET /metrics`
 * answers with the registry in Prometheus's text format, another method there with 405, any other path with 404.
 */
export function createMetricsServer(registry: Registry): Server {
  return createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://metrics');
    if (pathname !== METRICS_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found: the metrics are at GET ${METRICS_PATH}\n`);
      return;
    }
    if (!isScrapeMethod(request.method)) {
      response.writeHead(METHOD_NOT_ALLOWED.status, METHOD_NOT_ALLOWED.headers).end(METHOD_NOT_ALLOWED.body);
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('The metrics could not be collected\n'),
    );
  });
}
