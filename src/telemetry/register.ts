/**
 * Preloaded before the app (`node --require tsx/cjs --require ./src/telemetry/register.ts src/main.ts`, or
 * `node -r ./dist/src/telemetry/register.js dist/src/main.js`) so instrumentations patch modules before the app
 * requires them. With no exporter configured it starts nothing. (`tsx --require` would load this file as an ES
 * module, where its extensionless imports fail; tsx's CommonJS hook keeps it CommonJS.)
 */
import { ConfigError, loadTelemetryConfig } from '../config';
import { startTelemetry } from '.';

try {
  startTelemetry(loadTelemetryConfig());
} catch (error) {
  // A bad setting here is the same one line and exit code as main.ts gives any other (runCli), not a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`graphql-n1-lab: ${error.message}`);
  process.exit(1);
}
