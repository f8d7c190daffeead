import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { createApp } from './app';
import { FixableError, runCli } from './cli';
import { describeDatabase, loadConfig } from './config';
import { openDatabase } from './db/orm';
import { seedIfEmpty } from './db/seed';
import { createLogger } from './logger';
import { createMetricsServer } from './metrics/server';
import { shutdownTelemetry, telemetryDestination } from './telemetry';


const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log);

  const orm = await openDatabase(config.database, logger);
  const seeded = await seedIfEmpty(orm.em.fork(), config.seedUsers);
  if (seeded) logger.info({ ...seeded, database: describeDatabase(config.database) }, 'seeded an empty database');

  // The process's own metrics (CPU, memory, event loop, GC) beside the app's, in the app's registry.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const app = createApp({ orm, logger, config, registry });
  const server = createServer(app);
  const port = await listen(server, config.port, config.host, 'PORT');
  const { metrics } = config;
  let metricsServer: Server | undefined;
  let metricsPort = port;
  if (metrics.enabled && metrics.port !== undefined) {
    metricsServer = createMetricsServer(registry);
    metricsPort = await listen(metricsServer, metrics.port, config.host, 'METRICS_PORT');
  }
  logger.info(
    {
      port,
      database: describeDatabase(config.database),
      graphiql: config.graphiql,
      metrics: metrics.enabled ? `http://localhost:${metricsPort}/metrics` : 'off',
      traces: telemetryDestination() ?? 'off',
    },
    `graphql-n1-lab listening: http://localhost:${port}${app.graphqlEndpoint}`,
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing open requests');
    // Close idle keep-alive sockets now, and cut the rest loose if they outlive the grace period.
    server.closeIdleConnections();
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      clearTimeout(force);
      await app.dispose();
      await orm.close();
      // After the server has closed: every request's spans have ended and are now flushed, none dropped.
      await shutdownTelemetry();
      logger.info('stopped');
      logger.flush();
      process.exitCode = 0;
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Listens on `port` (0: any free one) and resolves with the port; a port in use names its setting. */
async function listen(server: Server, port: number, host: string, setting: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new FixableError(`${setting} ${port} cannot be used on ${host}: ${error.code}`)
          : error,
      ),
    );
    server.listen(port, host, resolve);
  });
  return (server.address() as AddressInfo).port;
}

runCli('graphql-n1-lab', main);
