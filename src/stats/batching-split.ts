import { groupBy } from './group-by';
import type { RepeatFinding } from './repeats';
import type { BatchRun } from './request-recorder';

/**
 * One loader sending several batches for one field path in one request while each held fewer keys than it
 * could (`batchMaxSize`): the loads of that level did not all happen in the same tick, so something awaited
 * before `load()` and moved some of them to a later batch, each costing a statement.
 */
export function findBatchingSplits(batches: readonly BatchRun[], batchMaxSize: number): RepeatFinding[] {
  const findings: RepeatFinding[] = [];
  for (const group of groupBy(batches, (batch) => `${batch.loader}\n${batch.path}`).values()) {
    if (group.length < 2 || group.some((batch) => batch.keys >= batchMaxSize)) continue;
    const { loader, path } = group[0]!;
    const keys = group.map((batch) => batch.keys).join(', ');
    findings.push({
      path,
      sql: '',
      count: group.length,
      hint:
        `${loader} sent ${group.length} batches for ${path} (${keys} keys): something awaits before load(), so the ` +
        `level's loads land in different ticks; call load() synchronously in the resolver to make it one batch`,
    });
  }
  return findings;
}
