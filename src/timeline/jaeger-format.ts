/** The Jaeger query API's JSON (`GET /api/traces/:id`), as far as this export writes it. */
type TagValue = string | number | boolean;
export type Tags = Record<string, TagValue | undefined>;

/** A tag as Jaeger's query API writes it: the UI reads key and value; `type` makes the file read like one Jaeger downloaded. */
export interface JaegerTag {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64';
  value: TagValue;
}

export interface JaegerReference {
  refType: 'CHILD_OF' | 'FOLLOWS_FROM';
  traceID: string;
  spanID: string;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  /** The parent first: the UI takes the first reference it finds in the trace as the parent, whatever its type. */
  references: JaegerReference[];
  /** Microseconds since the epoch. */
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  logs: Array<{ timestamp: number; fields: JaegerTag[] }>;
  processID: 'p1';
  warnings: string[] | null;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: { p1: { serviceName: string; tags: JaegerTag[] } };
  warnings: null;
}

/** Entries left undefined are left out: values the timeline does not have (no operation, no field) get no tag. */
export function toTags(tags: Tags): JaegerTag[] {
  return Object.entries(tags).flatMap(([key, value]) => (value === undefined ? [] : [{ key, type: tagType(value), value }]));
}

function tagType(value: TagValue): JaegerTag['type'] {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int64' : 'float64';
}
