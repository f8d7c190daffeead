/** One statement as the detector sees it: where it came from, its shape, and a digest of its parameters. */
export interface Execution {
  path: string;
  coordinate?: string;
  sql: string;
  paramsDigest: string;
}

/** The same statement shape run from one field with different parameters, `count` times: an N+1. */
export interface NPlusOneFinding {
  path: string;
  sql: string;
  count: number;
  hint: string;
}

/** The same statement with the same parameters run again from one field: `count` runs that repeated one. */
export interface DuplicateFinding {
  path: string;
  sql: string;
  count: number;
  hint: string;
}

export interface RepeatOptions {
  /** Distinct parameter sets from one field that make an N+1 (default 5). */
  threshold: number;
  /** The fix to suggest for a field (its schema coordinate, e.g. `User.orders`), if one is known. */
  fixFor(coordinate: string | undefined): string | undefined;
}

/**
 * Finds the repeats in one request's statements. Grouped by field path and statement shape: a group with at
 * least `threshold` distinct parameter sets is an N+1 (the field queries once per parent); within a group,
 * runs whose parameters repeat an earlier run are duplicates (the same row fetched again). Statements that
 * overlapped in time count like any other: resolvers run concurrently.
 */
export function findRepeats(
  executions: Execution[],
  { threshold, fixFor }: RepeatOptions,
): { nPlusOne: NPlusOneFinding[]; duplicates: DuplicateFinding[] } {
  const groups = new Map<string, { path: string; sql: string; coordinate?: string; runsByParams: Map<string, number> }>();
  for (const { path, sql, coordinate, paramsDigest } of executions) {
    const key = `${path}\n${sql}`;
    const group = groups.get(key) ?? { path, sql, coordinate, runsByParams: new Map<string, number>() };
    group.runsByParams.set(paramsDigest, (group.runsByParams.get(paramsDigest) ?? 0) + 1);
    groups.set(key, group);
  }

  const nPlusOne: NPlusOneFinding[] = [];
  const duplicates: DuplicateFinding[] = [];
  for (const { path, sql, coordinate, runsByParams } of groups.values()) {
    const runs = [...runsByParams.values()];
    const total = runs.reduce((sum, count) => sum + count, 0);
    const repeated = total - runsByParams.size;
    const field = coordinate ?? path;
    if (runsByParams.size >= threshold) {
      nPlusOne.push({
        path,
        sql,
        count: total,
        hint:
          `${field} queries once per parent (${total} runs, ${runsByParams.size} different parameter sets): ` +
          (fixFor(coordinate) ?? `load ${field} through a per-request DataLoader`),
      });
    }
    if (repeated > 0) {
      duplicates.push({
        path,
        sql,
        count: repeated,
        hint: `${field} fetched the same rows again ${repeated} time${repeated === 1 ? '' : 's'}: a per-request DataLoader (x-strategy: batched) loads each key once`,
      });
    }
  }
  return { nPlusOne, duplicates };
}
