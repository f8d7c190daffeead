import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { noStatements } from '../stats/query-stats';
import type { RequestRecord, RequestRecords } from '../timeline/record';

export interface ExtensionsOptions {
  /** Report `extensions.queryStats` (QUERY_STATS). */
  queryStats: boolean;
  /** The lab keeps a history: report `extensions.lab`, the request's id and where its waterfall is. */
  lab: boolean;
}

/**
 * Adds `extensions.queryStats` (the SQL this request ran, unless turned off), `extensions.traceId` (when
 * tracing) and `extensions.lab` (the request's waterfall, when the lab keeps a history) to every result; a
 * document refused before execution (a limit, a validation error, a bad header) reports `sqlCount: 0` too, so
 * "no SQL ran" is stated, not implied. A body that never was a document (malformed JSON, too large) is answered
 * at the HTTP level and gets none.
 */
export function useResultExtensions(records: RequestRecords, { queryStats, lab }: ExtensionsOptions): Plugin<RequestContext> {
  // An absolute URL, on the origin the request came to: GraphiQL shows it as text to open.
  const labOf = (request: Request, record: RequestRecord | undefined) =>
    lab && record && { lab: { requestId: record.id, url: new URL(`/lab#request=${record.id}`, request.url).href } };
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const record = records.get(args.contextValue.request);
          const traceId = record?.span?.spanContext().traceId;
          if (!queryStats && !traceId && !lab) return;
          // `extensions` first, so the SQL count is the first thing on screen in GraphiQL, not below the data.
          const { extensions, ...rest } = result;
          setResult({
            extensions: {
              ...extensions,
              ...(queryStats && { queryStats: record?.stats }),
              ...(traceId && { traceId }),
              ...labOf(args.contextValue.request, record),
            },
            ...rest,
          });
        },
      };
    },
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result) return;
      const record = records.get(request);
      const { extensions, ...rest } = result as ExecutionResult;
      if (!record?.parsing || record.executeStartedAt !== undefined || extensions?.queryStats || extensions?.lab) return;
      if (!queryStats && !lab) return;
      setResult({
        extensions: {
          ...extensions,
          ...(queryStats && { queryStats: noStatements({ strategy: record.strategyLabel, await: record.awaitLabel }) }),
          ...labOf(request, record),
        },
        ...rest,
      });
    },
  };
}
