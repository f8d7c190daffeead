import { textTable } from '../../src/text-table';
import type { Comparison } from './compare';

/**
 * The comparison as a terminal reads it: one row per strategy, then which field fans out (with the fix), what
 * each fix saves, and where the traces are.
 */
export function renderComparison(comparison: Comparison): string {
  const { results } = comparison;
  const runs = comparison.repeat === 1 ? '1 run' : `median of ${comparison.repeat} runs`;
  const lines = [
    `${comparison.operation} against ${comparison.target} (${runs}); ${
      comparison.dataIdentical ? 'same data under' : 'a write on every run (its data not compared) under'
    } ${results.map((r) => r.label).join(', ')}`,
    '',
    ...textTable(
      ['strategy', 'SQL', 'in series', 'rows', 'bytes', 'DB ms', 'ORM ms', 'GraphQL ms', 'total ms', 'DB share', 'N+1', 'trace'],
      results.map((result) => [
        result.label,
        String(result.sqlCount),
        String(result.roundTripsInSeries),
        String(result.rowsFetched),
        String(result.bytesFetched),
        result.dbTimeMs.toFixed(2),
        result.ormTimeMs.toFixed(2),
        result.graphqlTimeMs.toFixed(2),
        result.totalMs.toFixed(2),
        `${Math.round(result.dbShare * 100)}%`,
        String(result.nPlusOne.length),
        result.traceId ?? '-',
      ]),
      [false, true, true, true, true, true, true, true, true, true, true, false],
    ),
  ];

  for (const result of results.filter((r) => r.nPlusOne.length > 0)) {
    lines.push('', `N+1 under ${result.label}: the fields that query once per parent`);
    for (const finding of result.nPlusOne) {
      lines.push(`  ${finding.path}: ${finding.count} queries  ${finding.sql}`, `    fix: ${finding.hint}`);
    }
    if (result.duplicateCount > 0) {
      lines.push(`  (${result.duplicateCount} of those fetched rows this request had already fetched)`);
    }
  }

  const [baseline, ...others] = results;
  const seriesShrank = others.some((other) => other.roundTripsInSeries < (baseline?.roundTripsInSeries ?? 0));
  if (baseline && others.length > 0 && (baseline.nPlusOne.length > 0 || seriesShrank)) {
    lines.push('', `Against ${baseline.label}:`);
    for (const other of others) {
      lines.push(
        `  ${other.label}: ${baseline.sqlCount} → ${other.sqlCount} ${other.sqlCount === 1 ? 'statement' : 'statements'}, ` +
          `${baseline.roundTripsInSeries} → ${other.roundTripsInSeries} in series, ` +
          `DB ${baseline.dbTimeMs.toFixed(2)} → ${other.dbTimeMs.toFixed(2)} ms, ` +
          `total ${baseline.totalMs.toFixed(2)} → ${other.totalMs.toFixed(2)} ms` +
          (other.nPlusOne.length === 0 ? ', no N+1 left' : `, ${other.nPlusOne.length} N+1 left`),
      );
    }
  }

  const cached = results.filter((r) => r.cache);
  if (cached.length > 0) {
    lines.push('', 'The products cache (x-cache: on), last run:');
    for (const { label, cache } of cached) {
      lines.push(`  ${label}: ${cache!.hits} from the cache (${cache!.store}), ${cache!.misses} from the database, in ${cache!.lookups} lookups`);
    }
  }

  for (const result of results.filter((r) => r.planFindings.length > 0)) {
    lines.push('', `Plans under ${result.label}: scans that read far more rows than they return`);
    for (const finding of result.planFindings) lines.push(`  ${finding.message}`, `    fix: ${finding.fix}`);
  }

  const traced = results.filter((result) => result.traceUrl);
  if (traced.length > 0) {
    lines.push('', 'Traces in Jaeger:');
    for (const result of traced) lines.push(`  ${result.label.padEnd(8)} ${result.traceUrl}`);
    for (const { baseline: from, strategy, url } of comparison.jaegerCompare) lines.push(`  ${from} vs ${strategy}: ${url}`);
  } else if (results.some((result) => result.traceId)) {
    lines.push('', 'Pass --jaeger http://localhost:16686 to print links to these traces and Jaeger’s compare view.');
  }
  return `${lines.join('\n')}\n`;
}
