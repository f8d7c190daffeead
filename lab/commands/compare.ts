/** npm run compare -- [options]: see `npm run compare -- --help`. */
import { runCommand } from '../../src/cli';
import { shutdownTelemetry } from '../../src/telemetry';
import { COMPARE_COMMAND, compareOutput } from '../compare/command';

runCommand(COMPARE_COMMAND, async (values) => {
  try {
    process.stdout.write(await compareOutput(values));
  } finally {
    // In-process traces (with OTEL_EXPORTER_OTLP_ENDPOINT set) must reach the collector before the CLI exits.
    await shutdownTelemetry();
  }
});
