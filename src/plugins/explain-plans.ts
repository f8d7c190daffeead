import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { RequestContext } from '../context';
import { EXPLAIN_HEADER } from '../db/explain';
import type { Orm } from '../db/orm';
import { explainRequest } from '../stats/plans';
import type { RequestRecords } from '../timeline/record';

/**
 * `x-explain: plan | analyze`: once execution is over, explains each distinct statement the request ran and
 * adds the plans to its queryStats (`plans`). The request's own numbers are fixed first, so the plans' statements
 * (on the ORM's connection, outside the request's accounting) change neither its SQL count nor its db time; the
 * time they take is reported as part of `other`.
 */
export function useExplainPlans(records: RequestRecords, orm: Orm): Plugin<RequestContext> {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const record = records.get(args.contextValue.request);
      const mode = args.contextValue.explain;
      if (!record || mode === 'off') return;
      // `analyze` runs each statement again: a write would be applied twice. Plans are for reads.
      if (record.mutation) {
        throw createGraphQLError(`${EXPLAIN_HEADER} explains queries only; this operation is a mutation (${EXPLAIN_HEADER}: ${mode})`, {
          extensions: { code: 'EXPLAIN_WRITE', http: { status: 400 } },
        });
      }
      setExecuteFn(async (executeArgs) => {
        const result = await executeFn(executeArgs);
        const stats = record.stats;
        if (stats) {
          const started = performance.now();
          stats.plans = await explainRequest(orm.em, args.contextValue.recorder.executions, mode);
          record.explainMs = performance.now() - started;
        }
        return result;
      });
    },
  };
}
