import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { QueryStats } from '../stats/query-stats';
import type { RequestRecords, TimeSplit } from '../timeline/record';

/** A `Server-Timing` header on every response that ran SQL accounting, for browser devtools (Network → Timing). */
export function useServerTiming(records: RequestRecords): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      const stats = record?.stats;
      if (record && stats) response.headers.set('server-timing', serverTiming(stats, record.timeSplit, record.responseBytes));
    },
  };
}

/**
 * `db;dur=3.2;desc="51 queries (51 in series) 8123 bytes", orm;dur=1.1, graphql;dur=6.0, serialize;dur=0.9,
 * other;dur=1.1, total;dur=12.3;desc="4821 bytes"`: where the request's time went, the parts adding up to the
 * total; "in series" counts the round trips waited for one after another (queryStats.roundTripsInSeries), db's
 * bytes what the database sent (bytesFetched), total's the response body. No comma inside a description: many
 * readers of the header split it on commas without minding quotes.
 */
export function serverTiming(
  { sqlCount, roundTripsInSeries, bytesFetched }: Pick<QueryStats, 'sqlCount' | 'roundTripsInSeries' | 'bytesFetched'>,
  split: TimeSplit,
  responseBytes?: number,
): string {
  const queries = `${sqlCount} ${sqlCount === 1 ? 'query' : 'queries'} (${roundTripsInSeries} in series) ${bytesFetched} bytes`;
  return [
    `db;dur=${split.dbMs};desc="${queries}"`,
    `orm;dur=${split.ormMs}`,
    `graphql;dur=${split.graphqlMs}`,
    `serialize;dur=${split.serializationMs}`,
    `other;dur=${split.otherMs}`,
    `total;dur=${split.totalMs}${responseBytes === undefined ? '' : `;desc="${responseBytes} bytes"`}`,
  ].join(', ');
}
