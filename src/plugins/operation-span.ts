import { type Context, context, SpanStatusCode, trace } from '@opentelemetry/api';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { executionContext } from '../telemetry/resolver-spans';

/**
 * The `query OrdersWithUser` span around execution, parent of the root fields' resolver spans: made here because
 * instrumentation-graphql makes it by patching graphql-js's `execute`, which graphql-jit does not call (the parse
 * and validate spans do come from there). With resolver spans on, execution runs with that span set aside for
 * them (see executionContext). Telemetry off, the tracer is a no-op and so is this.
 */
export function useOperationSpan({ resolverSpans }: { resolverSpans: boolean }): Plugin {
  const executionIn = (operation: Context) => (resolverSpans ? executionContext(operation) : operation);
  const tracer = trace.getTracer('graphql-n1-lab/execution');
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        const operation = getOperationAST(args.document, args.operationName);
        const type = operation?.operation ?? 'query';
        const name = operation?.name?.value;
        const span = tracer.startSpan(name ? `${type} ${name}` : type, {
          attributes: { 'graphql.operation.type': type, ...(name && { 'graphql.operation.name': name }) },
        });
        try {
          const result = await context.with(executionIn(trace.setSpan(context.active(), span)), () => executeFn(args));
          if ('errors' in result && result.errors?.length) span.setStatus({ code: SpanStatusCode.ERROR, message: `${result.errors.length} errors` });
          return result;
        } finally {
          span.end();
        }
      });
    },
  };
}
