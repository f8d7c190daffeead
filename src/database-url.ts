import path from 'node:path';
import { ConfigError } from './settings';

export const DEFAULT_SQLITE_FILE = path.join('data', 'graphql-n1-lab.sqlite');

/** Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseConfig =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgresql';
      url: string;
      /** Milliseconds added to every round trip by a proxy the app starts in front of the server (0: none). */
      networkLatencyMs?: number;
    };

/**
 * `postgres://…`/`postgresql://…` selects PostgreSQL; `sqlite:<file>` (or `sqlite::memory:`) selects SQLite;
 * unset means the default SQLite file.
 */
export function parseDatabaseUrl(value: string | undefined): DatabaseConfig {
  const url = value?.trim();
  if (!url) return { kind: 'sqlite', file: DEFAULT_SQLITE_FILE };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError(`DATABASE_URL "sqlite:" needs a file name, e.g. sqlite:data/lab.sqlite`);
    return { kind: 'sqlite', file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid URL: "${redactUrl(url)}"`);
    }
    if (!parsed.hostname || parsed.pathname.length <= 1) {
      throw new ConfigError(`DATABASE_URL must name a host and a database, e.g. postgres://user@localhost:5432/lab; got "${redactUrl(url)}"`);
    }
    return { kind: 'postgresql', url };
  }
  throw new ConfigError(`DATABASE_URL must be a postgres:// URL or sqlite:<file>; got "${redactUrl(url)}"`);
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

export function describeDatabase(database: DatabaseConfig): string {
  return database.kind === 'sqlite' ? `sqlite:${database.file}` : redactUrl(database.url);
}
