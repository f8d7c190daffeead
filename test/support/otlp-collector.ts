import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import protobuf from 'protobufjs';

/** A span as the collector received it, with ids as hex and attributes as plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, string | number | boolean>;
  links: Array<{ traceId: string; spanId: string }>;
  events: Array<{ name: string; attributes: Record<string, string | number | boolean> }>;
  serviceName?: string;
}

/** The part of opentelemetry/proto/collector/trace/v1 this collector reads (field numbers as upstream). */
const OTLP_TRACE_PROTO = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; int32 kind = 6;
  fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
  repeated Event events = 11; repeated Link links = 13;
}
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Link { bytes trace_id = 1; bytes span_id = 2; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; }
}`;
const ExportTraceServiceRequest = protobuf.parse(OTLP_TRACE_PROTO).root.lookupType('ExportTraceServiceRequest');

/** An OTLP/HTTP trace collector on a free loopback port, keeping every span it receives. */
export class OtlpCollector {
  readonly spans: ReceivedSpan[] = [];
  readonly contentTypes = new Set<string>();
  readonly paths = new Set<string>();
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const type = request.headers['content-type'] ?? '';
        this.paths.add(request.url ?? '');
        if (request.url === '/v1/traces') {
          this.contentTypes.add(type);
          const body = Buffer.concat(chunks);
          this.spans.push(...(type.includes('json') ? fromJson(JSON.parse(body.toString('utf8'))) : fromProtobuf(body)));
        }
        response.writeHead(200, { 'content-type': type.includes('json') ? 'application/json' : 'application/x-protobuf' });
        response.end(type.includes('json') ? '{}' : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** Waits until `done` holds for the spans received so far (exports are batched and asynchronous). */
  async waitFor(done: (spans: ReceivedSpan[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.spans)) {
      if (Date.now() > deadline) throw new Error(`collector: condition not met after ${timeoutMs} ms (${this.spans.length} spans)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: OTLP JSON, read by the tests field by field
type Json = Record<string, any>;

function fromJson(body: Json): ReceivedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans: Json) => {
    const serviceName = attributesOf(resourceSpans.resource?.attributes)['service.name'] as string | undefined;
    return (resourceSpans.scopeSpans ?? []).flatMap((scope: Json) =>
      (scope.spans ?? []).map(
        (span: Json): ReceivedSpan => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          kind: span.kind,
          startNs: BigInt(span.startTimeUnixNano),
          endNs: BigInt(span.endTimeUnixNano),
          attributes: attributesOf(span.attributes),
          links: (span.links ?? []).map((link: Json) => ({ traceId: link.traceId, spanId: link.spanId })),
          events: (span.events ?? []).map((event: Json) => ({ name: event.name, attributes: attributesOf(event.attributes) })),
          serviceName,
        }),
      ),
    );
  });
}

function fromProtobuf(body: Buffer): ReceivedSpan[] {
  const decoded = ExportTraceServiceRequest.toObject(ExportTraceServiceRequest.decode(body), {
    longs: String,
    bytes: String,
    defaults: false,
  });
  const hex = (base64?: string) => (base64 ? Buffer.from(base64, 'base64').toString('hex') : undefined);
  return fromJson({
    resourceSpans: (decoded.resourceSpans ?? []).map((resourceSpans: Json) => ({
      resource: resourceSpans.resource,
      scopeSpans: (resourceSpans.scopeSpans ?? []).map((scope: Json) => ({
        spans: (scope.spans ?? []).map((span: Json) => ({
          ...span,
          traceId: hex(span.traceId),
          spanId: hex(span.spanId),
          parentSpanId: hex(span.parentSpanId),
          links: (span.links ?? []).map((link: Json) => ({ traceId: hex(link.traceId), spanId: hex(link.spanId) })),
        })),
      })),
    })),
  });
}

function attributesOf(list: Json[] | undefined): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {};
  for (const { key, value } of list ?? []) {
    if (!value) continue;
    if ('stringValue' in value) attributes[key] = value.stringValue;
    else if ('boolValue' in value) attributes[key] = value.boolValue;
    else if ('intValue' in value) attributes[key] = Number(value.intValue);
    else if ('doubleValue' in value) attributes[key] = value.doubleValue;
  }
  return attributes;
}
