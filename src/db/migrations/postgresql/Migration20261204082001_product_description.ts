import { Migration } from '@mikro-orm/migrations';

export class Migration20261204082001_product_description extends Migration {
  override name = 'Migration20261204082001_product_description';

  override up(): void | Promise<void> {
    this.addSql(`alter table "products" add "description" text not null default '';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "products" drop column "description";`);
  }
}
