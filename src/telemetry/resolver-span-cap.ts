import { type Attributes, type Context, type SpanKind, TraceFlags, trace } from '@opentelemetry/api';
import { type Sampler, SamplingDecision, type SamplingResult } from '@opentelemetry/sdk-trace';

/** Traces whose resolver counts are kept; a request ends long before this many others have started. */
const TRACES_REMEMBERED = 1000;
/** The count of spans left out, kept beside the per-path counts (no field path contains a NUL). */
const DROPPED = '\0dropped';

let active: ResolverSpanCap | undefined;

/** Resolver spans the running SDK's cap left out of a trace (0 when telemetry is off). */
export function droppedResolverSpans(traceId: string): number {
  return active?.dropped(traceId) ?? 0;
}

/**
 * Caps the resolver spans of one field path per trace: the first `perPath` items of a list get
 * `graphql.resolve users.*.orders` spans (and their children: the N+1's SQL stays visible), the rest none,
 * counted instead (droppedResolverSpans; the request's root span shows it as `app.resolver_spans_dropped`:
 * a list's own span has ended by the time its items resolve). Without it a naive request over 1,000 users
 * makes tens of thousands of spans. Everything else follows its parent, as ParentBased(AlwaysOn).
 */
export class ResolverSpanCap implements Sampler {
  private readonly counts = new Map<string, Map<string, number>>();

  constructor(private readonly perPath: number) {
    active = this;
  }

  /** Resolver spans left out of a trace so far. */
  dropped(traceId: string): number {
    return this.counts.get(traceId)?.get(DROPPED) ?? 0;
  }

  shouldSample(context: Context, traceId: string, spanName: string, _kind: SpanKind, attributes: Attributes): SamplingResult {
    const parent = trace.getSpan(context);
    if (parent && !(parent.spanContext().traceFlags & TraceFlags.SAMPLED)) return { decision: SamplingDecision.NOT_RECORD };
    const path = attributes['graphql.field.path'];
    if (!spanName.startsWith('graphql.resolve') || typeof path !== 'string') return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    const folded = path.replace(/\.\d+(?=\.|$)/g, '.*');
    const seen = this.countsOf(traceId);
    const count = (seen.get(folded) ?? 0) + 1;
    seen.set(folded, count);
    if (count <= this.perPath) return { decision: SamplingDecision.RECORD_AND_SAMPLED };
    seen.set(DROPPED, (seen.get(DROPPED) ?? 0) + 1);
    return { decision: SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return `ResolverSpanCap{${this.perPath} per field path}`;
  }

  private countsOf(traceId: string): Map<string, number> {
    let seen = this.counts.get(traceId);
    if (!seen) {
      if (this.counts.size >= TRACES_REMEMBERED) this.counts.delete(this.counts.keys().next().value!);
      seen = new Map();
      this.counts.set(traceId, seen);
    }
    return seen;
  }
}
