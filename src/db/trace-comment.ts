import { context, trace } from '@opentelemetry/api';
import { addSqlCommenterComment } from '@opentelemetry/sql-common';

/**
 * MikroORM's `onQuery`: appends the caller's trace context to the statement as a sqlcommenter comment
 * (`select … /*traceparent='00-<trace id>-<span id>-01'*\/`), so a slow statement in PostgreSQL's log,
 * `pg_stat_activity` or `pg_stat_statements` leads back to its trace. The span named is the one that asked (the
 * resolver or DataLoader batch): the statement's own span is made once its times are known. With tracing off,
 * or outside a request, there is no span and the SQL is left as it is. Everything the lab reports or exports
 * passes through sanitizeSql, which drops the comment again: no trace id in `db.query.text` or `queryStats`.
 */
export function commentTraceContext(sql: string): string {
  const span = trace.getSpan(context.active());
  return span ? addSqlCommenterComment(span, sql) : sql;
}
