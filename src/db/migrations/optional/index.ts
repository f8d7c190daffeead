import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261204080000_orders_status_index } from './Migration20261204080000_orders_status_index';

/**
 * Migrations a user applies and takes back (`npm run lab -- index add|drop <name>`), never at start-up: the lab's
 * lessons need the database both without and with them. Start-up's migrator does not list them, so it neither
 * runs them nor minds that one was run.
 */
export const OPTIONAL_MIGRATIONS = {
  orders_status: {
    migration: { name: 'Migration20261204080000_orders_status_index', class: Migration20261204080000_orders_status_index } satisfies MigrationObject,
    index: 'orders_status_created_at_index',
    what: 'an index on orders(status, created_at): the orders(status, placedAfter) filter without a full scan',
  },
} as const;

export type OptionalMigrationName = keyof typeof OPTIONAL_MIGRATIONS;
export const OPTIONAL_MIGRATION_NAMES = Object.keys(OPTIONAL_MIGRATIONS) as OptionalMigrationName[];
