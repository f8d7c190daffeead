import type { TopLevelSpec } from 'vega-lite';
import type { BenchResults, CellResult } from './results';

/** Names for the parts of the time split; any other Server-Timing entry shows under its own name. */
const PART_LABELS: Record<string, string> = {
  db: 'db: SQL in flight',
  orm: 'orm: building SQL, mapping rows',
  graphql: 'graphql: execution',
  serialize: 'serialize: result to JSON',
  other: 'other: request, parse, validate',
  outside: 'outside: HTTP, transfer',
};

/** Latency vs N, one line per strategy and the floor, both axes logarithmic. */
export function latencySpec(results: BenchResults): TopLevelSpec {
  const order = [...results.settings.strategies, 'floor'];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Sequential latency vs N (median, log axes)', subtitle: results.settings.database.version },
    width: 420,
    height: 300,
    data: { values: results.cells.map((cell) => ({ target: cell.target, n: cell.n, ms: cell.sequential.medianMs })) },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'n',
        type: 'quantitative',
        title: 'N (users per request)',
        scale: { type: 'log' },
        axis: { values: results.settings.n },
      },
      y: { field: 'ms', type: 'quantitative', title: 'milliseconds', scale: { type: 'log' } },
      color: { field: 'target', type: 'nominal', title: null, sort: order, scale: { domain: order } },
      // The floor dashed: a reference line, not a strategy (same field and title: one legend for both).
      strokeDash: {
        field: 'target',
        type: 'nominal',
        title: null,
        scale: { domain: order, range: order.map((target) => (target === 'floor' ? [4, 3] : [1, 0])) },
      },
    },
  };
}

/** Where the time of one sequential request goes, stacked, per strategy; one panel per N (own y scale). */
export function timeSplitSpec(results: BenchResults): TopLevelSpec {
  const order = [...results.settings.strategies, 'floor'];
  const rows = results.cells.flatMap((cell) =>
    timeParts(cell).map(({ label, ms }, rank) => ({ target: cell.target, n: `N = ${cell.n}`, part: label, ms, rank })),
  );
  const parts = [...new Set(rows.map((row) => row.part))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Time split of one sequential request (medians of each part)', subtitle: results.settings.database.version },
    data: { values: rows },
    facet: { column: { field: 'n', type: 'ordinal', title: null, sort: results.settings.n.map((n) => `N = ${n}`) } },
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 150,
      height: 220,
      mark: 'bar',
      encoding: {
        x: { field: 'target', type: 'nominal', title: null, sort: order, axis: { labelAngle: -30 } },
        y: { field: 'ms', type: 'quantitative', title: 'milliseconds', stack: 'zero' },
        color: { field: 'part', type: 'nominal', title: null, sort: parts, legend: { labelLimit: 240 } },
        // The database at the bottom of each bar, as Server-Timing lists it first.
        order: { field: 'rank', sort: 'ascending' },
      },
    },
  };
}

/** Server-Timing's parts (every entry but `total`), then what the driver saw beyond the server's own clock. */
export function timeParts(cell: CellResult): Array<{ key: string; label: string; ms: number }> {
  const entries = Object.entries(cell.cost.serverTiming ?? {}).filter(([key]) => key !== 'total');
  if (cell.cost.outsideServerMs !== null) entries.push(['outside', cell.cost.outsideServerMs]);
  return entries.map(([key, ms]) => ({ key, label: PART_LABELS[key] ?? key, ms }));
}
