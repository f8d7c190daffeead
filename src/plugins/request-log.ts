import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { Logger } from '../logger';
import type { RequestRecords } from './request-record';

/** One summary log line per request, and a warning per N+1 or duplicate it ran. */
export function useRequestLog(records: RequestRecords, logger: Logger): Plugin<RequestContext> {
  return {
    onResponse({ request, response }) {
      const record = records.get(request);
      if (!record) return;
      const { operation, stats } = record;
      for (const finding of stats?.nPlusOne ?? []) logger.warn({ operation, ...finding }, 'N+1 query');
      for (const finding of stats?.duplicates ?? []) logger.warn({ operation, ...finding }, 'duplicate query');
      logger.info(
        {
          operation,
          strategy: record.context?.strategyName,
          sqlCount: stats?.sqlCount ?? 0,
          rowsFetched: stats?.rowsFetched ?? 0,
          ...record.timeSplit,
          status: response.status,
        },
        'request',
      );
    },
  };
}
