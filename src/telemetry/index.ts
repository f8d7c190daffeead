import type { IncomingMessage } from 'node:http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { TelemetryConfig } from '../config';
import { MikroOrmInstrumentation } from './mikro-orm-instrumentation';

let sdk: NodeSDK | undefined;
let destination: string | undefined;

/**
 * Starts OpenTelemetry. Must run before graphql, http and @mikro-orm/core are first required:
 * instrumentations patch modules as `require` loads them, and a module loaded earlier stays unpatched.
 * `src/telemetry/register.ts` is therefore preloaded (`node --require`), ahead of the app.
 *
 * The SDK reads the standard variables itself (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, OTEL_BSP_*, …); metrics and logs are not exported.
 */
export function startTelemetry(config: TelemetryConfig): void {
  if (!config.enabled || sdk) return;
  destination = config.destination;
  sdk = new NodeSDK({
    // The service's name unless OTEL_SERVICE_NAME says otherwise: the SDK's detected resource wins the merge.
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': 'graphql-n1-lab' })),
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => !request.url?.startsWith('/graphql'),
        requestHook: (span, request) => {
          // GET /graphql?query=…&variables=… carries the request's values in the URL: keep only the path.
          if ((request as IncomingMessage).url?.includes('?')) span.setAttribute('url.query', '[redacted]');
        },
      }),
      // Parse and validate spans; the operation's and resolvers' come from the app (see resolver-spans.ts).
      new GraphQLInstrumentation({ ignoreResolveSpans: true, allowValues: false }),
      new MikroOrmInstrumentation(),
    ],
  });
  sdk.start();
}

/** Exports every span still buffered; called on shutdown so the last requests' traces are not lost. */
export async function shutdownTelemetry(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  destination = undefined;
  await running?.shutdown();
}

/** Where spans are going (a collector URL, `console`), or undefined when telemetry is off. */
export function telemetryDestination(): string | undefined {
  return destination;
}
