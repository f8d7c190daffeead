import { sanitizeSql } from '../../src/db/sql-text';
import { sqlSpanName } from '../../src/telemetry/sql-span-name';

describe('sanitizeSql', () => {
  test('keeps placeholders and identifiers', () => {
    const sql = 'select `o1`.`id` as `o1__id`, "u0".* from "users" as "u0" where "u0"."id" in (?, ?) limit ?';
    expect(sanitizeSql(sql)).toBe(sql);
  });

  test('replaces inlined strings and numbers', () => {
    expect(sanitizeSql("select * from users where email = 'a''b@example.com' and id = 42 limit 5 offset -1")).toBe(
      'select * from users where email = ? and id = ? limit ? offset ?',
    );
  });
});

describe('sqlSpanName', () => {
  test.each([
    ['select `u0`.* from `users` as `u0` where `u0`.`id` = ?', 'SELECT users'],
    ['select `u0`.*, (select count(*) from orders where orders.user_id = `u0`.id) as `order_count` from `users` as `u0`', 'SELECT users'],
    ['select `u0`.* from `users` as `u0` where `u0`.`id` in (select `u0`.`id` from (select `u0`.`id` from `users` as `u0`) as `u0`)', 'SELECT users'],
    ['select "o0"."user_id", count(*) as order_count from "orders" as "o0" group by "o0"."user_id"', 'SELECT orders'],
    ['insert into `order_items` (`id`) values (?)', 'INSERT order_items'],
    ['update "orders" set "status" = ?', 'UPDATE orders'],
    ['begin', 'BEGIN'],
    ['vacuum', 'SQL'],
  ])('%s → %s', (sql, name) => {
    expect(sqlSpanName(sql).name).toBe(name);
  });
});
