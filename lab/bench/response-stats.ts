/** What one response says about its own cost, read from `extensions.queryStats` and `Server-Timing`. */
export interface ResponseStats {
  sqlCount: number | null;
  dbTimeMs: number | null;
  /** Rows the database returned, once queryStats reports them; null until then (never estimated here). */
  rowsFetched: number | null;
  /**
   * Any time split queryStats carries: its numeric `…Ms` fields other than dbTimeMs and the numeric entries of
   * a `timeSplit` object. Null while it has none.
   */
  queryStatsTimeSplit: Record<string, number> | null;
  /** Every `name;dur=ms` entry of Server-Timing (the API's db, orm, graphql, serialize, other, total), or null without it. */
  serverTiming: Record<string, number> | null;
}

export function readResponseStats(body: { extensions?: { queryStats?: unknown } }, serverTiming: string | null): ResponseStats {
  const stats = (body.extensions?.queryStats ?? {}) as Record<string, unknown>;
  return {
    sqlCount: numberOrNull(stats.sqlCount),
    dbTimeMs: numberOrNull(stats.dbTimeMs),
    rowsFetched: numberOrNull(stats.rowsFetched),
    queryStatsTimeSplit: timeSplitOf(stats),
    serverTiming: parseServerTiming(serverTiming),
  };
}

function timeSplitOf(stats: Record<string, unknown>): Record<string, number> | null {
  const split: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) {
    if (key !== 'dbTimeMs' && key.endsWith('Ms') && typeof value === 'number') split[key] = value;
  }
  const nested = stats.timeSplit;
  if (nested && typeof nested === 'object') {
    for (const [key, value] of Object.entries(nested)) if (typeof value === 'number') split[key] = value;
  }
  return Object.keys(split).length ? split : null;
}

/** `db;dur=3.2;desc="51 queries", other;dur=9.1, total;dur=12.3` → `{ db: 3.2, other: 9.1, total: 12.3 }`. */
export function parseServerTiming(header: string | null): Record<string, number> | null {
  if (!header) return null;
  const entries: Record<string, number> = {};
  for (const metric of header.split(',')) {
    const [name, ...params] = metric.trim().split(';');
    const duration = params.map((param) => param.trim().match(/^dur=([\d.]+)$/)).find(Boolean);
    if (name && duration) entries[name.trim()] = Number(duration[1]);
  }
  return Object.keys(entries).length ? entries : null;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
