import type { Timeline, TimelineSummary } from './shape';

interface Kept {
  summary: TimelineSummary;
  /** The timeline as JSON, serialized once: what GET /lab/requests/:id answers, and what the byte bound counts. */
  json: string;
}

/**
 * The last requests' timelines, newest first, bounded by count and by the size of their JSON: the oldest go
 * first, and a timeline larger than the whole bound is kept with its statement list cut to fit (counted as
 * dropped), so one huge request cannot push the history past its bound.
 */
export class RequestHistory {
  readonly #kept = new Map<string, Kept>();
  #bytes = 0;

  constructor(private readonly limits: { history: number; maxBytes: number }) {}

  add(timeline: Timeline): void {
    if (this.limits.history === 0) return;
    const json = fitted(timeline, this.limits.maxBytes);
    this.#kept.set(timeline.id, { summary: summaryOf(timeline), json });
    this.#bytes += json.length;
    for (const [id, { json: old }] of this.#kept) {
      if (this.#kept.size <= this.limits.history && this.#bytes <= this.limits.maxBytes) break;
      this.#kept.delete(id);
      this.#bytes -= old.length;
    }
  }

  /** Newest first. */
  list(): TimelineSummary[] {
    return [...this.#kept.values()].map(({ summary }) => summary).reverse();
  }

  json(id: string): string | undefined {
    return this.#kept.get(id)?.json;
  }

  get bytes(): number {
    return this.#bytes;
  }
}

function summaryOf({ id, operation, strategy, await: awaitMode, startedAt, status, totalMs, sqlCount, findings }: Timeline): TimelineSummary {
  return { id, operation, strategy, await: awaitMode, startedAt, status, totalMs, sqlCount, nPlusOne: findings.nPlusOne.length };
}

/** The timeline's JSON, its statement list halved until it fits `maxBytes` (each cut counted as dropped). */
function fitted(timeline: Timeline, maxBytes: number): string {
  let json = JSON.stringify(timeline);
  let listed = timeline.statements;
  while (json.length > maxBytes && listed.length > 0) {
    listed = listed.slice(0, Math.floor(listed.length / 2));
    json = JSON.stringify({
      ...timeline,
      statements: listed,
      statementsDropped: timeline.statementsDropped + timeline.statements.length - listed.length,
    });
  }
  return json;
}
