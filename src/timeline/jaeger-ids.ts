import type { Timeline } from './shape';

/** The trace's id and a span id per span index: the same on every export of one request, so a file can be uploaded again. */
export interface JaegerIds {
  traceID: string;
  spanID(index: number): string;
}

/**
 * 32 hex characters for the trace and 16 per span. The seed takes `startedAt` as well as `id` because ids are
 * unique only within one process, and the Jaeger UI keeps the first of two uploads with the same traceID
 * (packages/jaeger-ui/src/components/SearchTracePage/useUploadedTraces.ts): request `r1` of yesterday's run
 * must not hide today's.
 */
export function jaegerIds(timeline: Pick<Timeline, 'id' | 'startedAt'>): JaegerIds {
  const seed = `${timeline.id} ${timeline.startedAt}`;
  const spanPrefix = fnv1a64(`span ${seed}`).slice(0, 8);
  return {
    traceID: fnv1a64(`trace ${seed}`) + fnv1a64(`trace again ${seed}`),
    // The index in the low half keeps span ids distinct by construction; +1 because an all-zero id is invalid.
    spanID: (index) => spanPrefix + (index + 1).toString(16).padStart(8, '0'),
  };
}

/** FNV-1a, 64 bits: a fixed hash with no crypto module, which a browser build of the lab page would not have. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}
