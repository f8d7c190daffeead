// The recent requests the server keeps (any client's: GraphiQL's too), to open one or pick A and B to compare.
import { labelOf } from './api.js';
import { el, ms } from './scale.js';

const time = (iso) => new Date(iso).toLocaleTimeString([], { hour12: false });

/** Fills `table`'s body with `requests` (newest first); `picked` = { a, b } ids keep their radio buttons checked. */
export function renderRecent(table, requests, picked) {
  const body = table.tBodies[0];
  body.replaceChildren();
  for (const request of requests) {
    const line = el('tr');
    line.dataset.requestId = request.id;
    line.dataset.strategy = request.strategy;
    for (const side of ['a', 'b']) {
      const cell = el('td', 'pick');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = `compare-${side}`;
      radio.value = request.id;
      radio.checked = picked[side] === request.id;
      radio.setAttribute('aria-label', `${side.toUpperCase()}: ${labelOf(request)} ${request.operation ?? ''} at ${time(request.startedAt)}`);
      cell.append(radio);
      line.append(cell);
    }
    const open = el('a', '', request.operation ?? '(none)');
    open.href = `#request=${encodeURIComponent(request.id)}`;
    const cells = [
      time(request.startedAt),
      open,
      labelOf(request),
      ms(request.totalMs),
      String(request.sqlCount),
      request.nPlusOne ? String(request.nPlusOne) : '—',
      request.status === 200 ? '' : String(request.status),
    ];
    for (const content of cells) {
      const cell = el('td');
      cell.append(content);
      line.append(cell);
    }
    body.append(line);
  }
  if (!requests.length) {
    const empty = el('td', 'empty', 'No requests yet: Run one, or send one from GraphiQL.');
    empty.colSpan = 9;
    const line = el('tr');
    line.append(empty);
    body.append(line);
  }
}
