/** The sqlcommenter comment trace-comment.ts appends: `/*traceparent='…'*\/` (tracestate too, when there is one). */
const TRACE_COMMENT = /\s*\/\*traceparent='[^*]*'\*\/\s*$/;

/**
 * SQL as it may appear in spans, logs and queryStats. MikroORM hands us statements with `?` placeholders; this is
 * the second line of defence in case a value was ever inlined (a raw query, a logger set to inline params):
 * quoted strings and numeric literals become `?`. Identifiers such as `o1__id` or `u0` are left alone. The trace
 * comment goes: it is for the database's own logs, and would make every statement's text unique.
 */
export function sanitizeSql(sql: string): string {
  return sql
    .replace(TRACE_COMMENT, '')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."`])-?\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}
