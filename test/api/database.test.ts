import { OrderItem, Product, User } from '../../src/db/entities';
import { reseed, seedIfEmpty } from '../../src/db/seed';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

describe(`database [${TEST_DB}]`, () => {
  test('the migrations produce exactly the schema the entities describe', async () => {
    expect(await lab.orm.migrator.checkSchema()).toBe(false);
    expect(await lab.orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe('');
  });

  test('the seed of 20 users: 60 orders, 120 items, 50 products', async () => {
    const em = lab.orm.em.fork();
    const [users, orders, items, products] = await Promise.all(
      ['users', 'orders', 'order_items', 'products'].map(async (table) => Number((await em.execute(`select count(*) as n from ${table}`))[0]!.n)),
    );
    expect({ users, orders, items, products }).toEqual({ users: 20, orders: 60, items: 120, products: 50 });
    const item = await em.findOneOrFail(OrderItem, { order: 7 }, { orderBy: { id: 'asc' } });
    expect(item.product.id).toBe(1 + ((7 * 7 + 0) % 50));
    expect((await em.findOneOrFail(User, 7)).email).toBe('user0007@example.com');
    expect((await em.findOneOrFail(Product, 9)).name).toBe('Product 09');
  });

  test('seeding an existing database changes nothing', async () => {
    expect(await seedIfEmpty(lab.orm.em.fork(), 5)).toBeNull();
    expect(await lab.orm.em.fork().count(User)).toBe(20);
  });

  test('the seed leaves PostgreSQL its planner statistics (ANALYZE), so the first queries get real plans; SQLite none', async () => {
    if (TEST_DB === 'sqlite') {
      // SQLite's planner does well without statistics on these primary and foreign keys: the seed runs no ANALYZE there.
      const stats = await lab.orm.em
        .fork()
        .execute<Array<{ tables: number }>>(`select count(*) as tables from sqlite_master where name = 'sqlite_stat1'`);
      expect(stats).toEqual([{ tables: 0 }]);
      return;
    }
    const rows = await lab.orm.em
      .fork()
      .execute<Array<{ relname: string; reltuples: number }>>(
        `select relname, reltuples from pg_class where relname in ('users', 'orders', 'order_items', 'products') and relkind = 'r' order by relname`,
      );
    // Never analyzed, reltuples is -1; ANALYZE of a table this small reads every row.
    expect(Object.fromEntries(rows.map(({ relname, reltuples }) => [relname, Number(reltuples)]))).toEqual({
      order_items: 120,
      orders: 60,
      products: 50,
      users: 20,
    });
  });

  test('reseeding replaces the data and keeps ids deterministic', async () => {
    // users 1…7 have 2+3+4+5+1+2+3 = 20 orders; orders 1…20 have 6 items per 3 orders, plus 2 + 3 = 41
    expect(await reseed(lab.orm.em.fork(), 7)).toEqual({ users: 7, orders: 20, items: 41, products: 50 });
    const { body } = await lab.gql('{ users(first: 50) { id } orders(first: 1, offset: 19) { id user { id } } }');
    expect((body.data!.users as unknown[]).length).toBe(7);
    expect(body.data!.orders).toEqual([{ id: '20', user: { id: '7' } }]);
    await reseed(lab.orm.em.fork(), 20);
  });
});
