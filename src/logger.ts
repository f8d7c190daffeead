import pino, { type Logger } from 'pino';
import type { Config } from './config';
import { activeSpanContext } from './telemetry/resolver-spans';

export type { Logger };

/** Paths never written as they are: credentials, and any email that reaches a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'email',
  '*.email',
  'variables',
  '*.variables',
];

/** Every line written inside a traced request names its trace and span, so a log line leads to its trace. */
function traceFields(): Record<string, string> {
  const spanContext = activeSpanContext();
  if (!spanContext) return {};
  const { traceId, spanId } = spanContext;
  return { trace_id: traceId, span_id: spanId };
}

export function createLogger(log: Config['log'], destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: 'graphql-n1-lab',
    level: log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: traceFields,
  };
  if (destination) return pino(options, destination);
  if (log.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' } } });
  }
  return pino(options);
}
