import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { Logger } from '../logger';
import { planFindings } from '../stats/plans';
import type { RequestRecords } from '../timeline/record';

/**
 * One summary log line per request, and a warning per N+1 or duplicate it ran. A request whose connection
 * closed before its response was sent (the client left, or shutdown cut it) is logged as cut, with no status:
 * the response Yoga built was never delivered.
 */
export function useRequestLog(records: RequestRecords, logger: Logger): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      const { operation, stats } = record;
      for (const finding of stats?.nPlusOne ?? []) logger.warn({ operation, ...finding }, 'N+1 query');
      for (const finding of stats?.duplicates ?? []) logger.warn({ operation, ...finding }, 'duplicate query');
      for (const finding of planFindings(stats?.plans)) {
        logger.warn({ operation, ...finding }, 'scan reads far more rows than it returns');
      }
      const summary = {
        operation,
        strategy: record.context?.strategyName,
        await: record.context?.awaitMode,
        write: stats?.write,
        sqlCount: stats?.sqlCount ?? 0,
        roundTripsInSeries: stats?.roundTripsInSeries ?? 0,
        rowsFetched: stats?.rowsFetched ?? 0,
        bytesFetched: stats?.bytesFetched ?? 0,
        responseBytes: record.responseBytes,
        ...record.timeSplit,
      };
      if (request.signal.aborted) logger.warn({ ...summary, cut: true }, 'request cut');
      else logger.info({ ...summary, status: response.status }, 'request');
    },
  };
}
