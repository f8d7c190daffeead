import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121070459_initial } from './Migration20261121070459_initial';
import { Migration20261204082001_product_description } from './Migration20261204082001_product_description';

/** Applied in order; listed explicitly so tsx, Jest and compiled output find the same migrations. */
export const postgresqlMigrations: MigrationObject[] = [
  { name: 'Migration20261121070459_initial', class: Migration20261121070459_initial },
  { name: 'Migration20261204082001_product_description', class: Migration20261204082001_product_description },
];
