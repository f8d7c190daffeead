import { Migration } from '@mikro-orm/migrations';

export class Migration20261121070459_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`products\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`price_cents\` integer not null);`,
    );

    this.addSql(
      `create table \`users\` (\`id\` integer not null primary key autoincrement, \`username\` text not null, \`email\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`users_username_unique\` on \`users\` (\`username\`);`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(
      `create table \`orders\` (\`id\` integer not null primary key autoincrement, \`user_id\` integer not null, \`status\` text not null, \`total_cents\` integer not null, \`created_at\` datetime not null, constraint \`orders_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`orders_user_id_index\` on \`orders\` (\`user_id\`);`);

    this.addSql(
      `create table \`order_items\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`product_id\` integer not null, \`quantity\` integer not null, \`unit_price_cents\` integer not null, constraint \`order_items_order_id_foreign\` foreign key(\`order_id\`) references \`orders\`(\`id\`) on update cascade, constraint \`order_items_product_id_foreign\` foreign key(\`product_id\`) references \`products\`(\`id\`) on update cascade);`,
    );
    this.addSql(`create index \`order_items_order_id_index\` on \`order_items\` (\`order_id\`);`);
    this.addSql(`create index \`order_items_product_id_index\` on \`order_items\` (\`product_id\`);`);
  }
}
