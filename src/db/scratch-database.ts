import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Creates a uniquely named database on the server in `serverUrl`, hands its URL to `work`, and drops it
 * afterwards, so every test run, tool or benchmark gets a database of its own.
 */
export async function withScratchPostgresDatabase<T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const scratch = await createScratchPostgresDatabase(serverUrl, prefix);
  try {
    return await work(scratch.url);
  } finally {
    await scratch.drop();
  }
}

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createScratchPostgresDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await runAdmin(serverUrl, `create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => runAdmin(serverUrl, `drop database if exists "${name}" with (force)`),
  };
}

async function runAdmin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
