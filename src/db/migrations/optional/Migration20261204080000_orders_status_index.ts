import { Migration } from '@mikro-orm/migrations';

/** The index the `orders(status, placedAfter)` filter lacks: equality column first, then the range. Both dialects. */
export class Migration20261204080000_orders_status_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "orders_status_created_at_index" on "orders" ("status", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "orders_status_created_at_index";`);
  }
}
