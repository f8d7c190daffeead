import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { RequestRecords } from './request-record';

/**
 * Adds `extensions.queryStats` (the SQL this request ran, unless turned off) and `extensions.traceId` (when
 * tracing) to every result.
 */
export function useResultExtensions(records: RequestRecords, queryStats: boolean): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const record = records.get(args.contextValue.request);
          const traceId = record?.span?.spanContext().traceId;
          if (!queryStats && !traceId) return;
          // `extensions` first, so the SQL count is the first thing on screen in GraphiQL, not below the data.
          const { extensions, ...rest } = result;
          setResult({
            extensions: {
              ...extensions,
              ...(queryStats && { queryStats: record?.stats }),
              ...(traceId && { traceId }),
            },
            ...rest,
          });
        },
      };
    },
  };
}
