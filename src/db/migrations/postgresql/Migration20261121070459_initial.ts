import { Migration } from '@mikro-orm/migrations';

export class Migration20261121070459_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "products" ("id" serial primary key, "name" varchar(255) not null, "price_cents" int not null);`);

    this.addSql(
      `create table "users" ("id" serial primary key, "username" varchar(64) not null, "email" varchar(255) not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "users" add constraint "users_username_unique" unique ("username");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "orders" ("id" serial primary key, "user_id" int not null, "status" varchar(16) not null, "total_cents" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "orders_user_id_index" on "orders" ("user_id");`);

    this.addSql(
      `create table "order_items" ("id" serial primary key, "order_id" int not null, "product_id" int not null, "quantity" int not null, "unit_price_cents" int not null);`,
    );
    this.addSql(`create index "order_items_order_id_index" on "order_items" ("order_id");`);
    this.addSql(`create index "order_items_product_id_index" on "order_items" ("product_id");`);

    this.addSql(`alter table "orders" add constraint "orders_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`);

    this.addSql(
      `alter table "order_items" add constraint "order_items_order_id_foreign" foreign key ("order_id") references "orders" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "order_items" add constraint "order_items_product_id_foreign" foreign key ("product_id") references "products" ("id") on update cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "order_items" drop constraint "order_items_product_id_foreign";`);

    this.addSql(`alter table "orders" drop constraint "orders_user_id_foreign";`);

    this.addSql(`alter table "order_items" drop constraint "order_items_order_id_foreign";`);

    this.addSql(`drop table if exists "products" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "orders" cascade;`);

    this.addSql(`drop table if exists "order_items" cascade;`);
  }
}
