import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseConfig, redactUrl } from '../../src/config';
import { DatabaseStartupError, openDatabase } from '../../src/db/orm';
import { createScratchPostgresDatabase } from '../../src/db/scratch-database';
import { reseed } from '../../src/db/seed';
import { createLogger } from '../../src/logger';
import { BenchError } from './options';

export interface BenchDatabase {
  kind: DatabaseConfig['kind'];
  /** What the servers get as DATABASE_URL. */
  url: string;
  /** For the report: the file or the server, never a password. */
  label: string;
  /** The database engine's own version. */
  version: string;
  seededUsers: number;
  /** Removes the file or drops the scratch database; safe to call twice. */
  drop(): Promise<void>;
}

/**
 * A database of the benchmark's own, migrated and seeded once for the whole run: a temporary SQLite file, or a
 * scratch database on the PostgreSQL server in `serverUrl` (never the database that URL names).
 */
export async function prepareDatabase(serverUrl: string | undefined, users: number): Promise<BenchDatabase> {
  if (serverUrl === undefined) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n1lab-bench-'));
    const file = path.join(dir, 'bench.sqlite');
    const drop = async () => fs.rmSync(dir, { recursive: true, force: true });
    return seeded({ kind: 'sqlite', file }, `sqlite:${file}`, 'SQLite (temporary file)', users, drop);
  }
  let scratch: Awaited<ReturnType<typeof createScratchPostgresDatabase>>;
  try {
    scratch = await createScratchPostgresDatabase(serverUrl, 'n1lab_bench');
  } catch (error) {
    throw new BenchError(`cannot create a scratch database on ${redactUrl(serverUrl)} (--database-url): ${messageOf(error)}`);
  }
  const server = new URL(serverUrl);
  const label = `PostgreSQL at ${server.hostname}:${server.port || 5432} (scratch database ${scratch.name})`;
  return seeded({ kind: 'postgresql', url: scratch.url }, scratch.url, label, users, once(scratch.drop));
}

async function seeded(config: DatabaseConfig, url: string, label: string, users: number, drop: () => Promise<void>): Promise<BenchDatabase> {
  try {
    const orm = await openDatabase(config, createLogger({ level: 'silent', pretty: false }));
    try {
      await reseed(orm.em.fork(), users);
      const sql = config.kind === 'sqlite' ? 'select sqlite_version() as version' : 'show server_version';
      const [row] = await orm.em.getConnection().execute<Array<Record<string, string>>>(sql);
      const version = `${config.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ${Object.values(row ?? {})[0] ?? '?'}`;
      return { kind: config.kind, url, label, version, seededUsers: users, drop };
    } finally {
      await orm.close(true);
    }
  } catch (error) {
    await drop();
    throw error instanceof DatabaseStartupError ? new BenchError(error.message) : error;
  }
}

function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= work());
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
