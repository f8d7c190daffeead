// The one time axis every waterfall on screen shares: positions are percentages of the longest request's span.

/** Milliseconds as people read them: 0.042, 3.17, 41.3, 812. */
export function ms(value) {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** A scale from 0 to `maxMs` (the longest request shown), with round tick values (1, 2 or 5 × 10ⁿ). */
export function timeScale(maxMs) {
  const span = maxMs > 0 ? maxMs : 1;
  const rough = span / 8;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough);
  const ticks = [];
  for (let t = 0; t <= span + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return { maxMs: span, ticks, pct: (t) => `${(Math.min(Math.max(t, 0), span) / span) * 100}%` };
}

/** Places `element` on the axis from `startMs` to `endMs`. */
export function place(element, scale, startMs, endMs) {
  element.style.left = scale.pct(startMs);
  element.style.width = `${((Math.min(endMs, scale.maxMs) - Math.max(startMs, 0)) / scale.maxMs) * 100}%`;
  return element;
}

/** The axis drawn above a stack of waterfalls: a time label at each tick. */
export function axis(scale) {
  const row = el('div', 'axis');
  row.setAttribute('aria-hidden', 'true');
  row.append(el('div', 'axis-label', 'ms from the request’s start'));
  const track = el('div', 'track');
  for (const tick of scale.ticks) {
    const label = el('span', 'tick', `${tick} ms`);
    label.style.left = scale.pct(tick);
    track.append(label);
  }
  row.append(track);
  return row;
}

/** Light vertical lines at the ticks, behind a waterfall's bars. */
export function gridlines(scale) {
  const layer = el('div', 'gridlines');
  layer.setAttribute('aria-hidden', 'true');
  for (const tick of scale.ticks) {
    const line = el('span', 'gridline');
    line.style.left = scale.pct(tick);
    layer.append(line);
  }
  return layer;
}

/** `document.createElement` with a class and text. */
export function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
