import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { roundMs } from '../stats/round-ms';
import type { RequestRecords } from './request-record';

/** A `Server-Timing` header on every response that ran SQL accounting, for browser devtools (Network → Timing). */
export function useServerTiming(records: RequestRecords): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      const stats = record?.stats;
      if (record && stats) response.headers.set('server-timing', serverTiming(stats.sqlCount, stats.dbTimeMs, record.durationMs));
    },
  };
}

/** `db;dur=3.2;desc="51 queries", app;dur=9.1, total;dur=12.3`: how much of the request was database. */
export function serverTiming(sqlCount: number, dbTimeMs: number, totalMs: number): string {
  const ms = (value: number) => Math.max(0, roundMs(value));
  const queries = `${sqlCount} ${sqlCount === 1 ? 'query' : 'queries'}`;
  return `db;dur=${ms(dbTimeMs)};desc="${queries}", app;dur=${ms(totalMs - dbTimeMs)}, total;dur=${ms(totalMs)}`;
}
