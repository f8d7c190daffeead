import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { choiceFromHeader } from '../graphql/header-choice';

/** The request header that asks for the plans of a request's statements: `x-explain: analyze`. */
export const EXPLAIN_HEADER = 'x-explain';
export const EXPLAIN_MODES = ['off', 'plan', 'analyze'] as const;
export type ExplainMode = (typeof EXPLAIN_MODES)[number];

/** Reads the `x-explain` header (case-insensitive): `off` without it; an unknown value is HTTP 400. */
export function explainModeFromHeader(value: string | null): ExplainMode {
  return choiceFromHeader({ header: EXPLAIN_HEADER, choices: EXPLAIN_MODES, fallback: 'off', code: 'BAD_EXPLAIN' }, value);
}

/**
 * One step of a plan, facts only: what it does, on which table and index, and its rows. Never a condition's
 * text: PostgreSQL writes the values into `Filter` and `Index Cond`, so those are not copied, only whether a
 * filter was there.
 */
export interface PlanNode {
  /** PostgreSQL's node type (`Seq Scan`, `Index Scan`, `Hash Join`), or SQLite's step (`SCAN`, `SEARCH`). */
  node: string;
  relation?: string;
  index?: string;
  /** How deep in the plan: 0 is its top. */
  depth: number;
  /** The step tests rows against a condition after reading them (PostgreSQL's `Filter`). */
  filtered: boolean;
  /** Rows it returned (analyze: counted, all loops together), or the planner's estimate (`estimated`). */
  rows?: number;
  estimated: boolean;
  /** analyze: rows it read and threw away (PostgreSQL's `Rows Removed by Filter`, all loops together). */
  rowsRemoved?: number;
  /** analyze: milliseconds to its last row, all loops together. */
  ms?: number;
  /** analyze: 8 KiB pages found in PostgreSQL's buffer cache (hit) or read from outside it (read). */
  buffers?: { hit: number; read: number };
  /** SQLite's own line, which writes `?` for every value: `SEARCH orders USING INDEX … (status=? AND created_at>?)`. */
  detail?: string;
}

export interface StatementPlan {
  /** analyze ran the statement again (PostgreSQL); SQLite has no EXPLAIN ANALYZE and only plans. */
  analyzed: boolean;
  nodes: PlanNode[];
  /** analyze: the statement's execution time as PostgreSQL measured it. */
  executionMs?: number;
}

/**
 * The plan of one statement, run outside the request's accounting (on the ORM's connection with no request
 * listener): PostgreSQL `EXPLAIN (FORMAT JSON)`, or with `analyze` `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)`,
 * which runs the statement again; SQLite `EXPLAIN QUERY PLAN`, either way.
 */
export async function explainStatement(
  em: EntityManager,
  sql: string,
  params: readonly unknown[],
  mode: Exclude<ExplainMode, 'off'>,
): Promise<StatementPlan> {
  const connection = em.getConnection();
  if (em.getDriver() instanceof PostgreSqlDriver) {
    const options = mode === 'analyze' ? '(ANALYZE, BUFFERS, FORMAT JSON)' : '(FORMAT JSON)';
    const [row] = await connection.execute<Array<{ 'QUERY PLAN': PostgresExplain[] }>>(`explain ${options} ${sql}`, [...params]);
    const [explained] = row!['QUERY PLAN'];
    const nodes: PlanNode[] = [];
    walkPostgres(explained!.Plan, 0, mode === 'analyze', nodes);
    return { analyzed: mode === 'analyze', nodes, ...(explained!['Execution Time'] !== undefined && { executionMs: explained!['Execution Time'] }) };
  }
  const rows = await connection.execute<Array<{ id: number; parent: number; detail: string }>>(`explain query plan ${sql}`, [...params]);
  const depthOf = new Map<number, number>([[0, -1]]);
  return {
    analyzed: false,
    nodes: rows.map(({ id, parent, detail }) => {
      const depth = (depthOf.get(parent) ?? -1) + 1;
      depthOf.set(id, depth);
      return { ...sqliteStep(detail), depth, filtered: false, estimated: true, detail };
    }),
  };
}

/** How many rows `table` holds now: what a scan of all of it reads. */
export async function rowsInTable(em: EntityManager, table: string): Promise<number> {
  const [row] = await em
    .getConnection()
    .execute<Array<{ n: number | string }>>(`select count(*) as n from ${em.getPlatform().quoteIdentifier(table)}`);
  return Number(row?.n ?? 0);
}

interface PostgresNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Plan Rows': number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Filter?: string;
  Plans?: PostgresNode[];
}

interface PostgresExplain {
  Plan: PostgresNode;
  'Execution Time'?: number;
}

function walkPostgres(node: PostgresNode, depth: number, analyzed: boolean, into: PlanNode[]): void {
  const loops = node['Actual Loops'] ?? 1;
  into.push({
    node: node['Node Type'],
    ...(node['Relation Name'] && { relation: node['Relation Name'] }),
    ...(node['Index Name'] && { index: node['Index Name'] }),
    depth,
    filtered: node.Filter !== undefined,
    rows: analyzed ? (node['Actual Rows'] ?? 0) * loops : node['Plan Rows'],
    estimated: !analyzed,
    ...(analyzed && {
      rowsRemoved: (node['Rows Removed by Filter'] ?? 0) * loops,
      ms: (node['Actual Total Time'] ?? 0) * loops,
      buffers: { hit: node['Shared Hit Blocks'] ?? 0, read: node['Shared Read Blocks'] ?? 0 },
    }),
  });
  for (const child of node.Plans ?? []) walkPostgres(child, depth + 1, analyzed, into);
}

/** `SCAN orders`, `SEARCH orders USING INDEX orders_user_id_index (user_id=?)`, `USE TEMP B-TREE FOR ORDER BY`. */
function sqliteStep(detail: string): Pick<PlanNode, 'node' | 'relation' | 'index'> {
  const match = detail.match(/^(SCAN|SEARCH) (\w+)(?: AS \w+)?(?: USING (?:COVERING )?INDEX (\w+)| USING (INTEGER PRIMARY KEY))?/);
  if (!match) return { node: detail.replace(/\s*\(.*$/, '') };
  const [, node, relation, index, rowid] = match;
  return { node: node!, relation: relation!, ...((index || rowid) && { index: index ?? 'rowid' }) };
}
