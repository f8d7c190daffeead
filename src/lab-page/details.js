// Hover or focus a bar: a tooltip with its SQL, path, rows and ms. Click it: the same, kept under its waterfall.
import { el } from './scale.js';

function describe(bar) {
  const list = el('dl');
  for (const [key, value] of Object.entries(JSON.parse(bar.dataset.details))) {
    list.append(el('dt', '', key), el('dd', key === 'SQL' ? 'sql' : '', value));
  }
  if (bar.dataset.onlyIn) list.append(el('dt', '', 'compare'), el('dd', 'only', `only in ${bar.dataset.onlyIn.toUpperCase()}`));
  return list;
}

/** Listens on `root` for every bar inside it, now and later. */
export function attachDetails(root) {
  const tip = el('div', 'tooltip');
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);

  const moveTo = (x, y) => {
    const { width, height } = tip.getBoundingClientRect();
    tip.style.left = `${Math.max(8, Math.min(x + 12, window.innerWidth - width - 8)) + window.scrollX}px`;
    tip.style.top = `${(y + 16 + height > window.innerHeight ? y - height - 12 : y + 16) + window.scrollY}px`;
  };
  const show = (bar, x, y) => {
    tip.replaceChildren(describe(bar));
    tip.hidden = false;
    moveTo(x, y);
  };
  const barOf = (event) => event.target.closest?.('.bar');

  root.addEventListener('mouseover', (event) => {
    const bar = barOf(event);
    if (bar) show(bar, event.clientX, event.clientY);
  });
  root.addEventListener('mousemove', (event) => {
    if (!tip.hidden && barOf(event)) moveTo(event.clientX, event.clientY);
  });
  root.addEventListener('mouseout', (event) => {
    if (barOf(event)) tip.hidden = true;
  });
  root.addEventListener('focusin', (event) => {
    const bar = barOf(event);
    if (!bar) return;
    const rect = bar.getBoundingClientRect();
    show(bar, rect.left, rect.bottom);
  });
  root.addEventListener('focusout', () => (tip.hidden = true));
  root.addEventListener('click', (event) => {
    const bar = barOf(event);
    const pinned = bar?.closest('.waterfall')?.querySelector('.pinned');
    if (!pinned) return;
    for (const other of root.querySelectorAll('.bar.selected')) other.classList.remove('selected');
    bar.classList.add('selected');
    pinned.replaceChildren(describe(bar));
  });
}
