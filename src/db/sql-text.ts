/**
 * SQL as it may appear in spans and logs. MikroORM hands us statements with `?` placeholders; this is the
 * second line of defence in case a value was ever inlined (a raw query, a logger set to inline params):
 * quoted strings and numeric literals become `?`. Identifiers such as `o1__id` or `u0` are left alone.
 */
export function sanitizeSql(sql: string): string {
  return sql
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."`])-?\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
}
