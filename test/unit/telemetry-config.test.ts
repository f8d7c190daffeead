import { ConfigError, loadTelemetryConfig } from '../../src/config';

describe('loadTelemetryConfig: only on/off and where spans go; the SDK reads the rest of OTEL_*', () => {
  test('TRACE_RESOLVER_SPANS_PER_PATH caps resolver spans per field path', () => {
    expect(loadTelemetryConfig({ TRACE_RESOLVER_SPANS_PER_PATH: '3' }).resolverSpansPerPath).toBe(3);
    expect(() => loadTelemetryConfig({ TRACE_RESOLVER_SPANS_PER_PATH: '0' })).toThrow(
      new ConfigError('TRACE_RESOLVER_SPANS_PER_PATH must be a whole number from 1 to 1000000; got "0"'),
    );
  });

  test.each([
    [{}, { enabled: false, destination: '' }],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' }, { enabled: true, destination: 'http://localhost:4318' }],
    [
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://u:secret@jaeger:4318/v1/traces' },
      { enabled: true, destination: 'http://u:***@jaeger:4318/v1/traces' },
    ],
    [{ OTEL_TRACES_EXPORTER: 'console' }, { enabled: true, destination: 'console' }],
    [
      { OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' },
      { enabled: true, destination: 'http://c:4318, console' },
    ],
    [
      { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' },
      { enabled: false, destination: 'none' },
    ],
    [
      { OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'console' },
      { enabled: false, destination: 'console' },
    ],
  ])('%j → %j', (env, expected) => {
    expect(loadTelemetryConfig(env)).toEqual({ ...expected, resolverSpansPerPath: 5 });
  });
});
