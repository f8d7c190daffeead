import { CACHE_HEADER } from '../src/cache/cache-mode';
import { FixableError } from '../src/errors';
import { AWAIT_HEADER } from '../src/loading/await-mode';
import type { QueryStats } from '../src/stats/query-stats';
import { STRATEGY_HEADER } from '../src/strategies';
import { WRITE_HEADER } from '../src/writing/write-mode';

/** Where to send an operation: a GraphQL endpoint URL, or an app in this process (anything with Yoga's `fetch`). */
export type Target = string | { fetch(input: string, init?: RequestInit): Response | Promise<Response> };

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
  /** Sent as `x-strategy`; the server's default when absent. */
  strategy?: string;
  /** Sent as `x-await`; the server's default (sequential) when absent. */
  awaitMode?: string;
  /** Sent as `x-write`; the server's default (per-item) when absent. */
  writeMode?: string;
  /** Sent as `x-cache`; off when absent. */
  cacheMode?: string;
  headers?: Record<string, string>;
}

export interface GraphQLReply<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
    extensions?: { queryStats?: QueryStats; traceId?: string };
  };
  /** Milliseconds from sending to having the whole body, as the client saw it. */
  roundTripMs: number;
}

/** A target that could not be reached, or that answered with something other than GraphQL. */
export class TargetError extends FixableError {
  override name = 'TargetError';
}

/** POSTs one operation, the way GraphiQL and curl do, and parses the reply. `name` is how errors call the target. */
export async function sendOperation<TData = Record<string, unknown>>(
  target: Target,
  operation: Operation | string,
  name = typeof target === 'string' ? target : 'the in-process app',
): Promise<GraphQLReply<TData>> {
  const {
    query,
    variables,
    strategy,
    awaitMode,
    writeMode,
    cacheMode,
    headers = {},
  } = typeof operation === 'string' ? { query: operation } : operation;
  const url = typeof target === 'string' ? target : 'http://graphql-n1-lab/graphql';
  const send = typeof target === 'string' ? fetch : target.fetch.bind(target);
  const started = performance.now();
  let response: Response;
  try {
    response = await send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(strategy !== undefined && { [STRATEGY_HEADER]: strategy }),
        ...(awaitMode !== undefined && { [AWAIT_HEADER]: awaitMode }),
        ...(writeMode !== undefined && { [WRITE_HEADER]: writeMode }),
        ...(cacheMode !== undefined && { [CACHE_HEADER]: cacheMode }),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new TargetError(`cannot reach ${name}: ${cause}`);
  }
  const text = await response.text();
  const roundTripMs = performance.now() - started;
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text), roundTripMs };
  } catch {
    throw new TargetError(`${name} did not answer with GraphQL (HTTP ${response.status}): ${text.slice(0, 80)}`);
  }
}
