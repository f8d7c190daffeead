import http from 'node:http';

export type Answer = { status: number; connection: string | undefined; body: string } | { error: string };

export interface HeldRequest {
  /** Sends the rest of the body: the server can answer from then on. */
  finish(): void;
  answer: Promise<Answer>;
}

/**
 * A GraphQL POST whose headers and first half of the body are sent at once and the rest only on `finish()`:
 * a request the server has started on (it is in flight) but cannot complete, for as long as the test likes,
 * whatever the database. The same thing a slow mobile upload does.
 */
export function holdRequest(url: string, query: string): HeldRequest {
  const body = Buffer.from(JSON.stringify({ query }));
  const half = Math.floor(body.length / 2);
  const request = http.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-strategy': 'batched' },
    agent: false,
  });
  request.write(body.subarray(0, half));
  return { finish: () => request.end(body.subarray(half)), answer: answerOf(request) };
}

/** GET over `agent`, so a keep-alive agent's open connection is reused. */
export function get(url: string, agent: http.Agent): Promise<Answer> {
  const request = http.get(url, { agent });
  return answerOf(request);
}

function answerOf(request: http.ClientRequest): Promise<Answer> {
  return new Promise((resolve) => {
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    request.on('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      response.on('end', () => resolve({ status: response.statusCode!, connection: response.headers.connection, body }));
    });
  });
}
