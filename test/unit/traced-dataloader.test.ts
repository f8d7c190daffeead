import { context, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { TracedDataLoader } from '../../src/telemetry/traced-dataloader';

/** The batch spans' rules: made in the first load's context, linked to every traced caller of the keys they send. */
const exporter = new InMemorySpanExporter();
const processor = new SimpleSpanProcessor({ exporter });
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [processor] }));
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracer = trace.getTracer('test');

/** Calls `fn` with `span` active, as a resolver with a span calls `load`. */
const under = <T>(span: ReturnType<typeof tracer.startSpan> | undefined, fn: () => T): T =>
  context.with(span ? trace.setSpan(ROOT_CONTEXT, span) : ROOT_CONTEXT, fn);

beforeEach(() => exporter.reset());

test('one span per batch, under the first caller, linked to the callers of its keys; a batch whose first load has no span makes none', async () => {
  const sent: number[][] = [];
  const loader = new TracedDataLoader<number, string>(async (keys) => (sent.push([...keys]), keys.map((key) => `value ${key}`)), {
    name: 'valueById',
    maxBatchSize: 2,
  });
  const [a, b, c] = ['a', 'b', 'c'].map((name) => tracer.startSpan(name));
  const values = await Promise.all([
    under(a, () => loader.load(1)),
    under(b, () => loader.load(2)),
    // A third key opens a second batch (maxBatchSize 2), from a load with no span: DataLoader dispatches a batch
    // in the context of the load that opened it.
    under(undefined, () => loader.load(3)),
    // Key 1 again, before the first batch is sent: the cache answers it from that batch, which links to c as well.
    under(c, () => loader.load(1)),
  ]);
  for (const span of [a, b, c]) span!.end();
  await processor.forceFlush();

  expect(values).toEqual(['value 1', 'value 2', 'value 3', 'value 1']);
  expect(sent).toEqual([[1, 2], [3]]);
  const batches = exporter.getFinishedSpans().filter((span) => span.name.startsWith('dataloader.batch'));
  expect(batches.map((span) => span.name)).toEqual(['dataloader.batch valueById']);
  const [batch] = batches;
  expect(batch!.parentSpanContext?.spanId).toBe(a!.spanContext().spanId);
  expect(batch!.links.map((link) => link.context.spanId).sort()).toEqual([a, c, b].map((span) => span!.spanContext().spanId).sort());
  expect(batch!.attributes).toEqual({ 'app.dataloader.keys': 2 });
});

test('a batch that fails ends its span as failed, naming only the error type', async () => {
  const loader = new TracedDataLoader<number, string>(async () => Promise.reject(new RangeError('id 7 quoted from the request')), {
    name: 'failing',
  });
  const caller = tracer.startSpan('caller');
  await expect(under(caller, () => loader.load(7))).rejects.toThrow(RangeError);
  caller.end();
  await processor.forceFlush();
  const batch = exporter.getFinishedSpans().find((span) => span.name === 'dataloader.batch failing')!;
  expect(batch.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RangeError' });
  expect(batch.attributes['error.type']).toBe('RangeError');
});
