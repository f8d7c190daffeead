import type { Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createApp } from './app';
import { createMemoryCache } from './cache/memory-cache';
import { createRedisCache } from './cache/redis-cache';
import { runCli } from './cli';
import { describeDatabase, loadConfig, loadTelemetryConfig, redactUrl } from './config';
import { openDatabase } from './db/orm';
import { checkDatabase } from './db/readiness';
import { seedIfEmpty } from './db/seed';
import { bind, listen } from './http/service';
import { createLogger } from './logger';
import { createMetricsServer } from './metrics/server';
import { shutdownTelemetry, telemetryDestination } from './telemetry';

/** After "stopped" the process should end by itself at once; if something still holds it, say what and go. */
const EXIT_WATCHDOG_MS = 1000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log);
  const { timeouts } = config;

  // The port first: one that is in use fails start-up before the database is migrated or seeded.
  const service = await listen({ host: config.host, port: config.port, logger, graceMs: timeouts.shutdownGraceMs });

  const orm = await openDatabase(config.database, logger, timeouts);
  const seeded = await seedIfEmpty(orm.em.fork(), config.seedUsers);
  if (seeded) logger.info({ ...seeded, database: describeDatabase(config.database) }, 'seeded an empty database');

  // The process's own metrics (CPU, memory, event loop, GC) beside the app's, in the app's registry; with
  // METRICS=off nothing reads them, so neither their event-loop histogram nor their GC observer is started.
  const registry = new Registry();
  if (config.metrics.enabled) collectDefaultMetrics({ register: registry });
  const telemetry = loadTelemetryConfig();
  const cache = config.cache.redisUrl ? createRedisCache({ ...config.cache, url: config.cache.redisUrl }, logger) : createMemoryCache(config.cache);
  const app = createApp({ orm, logger, config, registry, cache, tracing: telemetry.enabled ? telemetry : undefined });
  service.serve(app, () => checkDatabase(orm, timeouts.readyMs));
  const { metrics } = config;
  let metricsServer: Server | undefined;
  let metricsPort = service.port;
  if (metrics.enabled && metrics.port !== undefined) {
    metricsServer = createMetricsServer(registry);
    metricsPort = await bind(metricsServer, metrics.port, config.host, 'METRICS_PORT');
  }
  logger.info(
    {
      port: service.port,
      database: describeDatabase(config.database),
      graphiql: config.graphiql,
      metrics: metrics.enabled ? `http://localhost:${metricsPort}/metrics` : 'off',
      traces: telemetryDestination() ?? 'off',
      cache: config.cache.redisUrl ? redactUrl(config.cache.redisUrl) : 'memory',
      lab: config.lab.history > 0 ? `http://localhost:${service.port}/lab` : 'off',
    },
    `graphql-n1-lab listening: http://localhost:${service.port}${app.graphqlEndpoint}`,
  );

  collectStartupGarbage();

  // Drain (no new connections, /ready 503, requests in flight finish or are cut at the grace period's end),
  // then close the database (nothing can use it any more), then flush the spans those requests made.
  const stop = async (signal: NodeJS.Signals) => {
    logger.info({ signal, graceMs: timeouts.shutdownGraceMs }, 'shutting down: finishing open requests');
    metricsServer?.close();
    metricsServer?.closeAllConnections();
    const { finished, cut } = await service.drain();
    await app.dispose();
    await cache.close();
    await orm.close();
    await shutdownTelemetry();
    logger.info({ finished, cut }, 'stopped');
    logger.flush();
    process.exitCode = 0;
    setTimeout(() => {
      logger.warn({ resources: process.getActiveResourcesInfo() }, 'still running after stopping: exiting anyway');
      process.exit(0);
    }, EXIT_WATCHDOG_MS).unref();
  };
  // One shutdown: after the first SIGTERM or SIGINT, a second one of either ends the process at once.
  const onSignal = (signal: NodeJS.Signals) => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    stop(signal).catch((error: unknown) => {
      logger.fatal({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Start-up (compiling ~1,400 modules, migrating, seeding) leaves about 30 MiB of garbage that an idle process
 * never collects: V8 collects when it allocates. One collection once ready gives it back (idle RSS 172 → 122
 * MiB, compiled, 20 users), where the process was started with --expose-gc, as the image's command line is.
 * 'last-resort': a regular full collection frees the heap but keeps its pages; this one returns them.
 */
function collectStartupGarbage(): void {
  globalThis.gc?.({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

runCli('graphql-n1-lab', main);
