// Under each waterfall: what the request cost, and each finding with the fix the server suggests.
import { el, ms } from './scale.js';

const FINDINGS = [
  ['nPlusOne', 'N+1'],
  ['duplicates', 'duplicate'],
  ['batchingSplit', 'split batches'],
];

export function summary(timeline) {
  const box = el('div', 'summary');
  const stats = el('dl', 'stats');
  const { split } = timeline;
  const facts = [
    ['SQL', String(timeline.sqlCount)],
    ['in series', String(timeline.roundTripsInSeries)],
    ['rows', String(timeline.rowsFetched)],
    ['db', `${ms(split.dbMs)} ms`],
    ['ORM', `${ms(split.ormMs)} ms`],
    ['GraphQL', `${ms(split.graphqlMs)} ms`],
    ['serialization', `${ms(split.serializationMs)} ms`],
    ['other', `${ms(split.otherMs)} ms`],
    ['total', `${ms(timeline.totalMs)} ms`],
  ];
  for (const [name, value] of facts) {
    const pair = el('div');
    pair.append(el('dt', '', name), el('dd', '', value));
    pair.dataset.stat = name;
    stats.append(pair);
  }
  box.append(stats);

  const list = el('ul', 'findings');
  for (const [key, label] of FINDINGS) {
    for (const finding of timeline.findings?.[key] ?? []) {
      const item = el('li', `finding ${key}`);
      item.dataset.finding = key;
      item.append(el('strong', '', `${label} at ${finding.path}`), el('span', '', ` ${finding.hint}`));
      list.append(item);
    }
  }
  // x-explain's: a scan that reads far more rows than it returns, and the index that would serve it.
  for (const finding of timeline.findings?.plans ?? []) {
    const item = el('li', 'finding plans');
    item.dataset.finding = 'plans';
    item.append(el('strong', '', finding.message), el('span', '', `: ${finding.fix}`));
    list.append(item);
  }
  if (!list.children.length) list.append(el('li', 'finding none', 'No N+1, duplicate or split batch found.'));
  box.append(list);
  return box;
}
