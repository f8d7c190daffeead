import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  endpoint: string;
  /** Export requests received so far. */
  exports(): number;
  close(): Promise<void>;
}

/**
 * An OTLP/HTTP endpoint on a loopback port that reads every export and answers 200: with `--traces` the API
 * servers export their spans here, so the run measures what tracing costs the server, not a collector's speed.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let exports = 0;
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      exports += 1;
      response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/json' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
