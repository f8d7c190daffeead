const OPERATION = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release|create|alter|drop|pragma|set)\b/i;
const TABLE = /\b(?:from|into|update)\s+[`"]?([\w.]+)[`"]?/i;

/**
 * A span name in the OpenTelemetry style, `{operation} {table}`: `SELECT orders`, `INSERT users`. The table
 * is the top-level statement's: parenthesized parts (subqueries such as the joined strategy's order count,
 * `in (…)` lists) are set aside first.
 */
export function sqlSpanName(sql: string): { name: string; operation?: string; table?: string } {
  const operation = sql.match(OPERATION)?.[1]?.toUpperCase();
  if (!operation) return { name: 'SQL' };
  let topLevel = sql;
  while (/\([^()]*\)/.test(topLevel)) topLevel = topLevel.replace(/\([^()]*\)/g, ' ');
  const table = topLevel.match(TABLE)?.[1];
  return { name: table ? `${operation} ${table}` : operation, operation, table };
}
