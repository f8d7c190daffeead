/** Where the metrics are read, on the API's port or on METRICS_PORT's. */
export const METRICS_PATH = '/metrics';

/** A scrape reads: GET, or HEAD. */
export const isScrapeMethod = (method: string | undefined): boolean => method === 'GET' || method === 'HEAD';

/** The answer to any other method on METRICS_PATH, on either port. */
export const METHOD_NOT_ALLOWED = {
  status: 405,
  headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
  body: `Method not allowed: the metrics are read with GET ${METRICS_PATH}\n`,
};
