import { context, type Link, trace } from '@opentelemetry/api';
import DataLoader from 'dataloader';
import { runInSpan } from './span-end';

const tracer = trace.getTracer('graphql-n1-lab/dataloader');

/**
 * A DataLoader whose batches make `dataloader.batch <name>` spans: in the context of the load that opened the
 * batch (DataLoader dispatches it from there: under the resolver that asked first, and only if that one has a
 * span), linked to the span of every traced caller whose key the batch sends, and saying how many keys it sends
 * (`app.dataloader.keys`).
 *
 * Not @opentelemetry/instrumentation-dataloader, which also makes a `dataloader.load` span for every load under a
 * span: under a resolver span that is the same work twice (docs/benchmarks/NOTES.md counts them),
 * it wraps every load, traced or not, and it has no option to leave load spans out.
 */
export class TracedDataLoader<K, V> extends DataLoader<K, V> {
  /** The spans that asked for each key not yet sent, for the links of the batch that sends it. */
  readonly #callers: Map<K, Link[]>;

  constructor(batch: DataLoader.BatchLoadFn<K, V>, options: DataLoader.Options<K, V> & { name: string }) {
    const callers = new Map<K, Link[]>();
    super((keys) => traceBatch(options.name, keys, linksFor(callers, keys), () => batch(keys)), options);
    this.#callers = callers;
  }

  override load(key: K): Promise<V> {
    const caller = trace.getActiveSpan();
    if (caller) {
      const links = this.#callers.get(key);
      if (links) links.push({ context: caller.spanContext() });
      else this.#callers.set(key, [{ context: caller.spanContext() }]);
    }
    return super.load(key);
  }
}

/**
 * The links for a batch's keys, taken out. A caller whose key is already in a batch not yet sent is linked to
 * that one; a caller whose key was sent before (the cache answers it) is linked to none.
 */
function linksFor<K>(callers: Map<K, Link[]>, keys: readonly K[]): Link[] {
  const links: Link[] = [];
  if (callers.size === 0) return links;
  for (const key of keys) {
    const asked = callers.get(key);
    if (!asked) continue;
    links.push(...asked);
    callers.delete(key);
  }
  return links;
}

function traceBatch<V>(name: string, keys: readonly unknown[], links: Link[], run: () => PromiseLike<ArrayLike<V | Error>>) {
  const parent = context.active();
  if (!trace.getSpan(parent)) return run();
  const span = tracer.startSpan(`dataloader.batch ${name}`, { links, attributes: { 'app.dataloader.keys': keys.length } }, parent);
  return runInSpan(span, parent, run);
}
