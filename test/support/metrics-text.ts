import { parseMetrics, type Sample } from '../../lab/kit/metrics-text';

export { parseMetrics, type Sample };

/**
 * The samples named `name` whose labels include `where`, keyed by their other labels sorted by name
 * (`path=users.orders,strategy=naive`), so a whole metric compares with one `toEqual` in any order.
 */
export function samples(all: Sample[], name: string, where: Record<string, string> = {}): Record<string, number> {
  const matches = all.filter((sample) => sample.name === name && Object.entries(where).every(([key, value]) => sample.labels[key] === value));
  return Object.fromEntries(
    matches.map((sample) => {
      const rest = Object.entries(sample.labels).filter(([key]) => !(key in where));
      return [
        rest
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => `${key}=${value}`)
          .join(','),
        sample.value,
      ];
    }),
  );
}

/** One series of a histogram: its count, its sum, and the `le` of the first bucket holding an observation. */
export function histogramOf(all: Sample[], histogram: string, where: Record<string, string>) {
  const series = (suffix: string) =>
    all.filter((sample) => sample.name === `${histogram}_${suffix}` && Object.entries(where).every(([key, value]) => sample.labels[key] === value));
  return {
    count: series('count')[0]?.value,
    sum: series('sum')[0]?.value,
    firstBucket: series('bucket').find((bucket) => bucket.value > 0)?.labels.le,
  };
}
