// The page talks to the app it is served by (same origin): /graphql to run, /lab/* to read what the server recorded.

async function json(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok && !body.data) throw new Error(body.error ?? body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body;
}

/** The example operations: `{ name, query, variables? }[]`, the README's first. */
export const examples = () => fetch('/lab/examples').then(json);

/** The recent requests, newest first (`TimelineSummary[]`). */
export const recentRequests = () => fetch('/lab/requests').then(json);

/** One request's timeline (src/timeline/shape.ts). */
export const timeline = (id) => fetch(`/lab/requests/${encodeURIComponent(id)}`).then(json);

export const jaegerUrl = (id) => `/lab/requests/${encodeURIComponent(id)}/jaeger.json`;

/** What a request ran under: its strategy, and its x-await mode when not the default (`naive · parallel`). */
export const labelOf = ({ strategy, await: awaitMode }) => (awaitMode && awaitMode !== 'sequential' ? `${strategy} · ${awaitMode}` : strategy);

/**
 * POSTs the operation under `strategy` and `awaitMode`, asking for its plans when `explain` says so, through the
 * cache and with the write mode `switches` name; resolves with the request id the server gave it and its errors.
 */
export async function runOperation({ query, variables }, strategy, awaitMode = 'sequential', explain = 'off', switches = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      'x-strategy': strategy,
      'x-await': awaitMode,
      'x-explain': explain,
      'x-cache': switches.cache ?? 'off',
      'x-write': switches.write ?? 'per-item',
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({}));
  const requestId = body.extensions?.lab?.requestId ?? response.headers.get('x-lab-request-id');
  if (!requestId) throw new Error(`${labelOf({ strategy, await: awaitMode })}: no request id in the answer (HTTP ${response.status})`);
  return { requestId, errors: body.errors ?? [] };
}
