import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { FixableError, runCli } from './cli';
import { describeDatabase, loadConfig } from './config';
import { openDatabase } from './db/orm';
import { seedIfEmpty } from './db/seed';
import { createLogger } from './logger';
import { shutdownTelemetry, telemetryDestination } from './telemetry';


const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.log);

  const orm = await openDatabase(config.database, logger);
  const seeded = await seedIfEmpty(orm.em.fork(), config.seedUsers);
  if (seeded) logger.info({ ...seeded, database: describeDatabase(config.database) }, 'seeded an empty database');

  const app = createApp({ orm, logger, config });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new FixableError(`PORT ${config.port} cannot be used on ${config.host}: ${error.code}`)
          : error,
      ),
    );
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  logger.info(
    {
      port,
      database: describeDatabase(config.database),
      graphiql: config.graphiql,
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

runCli('graphql-n1-lab', main);
