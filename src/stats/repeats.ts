/** A field that repeats one statement shape: once per parent (an N+1), or with parameters it already ran. */
export interface RepeatFinding {
  path: string;
  sql: string;
  /** N+1: the runs of the statement; duplicate: the runs that repeated an earlier one. */
  count: number;
  hint: string;
}

/** The fix to suggest for each kind of repeat; src/strategies/fixes.ts words this project's. */
export interface RepeatFixes {
  /** For a field (`User.orders`, or its path when no schema coordinate is known) that queries once per parent. */
  nPlusOne(field: string, coordinate: string | undefined): string;
  duplicate(field: string): string;
}

/** What the detector reads of a statement: the field that ran it, its shape, and a digest of its parameters. */
export interface StatementRun {
  path: string;
  coordinate?: string;
  sql: string;
  paramsDigest: string;
}

export interface RepeatOptions {
  /** Distinct parameter sets from one field that make an N+1 (default 5). */
  threshold: number;
  fixes: RepeatFixes;
}

/**
 * Finds the repeats in one request's statements. Grouped by field path and statement shape: a group with at
 * least `threshold` distinct parameter sets is an N+1 (the field queries once per parent); within a group,
 * runs whose parameters repeat an earlier run are duplicates (the same row fetched again). Statements that
 * overlapped in time count like any other: resolvers run concurrently.
 */
export function findRepeats(
  executions: readonly StatementRun[],
  { threshold, fixes }: RepeatOptions,
): { nPlusOne: RepeatFinding[]; duplicates: RepeatFinding[] } {
  const groups = new Map<string, { path: string; sql: string; coordinate?: string; runsByParams: Map<string, number> }>();
  for (const { path, sql, coordinate, paramsDigest } of executions) {
    const key = `${path}\n${sql}`;
    const group = groups.get(key) ?? { path, sql, coordinate, runsByParams: new Map<string, number>() };
    group.runsByParams.set(paramsDigest, (group.runsByParams.get(paramsDigest) ?? 0) + 1);
    groups.set(key, group);
  }

  const nPlusOne: RepeatFinding[] = [];
  const duplicates: RepeatFinding[] = [];
  for (const { path, sql, coordinate, runsByParams } of groups.values()) {
    const total = [...runsByParams.values()].reduce((sum, count) => sum + count, 0);
    const repeated = total - runsByParams.size;
    const field = coordinate ?? path;
    if (runsByParams.size >= threshold) {
      const observed = `${field} queries once per parent (${total} runs, ${runsByParams.size} different parameter sets)`;
      nPlusOne.push({ path, sql, count: total, hint: `${observed}: ${fixes.nPlusOne(field, coordinate)}` });
    }
    if (repeated > 0) {
      const observed = `${field} fetched the same rows again ${repeated} time${repeated === 1 ? '' : 's'}`;
      duplicates.push({ path, sql, count: repeated, hint: `${observed}: ${fixes.duplicate(field)}` });
    }
  }
  return { nPlusOne, duplicates };
}
