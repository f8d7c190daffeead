import Database from 'better-sqlite3';
import { Pool } from 'pg';
import type { DatabaseConfig } from '../../src/config';

/**
 * The floor: the benchmarked operation's whole answer as ONE hand-written statement that builds the JSON inside
 * the database, so no ORM, no resolver and no JSON.stringify of the tree. Ids are text because GraphQL's `ID`
 * serializes as a string; lists follow the API's order (by id); keys come in the operation's order.
 */
export const FLOOR_SQL = {
  sqlite: `
    select json_group_array(json_object(
      'id', cast(u.id as text), 'username', u.username, 'email', u.email,
      'orders', json((select json_group_array(json_object(
        'id', cast(o.id as text), 'status', o.status, 'totalCents', o.total_cents,
        'items', json((select json_group_array(json_object(
          'quantity', i.quantity, 'product', json_object('id', cast(p.id as text), 'name', p.name)
        ) order by i.id) from order_items i join products p on p.id = i.product_id where i.order_id = o.id))
      ) order by o.id) from orders o where o.user_id = u.id))
    ) order by u.id)
    from (select * from users order by id limit ?) u`,
  postgresql: `
    select coalesce(json_agg(json_build_object(
      'id', u.id::text, 'username', u.username, 'email', u.email,
      'orders', (select coalesce(json_agg(json_build_object(
        'id', o.id::text, 'status', o.status, 'totalCents', o.total_cents,
        'items', (select coalesce(json_agg(json_build_object(
          'quantity', i.quantity, 'product', json_build_object('id', p.id::text, 'name', p.name)
        ) order by i.id), '[]') from order_items i join products p on p.id = i.product_id where i.order_id = o.id)
      ) order by o.id), '[]') from orders o where o.user_id = u.id)
    ) order by u.id), '[]')::text
    from (select * from users order by id limit $1) u`,
} as const;

export interface FloorQuery {
  /** The `users` array of the first `n` users, as JSON text straight from the database. */
  usersJson(n: number): Promise<string>;
  close(): Promise<void>;
}

export function openFloorQuery(database: DatabaseConfig): FloorQuery {
  if (database.kind === 'sqlite') {
    // The driver @mikro-orm/sqlite uses, without MikroORM: one prepared statement, its one column plucked.
    const db = new Database(database.file, { readonly: true, fileMustExist: true });
    const statement = db.prepare<[number], string>(FLOOR_SQL.sqlite).pluck();
    return {
      usersJson: async (n) => statement.get(n)!,
      close: async () => void db.close(),
    };
  }
  const pool = new Pool({ connectionString: database.url });
  return {
    usersJson: async (n) => {
      const result = await pool.query<[string]>({ text: FLOOR_SQL.postgresql, values: [n], rowMode: 'array' });
      return result.rows[0]![0];
    },
    close: () => pool.end(),
  };
}
