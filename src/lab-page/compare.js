// Two requests side by side, as Jaeger's compare view does it: statements matched per field path, the surplus marked.
import { el, ms } from './scale.js';

function countByPath(timeline) {
  const byPath = new Map();
  timeline.statements.forEach((statement, index) => {
    if (!byPath.has(statement.path)) byPath.set(statement.path, []);
    byPath.get(statement.path).push(index);
  });
  return byPath;
}

/**
 * Matches A's statements with B's per field path, in the order they started: for each path, the statements one side
 * ran beyond the other's count are "only in" it. Returns the marks for each side (statement index → 'a' | 'b')
 * and the counts per path.
 */
export function matchStatements(a, b) {
  const inA = countByPath(a);
  const inB = countByPath(b);
  const marks = { a: new Map(), b: new Map() };
  const paths = [...new Set([...inA.keys(), ...inB.keys()])].sort();
  const byPath = paths.map((path) => {
    const aIndexes = inA.get(path) ?? [];
    const bIndexes = inB.get(path) ?? [];
    for (const index of aIndexes.slice(bIndexes.length)) marks.a.set(index, 'a');
    for (const index of bIndexes.slice(aIndexes.length)) marks.b.set(index, 'b');
    return { path, a: aIndexes.length, b: bIndexes.length };
  });
  return { marks, byPath };
}

/** "A ran 47 more statements than B (51 vs 4) and took 38.2 ms longer (41.0 vs 2.85 ms)." */
export function differenceText(a, b) {
  const countA = a.sqlCount;
  const countB = b.sqlCount;
  const n = Math.abs(countA - countB);
  const statements =
    n === 0
      ? `A and B ran the same number of statements (${countA})`
      : `A ran ${n} ${countA > countB ? 'more' : 'fewer'} ${n === 1 ? 'statement' : 'statements'} than B (${countA} vs ${countB})`;
  const delta = a.totalMs - b.totalMs;
  const time = `took ${ms(Math.abs(delta))} ms ${delta >= 0 ? 'longer' : 'less'} (${ms(a.totalMs)} vs ${ms(b.totalMs)} ms)`;
  return `${statements} and ${time}.`;
}

/** The written-out difference: the sentence, then a line per path whose counts differ. */
export function differenceReport(a, b, byPath) {
  const box = el('div', 'difference');
  box.setAttribute('aria-live', 'polite');
  box.append(el('p', 'sentence', differenceText(a, b)));
  const list = el('ul', 'by-path');
  for (const { path, a: countA, b: countB } of byPath) {
    const item = el('li', countA === countB ? 'same' : 'differs');
    const sign = countA - countB > 0 ? `+${countA - countB}` : String(countA - countB);
    item.append(el('code', '', path), el('span', '', ` A ${countA} vs B ${countB}${countA === countB ? '' : ` (${sign} in A)`}`));
    list.append(item);
  }
  const dbDelta = a.split.dbMs - b.split.dbMs;
  list.append(
    el('li', '', `database time: A ${ms(a.split.dbMs)} vs B ${ms(b.split.dbMs)} ms (${dbDelta >= 0 ? '+' : '−'}${ms(Math.abs(dbDelta))} ms in A)`),
  );
  box.append(list);
  return box;
}
