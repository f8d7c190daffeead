import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { Gauge, type Registry } from 'prom-client';
import type { Orm } from '../db/orm';

/**
 * Gauges of PostgreSQL's connection pool, read from pg's Pool at each scrape: connections checked out and idle,
 * the pool's size, and requests queued for a connection (naive at a high fan-out drains the pool: this is where
 * that shows). SQLite has no pool (one connection, statements run synchronously), so nothing is registered there.
 */
export function registerPoolGauges(registry: Registry, orm: Orm): void {
  if (!(orm.driver instanceof PostgreSqlDriver)) return;
  // The pool exists once the ORM has connected, which openDatabase does before any app is built. Kept after the
  // first read: asking the connection again once the ORM is closed would open a new pool.
  let pool: Pool | undefined;
  const read = async () => (pool ??= (await orm.driver.getConnection().getNativeClient()) as Pool);
  new Gauge({
    name: 'n1lab_db_pool_connections',
    help: "PostgreSQL connections in the app's pool, by state: in_use (checked out by a statement or a transaction) or idle",
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const { totalCount, idleCount } = await read();
      this.set({ state: 'in_use' }, totalCount - idleCount);
      this.set({ state: 'idle' }, idleCount);
    },
  });
  new Gauge({
    name: 'n1lab_db_pool_max',
    help: "The pool's size: connections it may open (pg's max)",
    registers: [registry],
    async collect() {
      this.set((await read()).options.max);
    },
  });
  new Gauge({
    name: 'n1lab_db_pool_waiting',
    help: 'Requests for a connection queued in the pool because every connection is in use',
    registers: [registry],
    async collect() {
      this.set((await read()).waitingCount);
    },
  });
}
