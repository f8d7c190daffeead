// One request drawn as rows of bars on the page's shared axis: request, phases, resolvers, batches, SQL.

import { jaegerUrl, labelOf } from './api.js';
import { colorOf } from './colors.js';
import { rowModel, sqlSummary } from './rows.js';
import { el, gridlines, ms, place } from './scale.js';
import { summary } from './summary.js';

/** A row: its label on the left, its bars on the track. */
function row(labelParts, bars = [], className = '') {
  const line = el('div', `row ${className}`.trim());
  const label = el('div', 'label');
  label.append(...labelParts.map((part) => (typeof part === 'string' ? el('span', 'path', part) : part)));
  const track = el('div', 'track');
  track.append(...bars);
  line.append(label, track);
  return line;
}

/** A bar from `start` to `end` with what hover and click show (`details`: label → value). */
function bar(scale, kind, start, end, details, text) {
  const element = place(el('button', `bar ${kind}`), scale, start, end);
  element.type = 'button';
  element.dataset.kind = kind;
  element.dataset.start = String(start);
  element.dataset.end = String(end);
  const lines = { ...details, ms: `${ms(end - start)} ms (${ms(start)} → ${ms(end)})` };
  element.dataset.details = JSON.stringify(lines);
  element.setAttribute(
    'aria-label',
    Object.entries(lines)
      .map(([key, value]) => `${key}: ${value}`)
      .join('; '),
  );
  if (text) element.append(el('span', 'bar-text', text));
  return element;
}

const tag = (text) => el('span', 'kind', text);

function sqlBar(scale, statement, marks) {
  const element = bar(scale, 'sql', statement.startMs, statement.endMs, {
    SQL: statement.sql,
    path: statement.path,
    rows: String(statement.rows),
    ...(statement.batch !== undefined && { batch: `#${statement.batch}` }),
  });
  element.dataset.path = statement.path;
  element.dataset.index = String(statement.index);
  element.style.background = colorOf(statement.path);
  const side = marks?.get(statement.index);
  if (side) element.dataset.onlyIn = side;
  return element;
}

/** A run of one statement shape: one row of bars labelled "× N" (folded), or a row per statement. */
function sqlRun(scale, run, marks, unfolded) {
  const box = el('div', 'run');
  const count = run.statements.length;
  const name = [run.path, el('span', 'sql-summary', sqlSummary(run.sql))];
  const first = Math.min(...run.statements.map((s) => s.startMs));
  const last = Math.max(...run.statements.map((s) => s.endMs));
  // In a comparison, how many of the run only this side ran, written beside the run's bars.
  const marked = run.statements.filter((s) => marks?.has(s.index));
  const note = () => {
    if (!marked.length) return [];
    const text = el('span', 'run-note', `${marked.length} only in ${marks.get(marked[0].index).toUpperCase()}`);
    // Near the track's right end it would be cut off there: written just before the run's first bar instead.
    if (last / scale.maxMs > 0.85) text.style.right = `calc(100% - ${scale.pct(first)} + 6px)`;
    else text.style.left = `calc(${scale.pct(last)} + 6px)`;
    return [text];
  };
  if (count === 1) {
    box.append(row([tag('SQL'), ...name], [sqlBar(scale, run.statements[0], marks), ...note()]));
    return box;
  }
  const draw = () => {
    const open = unfolded.has(run.key);
    const toggle = el('button', 'fold', `${open ? '▾' : '▸'} SQL × ${count}`);
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.setAttribute('aria-label', `${open ? 'Fold' : 'Unfold'} ${count} statements from ${run.path}`);
    toggle.addEventListener('click', () => {
      if (open) unfolded.delete(run.key);
      else unfolded.add(run.key);
      draw();
    });
    if (!open) return box.replaceChildren(row([toggle, ...name], [...run.statements.map((s) => sqlBar(scale, s, marks)), ...note()], 'folded'));
    box.replaceChildren(
      row([toggle, ...name], [place(el('span', 'run-span'), scale, first, last), ...note()]),
      ...run.statements.map((s, i) => row([el('span', 'nth', `${i + 1} of ${count}`)], [sqlBar(scale, s, marks)], 'unfolded')),
    );
  };
  draw();
  return box;
}

/**
 * The waterfall of `timeline` on `scale`. `marks` (statement index → 'a' | 'b') highlights statements only one side
 * of a comparison has; `title` names it (the strategy by default).
 */
