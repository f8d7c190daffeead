import { createCounter, createHistogram, type FillLabelsFnParams, type PrometheusTracingPluginConfig } from '@graphql-yoga/plugin-prometheus';
import type { DocumentNode } from 'graphql';
import type { Registry } from 'prom-client';
import type { OperationLabels } from './labels';

const RED_LABELS = ['operationName', 'operationType', 'strategy'] as const;

interface LabelContext {
  request?: Request;
  params?: { operationName?: string | null };
}

/**
 * The plugin's request counter, error counter and HTTP duration histogram, labelled by bounded operation names
 * and the strategy; its other metrics are off. (Its own `operationName` label is whatever name a client sends.)
 */
export function redMetrics(
  registry: Registry,
  operations: OperationLabels,
  strategyLabel: (request: Request | undefined) => string,
): PrometheusTracingPluginConfig['metrics'] {
  const labels = (document: DocumentNode | undefined, operationName: string | null | undefined, request?: Request) => ({
    ...operations.labels(document, operationName),
    strategy: strategyLabel(request),
  });
  return {
    graphql_envelop_request: createCounter({
      registry,
      counter: { name: 'graphql_envelop_request', help: 'GraphQL operations executed', labelNames: RED_LABELS },
      fillLabelsFn: (params: FillLabelsFnParams, context: LabelContext) => labels(params.document, context.params?.operationName, context.request),
      phases: ['execute'],
    }),
    graphql_envelop_error_result: createCounter({
      registry,
      counter: {
        name: 'graphql_envelop_error_result',
        help: 'Errors in GraphQL results, by the phase that raised them (parse and validate: one per request)',
        labelNames: [...RED_LABELS, 'phase'],
      },
      fillLabelsFn: (params: FillLabelsFnParams, context: LabelContext) => ({
        ...labels(params.document, context.params?.operationName, context.request),
        phase: params.errorPhase ?? 'execute',
      }),
      phases: ['parse', 'validate', 'context', 'execute'],
    }),
    graphql_yoga_http_duration: createHistogram({
      registry,
      histogram: {
        name: 'graphql_yoga_http_duration',
        help: 'Seconds from receiving an HTTP request to its response, for requests whose GraphQL parsed',
        labelNames: [...RED_LABELS, 'statusCode'],
      },
      fillLabelsFn: (params: FillLabelsFnParams & { request: Request; response: Response }) => ({
        ...labels(params.document, params.operationName, params.request),
        statusCode: params.response.status,
      }),
      phases: ['request'],
    }),
    graphql_envelop_request_duration: false,
    graphql_envelop_request_time_summary: false,
    graphql_envelop_phase_parse: false,
    graphql_envelop_phase_validate: false,
    graphql_envelop_phase_context: false,
    graphql_envelop_phase_execute: false,
    graphql_envelop_phase_subscribe: false,
    graphql_envelop_deprecated_field: false,
    graphql_envelop_schema_change: false,
  };
}
