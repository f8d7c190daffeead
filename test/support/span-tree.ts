import type { ReceivedSpan } from './otlp-collector';

/**
 * A trace as indented span names, without ids or times, for snapshots. List indices in resolver paths become
 * `*` (`users.*.orders`), children are sorted, and identical sibling subtrees are folded into one line with
 * `× n`, so the fan-out reads as a count.
 */
export function spanTree(spans: ReceivedSpan[]): string {
  const ids = new Set(spans.map((span) => span.spanId));
  const childrenOf = (parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
  const render = (span: ReceivedSpan): string[] => {
    const children = childrenOf(span).map(render);
    const folded = new Map<string, { lines: string[]; count: number }>();
    for (const lines of children) {
      const key = lines.join('\n');
      const entry = folded.get(key);
      if (entry) entry.count += 1;
      else folded.set(key, { lines, count: 1 });
    }
    const childLines = [...folded.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([, { lines, count }]) => [count > 1 ? `${lines[0]} × ${count}` : lines[0]!, ...lines.slice(1)]);
    return [span.name.replace(/\.\d+(?=\.|$)/g, '.*'), ...childLines.map((line) => `  ${line}`)];
  };
  const roots = spans.filter((span) => !span.parentSpanId || !ids.has(span.parentSpanId));
  return roots.flatMap(render).join('\n');
}
