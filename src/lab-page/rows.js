// What a waterfall's rows are, computed from one timeline (src/timeline/shape.ts) before anything is drawn.

/** `users.3.orders` → `users.orders`: list positions folded, as statements' paths already are. */
export const foldPath = (path) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');

function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}

/** A short name for a statement: its verb and first table, e.g. `select orders`. */
export function sqlSummary(sql) {
  const verb = sql.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const table = sql.match(/\b(?:from|into|update)\s+[`"]?([\w.]+)/i)?.[1] ?? '';
  return `${verb} ${table}`.trim();
}

/**
 * The rows below the request and its phases: one per resolved field path (its calls side by side), one per loader
 * and path (its batches), and the SQL: statements of one shape (same path, same text) form a run, folded by default.
 * Every statement keeps `index`, its position in `timeline.statements`.
 */
export function rowModel(timeline) {
  const resolverRows = [...groupBy(timeline.resolvers, (call) => foldPath(call.path))].map(([path, calls]) => ({
    path,
    field: calls[0].field,
    calls,
  }));
  const batchRows = [...groupBy(timeline.batches, (batch) => `${batch.loader}\n${batch.path}`).values()].map((batches) => ({
    loader: batches[0].loader,
    path: batches[0].path,
    batches,
  }));
  const statements = timeline.statements.map((statement, index) => ({ ...statement, index }));
  const sqlRuns = [...groupBy(statements, (s) => `${s.path}\n${s.sql}`).values()].map((run) => ({
    key: `${run[0].path}\n${run[0].sql}`,
    path: run[0].path,
    sql: run[0].sql,
    statements: run,
  }));
  return { resolverRows, batchRows, sqlRuns };
}

/** Every folded path a timeline's statements and resolvers name, sorted (for stable colours and the legend). */
export function pathsOf(timeline) {
  return [...new Set([...timeline.statements.map((s) => s.path), ...timeline.batches.map((b) => b.path)])].sort();
}