export function waterfall(timeline, scale, { marks, title } = {}) {
  const section = el('section', 'waterfall');
  section.dataset.strategy = timeline.strategy;
  section.dataset.await = timeline.await;
  section.dataset.requestId = timeline.id;
  const heading = el('h3', '', title ?? labelOf(timeline));
  const facts = el(
    'span',
    'facts',
    `${timeline.operation ?? '(no operation)'} · ${ms(timeline.totalMs)} ms · ${timeline.sqlCount} SQL, ${timeline.roundTripsInSeries} in series · HTTP ${timeline.status}`,
  );
  const jaeger = el('a', 'jaeger', 'Jaeger JSON');
  jaeger.href = jaegerUrl(timeline.id);
  jaeger.download = `${timeline.id}-jaeger.json`;
  jaeger.title = 'For Jaeger’s “Upload JSON” (Search → JSON File)';
  const header = el('header');
  header.append(heading, facts, jaeger);
  section.setAttribute('aria-label', `${title ?? labelOf(timeline)}: ${timeline.sqlCount} SQL statements in ${ms(timeline.totalMs)} ms`);

  const rows = el('div', 'rows');
  rows.append(gridlines(scale));
  const request = bar(scale, 'request', 0, timeline.totalMs, { request: timeline.id, operation: timeline.operation ?? '—' });
  request.append(el('span', `bar-text ${timeline.totalMs / scale.maxMs > 0.8 ? 'inside' : ''}`, `${ms(timeline.totalMs)} ms`));
  rows.append(row([tag('HTTP'), 'request'], [request], 'request-row'));
  const phases = timeline.phases.map((p) => {
    const phase = bar(scale, 'phase', p.startMs, p.endMs, { phase: p.name });
    phase.classList.add(p.name);
    return phase;
  });
  rows.append(row([tag('GraphQL'), 'phases'], phases));

  const { resolverRows, batchRows, sqlRuns } = rowModel(timeline);
  for (const { path, field, calls } of resolverRows) {
    const bars = calls.map((c) => bar(scale, 'resolver', c.startMs, c.endMs, { resolver: c.path, field: c.field }));
    for (const b of bars) b.dataset.path = path;
    const capped = timeline.resolversDropped > 0 && calls.length >= timeline.resolverCap;
    const count = el('span', 'count', `${capped ? 'first ' : ''}${calls.length} call${calls.length === 1 ? '' : 's'}`);
    rows.append(row([tag('resolve'), path, count, el('span', 'sql-summary', field)], bars, 'resolver-row'));
  }
  if (timeline.resolversDropped)
    rows.append(
      row(
        [el('span', 'note', `+ ${timeline.resolversDropped} resolver calls not recorded (at most ${timeline.resolverCap} per field)`)],
        [],
        'note-row',
      ),
    );
  for (const { loader, path, batches } of batchRows) {
    const bars = batches.map((b) => {
      const element = bar(scale, 'batch', b.startMs, b.endMs, { loader, path, keys: String(b.keys) }, `${b.keys} keys`);
      element.dataset.keys = String(b.keys);
      element.dataset.path = path;
      return element;
    });
    rows.append(row([tag('batch'), path, el('span', 'sql-summary', loader)], bars, 'batch-row'));
  }
  // x-cache: on: each lookup of the products cache, before the statement that loads its misses (if any).
  if (timeline.cacheLookups?.length) {
    const bars = timeline.cacheLookups.map((lookup) => {
      const details = { cache: lookup.store, hits: String(lookup.hits), misses: String(lookup.misses) };
      const element = bar(scale, 'cache', lookup.startMs, lookup.endMs, details, `${lookup.hits} hit · ${lookup.misses} miss`);
      element.dataset.hits = String(lookup.hits);
      element.dataset.misses = String(lookup.misses);
      return element;
    });
    rows.append(row([tag('cache'), 'products', el('span', 'sql-summary', timeline.cacheLookups[0].store)], bars, 'cache-row'));
  }
  const unfolded = new Set();
  for (const run of sqlRuns) rows.append(sqlRun(scale, run, marks, unfolded));
  if (timeline.statementsDropped)
    rows.append(row([el('span', 'note', `+ ${timeline.statementsDropped} statements past the history’s cap, not drawn`)], [], 'note-row'));

  section.append(header, rows, el('div', 'pinned'), summary(timeline));
  return section;
}
