import type { EntityManager } from '@mikro-orm/sql';
import { type ExplainMode, explainStatement, type PlanNode, rowsInTable, type StatementPlan } from '../db/explain';
import { groupBy } from './group-by';
import type { Execution } from './request-recorder';

/** `queryStats.plans`: each distinct statement's plan, and what it reads for what it returns. */
export interface PlansReport {
  mode: Exclude<ExplainMode, 'off'>;
  /** What the plans cost and mean, in a sentence: analyze ran every statement a second time. */
  note: string;
  statements: Array<{ sql: string; count: number; plan: StatementPlan; findings: PlanFinding[] }>;
  /** Distinct statements past the cap, not explained. */
  notExplained: number;
}

export interface PlanFinding {
  table: string;
  /** `Seq Scan on orders read 100,000 rows to return 37`. */
  message: string;
  /** `an index on orders(status, created_at)`. */
  fix: string;
}

/** Every finding of a request's plans, statement after statement: none when it asked for no plans. */
export function planFindings(plans: PlansReport | undefined): PlanFinding[] {
  return plans?.statements.flatMap((statement) => statement.findings) ?? [];
}

/** The most distinct statements one request explains: an N+1 repeats a few shapes, each is explained once. */
export const MAX_EXPLAINED = 20;
/** A scan is a finding when it reads at least this many rows and returns at most a tenth of them. */
const FINDING = { minRowsRead: 1000, maxReturnedShare: 0.1 };

/**
 * Explains each distinct statement of a request once, with the parameters of its first run (kept in memory
 * for this only, never reported), and turns scans that read far more rows than they return into findings.
 */
export async function explainRequest(em: EntityManager, executions: readonly Execution[], mode: Exclude<ExplainMode, 'off'>): Promise<PlansReport> {
  const distinct = [...groupBy(executions, (execution) => execution.sql)];
  const statements: PlansReport['statements'] = [];
  let analyzed = false;
  for (const [sql, runs] of distinct.slice(0, MAX_EXPLAINED)) {
    const [first] = runs;
    const plan = await explainStatement(em, sql, first!.params ?? [], mode);
    analyzed ||= plan.analyzed;
    statements.push({ sql, count: runs.length, plan, findings: await findingsOf(em, sql, plan, first!.rows) });
  }
  const note = analyzed
    ? 'x-explain: analyze ran each statement below a second time (EXPLAIN ANALYZE): its rows and times are in its plan, not in sqlCount or dbTimeMs.'
    : mode === 'analyze'
      ? 'SQLite has no EXPLAIN ANALYZE: these are its query plans (EXPLAIN QUERY PLAN); nothing ran again, and a SCAN reads the whole table.'
      : 'x-explain: plan shows what the planner intends (EXPLAIN, no statement ran again); rows are its estimates.';
  return { mode, note, statements, notExplained: Math.max(0, distinct.length - MAX_EXPLAINED) };
}

async function findingsOf(em: EntityManager, sql: string, plan: StatementPlan, returnedRows: number): Promise<PlanFinding[]> {
  const { tables, filters } = filterColumns(sql);
  const findings: PlanFinding[] = [];
  for (const node of plan.nodes) {
    // SQLite names a step's table by the statement's alias (`SCAN o0`), PostgreSQL by the table itself.
    const table = node.relation && (tables.get(node.relation) ?? node.relation);
    const columns = table ? filters.get(table) : undefined;
    if (!table || !columns?.length) continue;
    const read = await rowsRead(em, node, plan, table);
    const returned = plan.analyzed ? (node.rows ?? 0) : returnedRows;
    if (read === undefined || read < FINDING.minRowsRead || returned > read * FINDING.maxReturnedShare) continue;
    const verb = plan.analyzed ? 'read' : 'reads all';
    findings.push({
      table,
      message: `${node.node} on ${table} ${verb} ${read.toLocaleString('en')} rows to return ${returned.toLocaleString('en')}`,
      fix: `an index on ${table}(${columns.join(', ')})`,
    });
  }
  return findings;
}

/** Rows a step read: counted by analyze (returned + filtered out); a full scan's are the table's rows. */
async function rowsRead(em: EntityManager, node: PlanNode, plan: StatementPlan, table: string): Promise<number | undefined> {
  if (plan.analyzed) return node.filtered ? (node.rows ?? 0) + (node.rowsRemoved ?? 0) : undefined;
  const fullScan = node.node === 'Seq Scan' ? node.filtered : node.node === 'SCAN' && node.index === undefined;
  return fullScan ? rowsInTable(em, table) : undefined;
}

/**
 * The tables of `sql` by alias, and the columns each table is filtered on (placeholders only), equalities first,
 * then ranges: the order an index serves them in. `from "orders" as "o0" where "o0"."status" = ? and
 * "o0"."created_at" > ?` → o0: orders; orders: [status, created_at].
 */
function filterColumns(sql: string): { tables: Map<string, string>; filters: Map<string, string[]> } {
  const name = '[`"]?(\\w+)[`"]?';
  const tables = new Map([...sql.matchAll(new RegExp(`(?:from|join) ${name} as ${name}`, 'gi'))].map((match) => [match[2]!, match[1]!]));
  const equal = new Map<string, Set<string>>();
  const range = new Map<string, Set<string>>();
  const where = sql.slice(sql.search(/\swhere\s/i) + 1 || sql.length);
  for (const match of where.matchAll(new RegExp(`${name}\\.${name}\\s*(=|in\\b|is\\b|>=|<=|>|<|like\\b)`, 'gi'))) {
    const table = tables.get(match[1]!);
    if (!table || match[2] === 'id') continue;
    const into = ['=', 'in', 'is'].includes(match[3]!.toLowerCase()) ? equal : range;
    into.set(table, (into.get(table) ?? new Set()).add(match[2]!));
  }
  const filters = new Map(
    [...new Set([...equal.keys(), ...range.keys()])].map((table) => [
      table,
      [...new Set([...(equal.get(table) ?? []), ...(range.get(table) ?? [])])],
    ]),
  );
  return { tables, filters };
}
