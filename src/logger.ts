import pino, { type Logger } from 'pino';
import type { Config } from './config';

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

export function createLogger(log: Config['log'], destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: 'graphql-n1-lab',
    level: log.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (log.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name' } } });
  }
  return pino(options);
}
