// SQL bars are coloured by the field path that caused them, the same colour in every waterfall on the page.
import { el } from './scale.js';

// Tableau 10, darkened where white text would not read on it.
const PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#b07aa1', '#f28e2b', '#76b7b2', '#9c755f', '#edc948', '#ff9da7', '#bab0ac'];
const assigned = new Map();

/** The colour of `path`: given on first sight, kept for the life of the page. */
export function colorOf(path) {
  if (!assigned.has(path)) assigned.set(path, PALETTE[assigned.size % PALETTE.length]);
  return assigned.get(path);
}

/** The legend for `paths`: a swatch and the path, and what the other bar kinds are. */
export function legend(paths) {
  const list = el('ul', 'legend');
  list.setAttribute('aria-label', 'Legend');
  const item = (swatchClass, color, label) => {
    const entry = el('li');
    const swatch = el('span', `swatch ${swatchClass}`);
    if (color) swatch.style.background = color;
    entry.append(swatch, el('span', '', label));
    list.append(entry);
  };
  item('request', '', 'request');
  item('phase', '', 'parse · validate · execute · serialize');
  item('resolver', '', 'resolver calls');
  item('batch', '', 'DataLoader batch (keys)');
  for (const path of paths) item('sql', colorOf(path), `SQL from ${path}`);
  return list;
}
