import { type App, createApp } from '../src/app';
import { loadConfig, loadTelemetryConfig } from '../src/config';
import { openDatabase } from '../src/db/orm';
import { reseed } from '../src/db/seed';
import { createLogger } from '../src/logger';

export interface InMemoryLab {
  app: App;
  close(): Promise<void>;
}

/**
 * The app on a fresh in-memory SQLite database holding the seed for `users` users, with the default settings:
 * what `npm run docs` measures and `npm run compare` serves when given no URL. Nobody's data is touched.
 */
export async function createInMemoryLab(users: number): Promise<InMemoryLab> {
  const logger = createLogger({ level: 'silent', pretty: false });
  const orm = await openDatabase({ kind: 'sqlite', file: ':memory:' }, logger);
  await reseed(orm.em.fork(), users);
  const telemetry = loadTelemetryConfig();
  const app = createApp({ orm, logger, config: { ...loadConfig({}), graphiql: false }, tracing: telemetry.enabled ? telemetry : undefined });
  return { app, close: () => orm.close(true) };
}
