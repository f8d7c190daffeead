import { STRATEGY_HEADER } from '../../src/strategies';
import { runAutocannon } from '../kit/autocannon';
import { isSuccessBody, requestBody } from './operation';

export interface ThroughputOptions {
  url: string;
  strategy?: string;
  n: number;
  connections: number;
  durationS: number;
  /** Stops the load early (Ctrl-C). */
  signal: AbortSignal;
}

export interface ThroughputResult {
  connections: number;
  /** Seconds the load actually ran. */
  durationS: number;
  /** Responses received in that time; requests still in flight when it ends are not counted. */
  completed: number;
  requestsPerSecond: number;
  /** Latency under load, null when no request completed. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  /** Everything that was not a 2xx with data: the sum of the next three. */
  errors: number;
  non2xx: number;
  /** 2xx responses whose body carried GraphQL errors or no data. */
  graphqlErrors: number;
  /** Connection errors and timeouts. */
  connectionErrors: number;
}

/** A request takes as long as it takes: a slow one should count as slow, not as a timeout error. */
const REQUEST_TIMEOUT_S = 300;

/** `connections` clients, each sending the next request as soon as its last one is answered, for `durationS`. */
export async function runThroughput(options: ThroughputOptions): Promise<ThroughputResult> {
  const result = await runAutocannon({
    url: options.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(options.strategy && { [STRATEGY_HEADER]: options.strategy }),
    },
    body: requestBody(options.n),
    connections: options.connections,
    duration: options.durationS,
    timeout: REQUEST_TIMEOUT_S,
    verifyBody: (body) => isSuccessBody(String(body ?? '')),
    signal: options.signal,
  });
  const completed = result.requests.total;
  return {
    connections: options.connections,
    durationS: result.duration,
    completed,
    requestsPerSecond: Math.round((completed / Math.max(result.duration, 0.001)) * 100) / 100,
    latencyP50Ms: completed ? result.latency.p50 : null,
    latencyP99Ms: completed ? result.latency.p99 : null,
    errors: result.errors + result.non2xx + result.mismatches,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    connectionErrors: result.errors,
  };
}
