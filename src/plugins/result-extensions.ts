import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { noStatements } from '../stats/query-stats';
import type { RequestRecords } from './request-record';

/**
 * Adds `extensions.queryStats` (the SQL this request ran, unless turned off) and `extensions.traceId` (when
 * tracing) to every result; a document refused before execution (a limit, a validation error, a bad header)
 * reports `sqlCount: 0` too, so "no SQL ran" is stated, not implied. A body that never was a document (malformed
 * JSON, too large) is answered at the HTTP level and gets none.
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
    onResultProcess({ request, result, setResult }) {
      if (!queryStats || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const record = records.get(request);
      const { extensions, ...rest } = result as ExecutionResult;
      if (!record?.parsing || record.executeStartedAt !== undefined || extensions?.queryStats) return;
      setResult({ extensions: { ...extensions, queryStats: noStatements(record.strategyLabel) }, ...rest });
    },
  };
}
