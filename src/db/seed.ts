import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { Order, OrderItem, OrderStatus, Product, User } from './entities';

/**
 * The deterministic data set every test, doc and benchmark shares. For N users:
 * - user u (1…N): `user_0001`, `user0001@example.com`, with 1 + (u % 5) orders, inserted in user order
 * - order o: 1 + (o % 3) items; item k (0, 1, 2) buys product 1 + ((o·7 + k) % 50)
 * - 50 products `Product 01`…`Product 50`, each with a description of 1 to 4 KB (productDescription)
 * With N = 20: 60 orders and 120 items.
 */
export const PRODUCT_COUNT = 50;
export const ORDER_STATUSES = Object.values(OrderStatus);
const EPOCH = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

export interface SeedRows {
  users: Array<Pick<User, 'id' | 'username' | 'email' | 'createdAt'>>;
  products: Array<Pick<Product, 'id' | 'name' | 'priceCents' | 'description'>>;
  orders: Array<{ id: number; user: number; status: OrderStatus; totalCents: number; createdAt: Date }>;
  items: Array<{ id: number; order: number; product: number; quantity: number; unitPriceCents: number }>;
}

export function seedRows(userCount: number): SeedRows {
  if (!Number.isInteger(userCount) || userCount < 0) {
    throw new RangeError(`the seed needs a whole number of users (0 or more); got ${userCount}`);
  }
  const digits = Math.max(4, String(userCount).length);
  const products = range(1, PRODUCT_COUNT).map((id) => ({
    id,
    name: `Product ${String(id).padStart(2, '0')}`,
    priceCents: 199 + ((id * 347) % 9800),
    description: productDescription(id),
  }));
  const priceOf = (productId: number) => products[productId - 1]!.priceCents;

  const rows: SeedRows = { users: [], products, orders: [], items: [] };
  for (const u of range(1, userCount)) {
    const number = String(u).padStart(digits, '0');
    rows.users.push({
      id: u,
      username: `user_${number}`,
      email: `user${number}@example.com`,
      createdAt: new Date(EPOCH + u * HOUR),
    });
    for (let n = 0; n < 1 + (u % 5); n++) {
      const o = rows.orders.length + 1;
      const items = range(0, o % 3).map((k) => {
        const product = 1 + ((o * 7 + k) % PRODUCT_COUNT);
        return { id: rows.items.length + k + 1, order: o, product, quantity: 1 + ((o + k) % 4), unitPriceCents: priceOf(product) };
      });
      rows.items.push(...items);
      rows.orders.push({
        id: o,
        user: u,
        status: ORDER_STATUSES[o % ORDER_STATUSES.length]!,
        totalCents: items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0),
        createdAt: new Date(EPOCH + u * HOUR + (n + 1) * 60_000),
      });
    }
  }
  return rows;
}

/** The fewest users whose seed holds at least `orders` orders (user u has 1 + (u % 5)): how --orders scales the seed. */
export function usersForOrders(orders: number): number {
  let users = 0;
  for (let count = 0; count < orders; count += 1 + (users % 5)) users++;
  return users;
}

const WORDS = ['durable', 'handmade', 'steel', 'oak', 'compact', 'quiet', 'waterproof', 'modular', 'recycled', 'classic', 'travel', 'everyday'];

/** Product `id`'s description: 1,024 + (id · 997 mod 3,072) bytes of ASCII words, deterministic like the rest. */
export function productDescription(id: number): string {
  const length = 1024 + ((id * 997) % 3072);
  let text = `Product ${String(id).padStart(2, '0')}:`;
  for (let word = id; text.length < length; word += 7) text += ` ${WORDS[word % WORDS.length]}`;
  return text.slice(0, length);
}

export interface SeedSummary {
  users: number;
  orders: number;
  items: number;
  products: number;
}

/** Replaces all data with the seed for `userCount` users, in one transaction. */
export async function reseed(em: EntityManager, userCount: number): Promise<SeedSummary> {
  const rows = seedRows(userCount);
  await em.transactional(async (tx) => {
    for (const entity of [OrderItem, Order, User, Product] as const) await tx.nativeDelete<object>(entity, {});
    await insertInChunks(tx, Product, rows.products);
    await insertInChunks(tx, User, rows.users);
    await insertInChunks(tx, Order, rows.orders);
    await insertInChunks(tx, OrderItem, rows.items);
    if (tx.getDriver() instanceof PostgreSqlDriver) {
      // PostgreSQL: explicit ids leave the serial sequences behind; move them past the seeded rows.
      for (const table of ['users', 'orders', 'order_items', 'products']) {
        await tx.execute(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`);
      }
    }
  });
  if (em.getDriver() instanceof PostgreSqlDriver) {
    // Statistics now, not when autovacuum gets to it: without them the planner guesses 110 users and hash-joins
    // every order and item to answer joined's first 100 users (16.7 ms instead of 2.3 ms, EXPLAIN ANALYZE).
    await em.execute('analyze users, orders, order_items, products');
  }
  return { users: rows.users.length, orders: rows.orders.length, items: rows.items.length, products: rows.products.length };
}

/** Seeds only a database with no users yet, so restarting never replaces anyone's data. */
export async function seedIfEmpty(em: EntityManager, userCount: number): Promise<SeedSummary | null> {
  if ((await em.count(User, {})) > 0 || (await em.count(Product, {})) > 0) return null;
  return reseed(em, userCount);
}

const INSERT_CHUNK = 500;

async function insertInChunks<T extends object>(em: EntityManager, entity: new () => T, rows: object[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await em.insertMany(entity, rows.slice(start, start + INSERT_CHUNK) as never[]);
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
