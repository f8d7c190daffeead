import { getOperationAST, OperationTypeNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import type { StatsOptions } from '../stats/query-stats';
import { RequestRecord, type RequestRecords } from '../timeline/record';

/** Opens a record per request and notes its context, operation, the time of each GraphQL phase and the response's size. */
export function useRequestRecord(records: RequestRecords, statsOptions: StatsOptions): Plugin<RequestContext> {
  const recordOf = (context: unknown) => records.get((context as { request: Request }).request);
  return {
    // The HTTP instrumentation has made its server span the active one by now.
    onRequest({ request }) {
      records.set(request, new RequestRecord(request, statsOptions));
    },
    onParse({ context }) {
      const record = recordOf(context);
      if (!record) return;
      record.parsing = true;
      const end = record.startPhase('parse');
      return () => end();
    },
    onValidate({ context }) {
      const end = recordOf(context)?.startPhase('validate');
      return () => end?.();
    },
    onExecute({ args }) {
      const record = records.get(args.contextValue.request);
      if (!record) return;
      record.context = args.contextValue;
      const operation = getOperationAST(args.document, args.operationName);
      record.operation = operation?.name?.value ?? '(anonymous)';
      record.mutation = operation?.operation === OperationTypeNode.MUTATION;
      const end = record.startPhase('execute');
      return { onExecuteDone: () => end() };
    },
    // Before the plugins that report the request (listed after this one), so they all read the same size.
    onResponse({ request, response }) {
      const record = records.get(request);
      const length = response.headers.get('content-length');
      if (record && length !== null) record.responseBytes = Number(length);
    },
  };
}
