import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { databaseUnavailable, type Unavailable } from '../db/unavailable';

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
const UNAVAILABLE_MESSAGE = 'The database is unavailable; try again shortly.';

/**
 * A database that is hung, gone, refusing or locked is not a bug in the query: each error it caused becomes
 * `DATABASE_UNAVAILABLE` (no SQL, no driver detail), the response is HTTP 503 when no data came back, and the
 * cause is logged once per request instead of once per failed field.
 *
 * A request whose connection was cut (the client left, or shutdown's grace period ran out) fails every
 * statement after the cut by design (its EntityManager carries the request's AbortSignal): nobody reads that
 * response, so its errors are folded into one quiet `REQUEST_CUT` and request-log says it was cut.
 *
 * Runs before Yoga's error masking, which then leaves these errors alone: they are GraphQL errors already.
 */
export function useDatabaseErrors(): Plugin<RequestContext> {
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors?.length) return;
          const { request, logger } = args.contextValue;
          if (request.signal.aborted) {
            setResult({ ...result, errors: [new GraphQLError('The request was cut.', { extensions: { code: 'REQUEST_CUT' } })] });
            return;
          }
          let first: Unavailable | undefined;
          const failedWhole = result.data == null;
          const errors = result.errors.map((error) => {
            const unavailable = databaseUnavailable(error.originalError);
            if (!unavailable) return error;
            first ??= unavailable;
            return new GraphQLError(UNAVAILABLE_MESSAGE, {
              nodes: error.nodes,
              source: error.source,
              positions: error.positions,
              path: error.path,
              extensions: { code: DATABASE_UNAVAILABLE, ...(failedWhole && { http: { status: 503 } }) },
            });
          });
          if (!first) return;
          const operation = getOperationAST(args.document, args.operationName)?.name?.value ?? '(anonymous)';
          logger.warn({ operation, ...first }, 'database unavailable');
          setResult({ ...result, errors });
        },
      };
    },
  };
}
