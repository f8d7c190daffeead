import { randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { ConfigError, parseDatabaseUrl } from '../../src/config';
import { type Orm, openDatabase } from '../../src/db/orm';
import { createLogger } from '../../src/logger';
import { STRATEGY_HEADER } from '../../src/strategies';
import { WRITE_HEADER, WRITE_MODES } from '../../src/writing/write-mode';
import { failureOf, tally } from './mix';

/** What the writes of a load did, and whether the database agrees afterwards. */
export interface WriteReport {
  /** placeOrder calls answered with an order (the client was told it is placed). */
  acknowledged: number;
  /** placeOrder calls answered with an error or a non-2xx (nothing may have been written for them). */
  refused: number;
  /** Why, by HTTP status and the first error's code or message: `503 DATABASE_UNAVAILABLE` → how many. */
  refusedBecause: Record<string, number>;
  /**
   * placeOrder calls sent and never answered: in flight when the run ended, or on a connection that broke. Each may
   * or may not have been placed, so the orders placed may exceed those acknowledged by up to this many.
   */
  unanswered: number;
  /** updateProductPrice calls answered without an error. */
  priceUpdates: number;
  /** Orders in the database before the load, and placed during it, as counted there once the server stopped. */
  ordersBefore: number;
  ordersPlaced: number;
  /** Whom the orders placed during the load are for, as the database has them (the seed's last users). */
  placedFor: number[];
  /** Acknowledged orders missing from the database. */
  lost: number;
  /** An order id acknowledged twice. */
  duplicated: number;
  /** Orders whose total is not the sum of their items, or that have no item: a write cut half-way. */
  inconsistent: number;
}

/**
 * The writes in every connection's rotation: an order under each x-write mode, and a price change. Orders go to
 * the seed's last users, whom no read in the mix sees: were they among `users(first:)`, every order placed would
 * lengthen the reads that follow (naive's tree at first: 100 went from 1,001 statements to over 5,000 in ten
 * minutes), and a soak would measure a load that grows instead of one held steady.
 */
export class WriteMix {
  /** The server is started with it, so production's rule (no token, no writes) does not refuse the mix. */
  readonly token = randomBytes(24).toString('base64url');
  readonly #orderIds: number[] = [];
  #refused = 0;
  #sent = 0;
  readonly #refusedBecause: Record<string, number> = {};
  #priceUpdates = 0;

  /** `userIds`: whom the orders are for, one per x-write mode (`before` finds them). */
  requests(graphqlPath: string, userIds: readonly number[]): autocannon.Request[] {
    const headers = (mode: string) => ({
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      authorization: `Bearer ${this.token}`,
      [STRATEGY_HEADER]: 'batched',
      [WRITE_HEADER]: mode,
    });
    const orders = WRITE_MODES.map((mode, index) => ({
      method: 'POST' as const,
      path: graphqlPath,
      headers: headers(mode),
      body: JSON.stringify({
        query: PLACE_ORDER,
        variables: {
          userId: String(userIds[index]!),
          items: [1, 2, 3].map((k) => ({ productId: String(k + 3 * index), quantity: k })),
        },
      }),
      // Called as the client moves on to this request, just before it sends it.
      setupRequest: (request: autocannon.Request) => {
        this.#sent += 1;
        return request;
      },
      onResponse: (status: number, body: string) => {
        const id = status === 200 ? orderIdOf(body) : undefined;
        if (id !== undefined) this.#orderIds.push(id);
        else {
          this.#refused += 1;
          tally(this.#refusedBecause, `${status} ${failureOf(body)}`);
        }
      },
    }));
    // Product 1's price alternates, so orders placed meanwhile record either price: each must still add up.
    const prices = [1999, 2499].map((priceCents) => ({
      method: 'POST' as const,
      path: graphqlPath,
      headers: headers('per-item'),
      body: JSON.stringify({
        query: 'mutation Price($p: Int!) { updateProductPrice(id: 1, priceCents: $p) { previousPriceCents } }',
        variables: { p: priceCents },
      }),
      onResponse: (status: number, body: string) => {
        if (status === 200 && !body.includes('"errors"')) this.#priceUpdates += 1;
      },
    }));
    return [...orders, prices[0]!, ...orders, prices[1]!];
  }

  /**
   * The orders before the load: how many, and the highest id (every order placed during it is above); and the
   * users the orders will go to, the last ones, checked to be beyond every user the reads see (ids up to `readsUpTo`).
   */
  static before(databaseUrl: string, readsUpTo: number): Promise<OrdersBefore> {
    return withDatabase(databaseUrl, async (connection) => {
      const [row] = await connection.execute<Array<{ count: number | string; max_id: number | string | null }>>(
        'select count(*) as count, max(id) as max_id from orders',
      );
      const users = await connection.execute<Array<{ id: number | string }>>(`select id from users order by id desc limit ${WRITE_MODES.length}`);
      const userIds = writeTargets(users.map((user) => Number(user.id)).reverse(), readsUpTo);
      return { count: Number(row!.count), maxId: Number(row!.max_id ?? 0), userIds };
    });
  }

  /** Reads the database once the server has stopped: what was placed, and whether every order adds up. */
  async check(databaseUrl: string, before: OrdersBefore): Promise<WriteReport> {
    const found = await placedOrders(databaseUrl, before, this.#orderIds);
    return {
      acknowledged: this.#orderIds.length,
      refused: this.#refused,
      refusedBecause: this.#refusedBecause,
      unanswered: this.#sent - this.#orderIds.length - this.#refused,
      priceUpdates: this.#priceUpdates,
      ordersBefore: before.count,
      ...found,
    };
  }
}

/**
 * What the database holds of the orders placed since `before`, against the ids the server acknowledged: how many
 * were placed, acknowledged ones missing, ids acknowledged twice, and orders that do not add up (no item, or a total
 * other than the sum of their items: a write cut half-way).
 */
export function placedOrders(
  databaseUrl: string,
  before: OrdersBefore,
  acknowledgedIds: readonly number[],
): Promise<Pick<WriteReport, 'ordersPlaced' | 'placedFor' | 'lost' | 'duplicated' | 'inconsistent'>> {
  return withDatabase(databaseUrl, async (connection) => {
    const [row] = await connection.execute<Array<{ count: number | string }>>('select count(*) as count from orders');
    const bad = await connection.execute<Array<{ id: number }>>(INCONSISTENT_ORDERS, [before.maxId]);
    const users = await connection.execute<Array<{ user_id: number | string }>>('select distinct user_id from orders where id > ? order by user_id', [
      before.maxId,
    ]);
    const ids = [...new Set(acknowledgedIds)];
    const present = ids.length ? await connection.execute<Array<{ id: number }>>(`select id from orders where id in (${ids.join(', ')})`) : [];
    return {
      ordersPlaced: Number(row!.count) - before.count,
      placedFor: users.map((user) => Number(user.user_id)),
      lost: ids.length - present.length,
      duplicated: acknowledgedIds.length - ids.length,
      inconsistent: bad.length,
    };
  });
}

export interface OrdersBefore {
  count: number;
  maxId: number;
  /** The users the load's orders go to: the last ones, whom no read of the mix sees. */
  userIds: number[];
}

type Connection = ReturnType<Orm['em']['getConnection']>;

/** A connection of this process's own to the load's database (the server's may be gone). */
async function withDatabase<T>(databaseUrl: string, read: (connection: Connection) => Promise<T>): Promise<T> {
  const orm = await openDatabase(parseDatabaseUrl(databaseUrl), createLogger({ level: 'silent', pretty: false }));
  try {
    return await read(orm.em.getConnection());
  } finally {
    await orm.close(true);
  }
}

/** An order, read back as little as possible (its id and total): the write is what is measured (here and in bench:writes). */
export const PLACE_ORDER =
  'mutation Place($userId: ID!, $items: [OrderItemInput!]!) { placeOrder(userId: $userId, items: $items) { order { id totalCents } } }';

/**
 * The users the orders go to, given the last users of the database (ascending): all of them, when there are one per
 * x-write mode and each is beyond the users the reads see (ids 1 to `readsUpTo`).
 */
export function writeTargets(lastUserIds: readonly number[], readsUpTo: number): number[] {
  if (lastUserIds.length === WRITE_MODES.length && lastUserIds[0]! > readsUpTo) return [...lastUserIds];
  throw new ConfigError(
    `the writes need ${WRITE_MODES.length} users beyond those the reads see (ids 1 to ${readsUpTo}), so that their orders do not ` +
      `lengthen the reads; the last users are ${JSON.stringify(lastUserIds)}: seed ${readsUpTo + WRITE_MODES.length} users or more, or --writes off`,
  );
}

/** The orders placed after the first `?` whose total is not the sum of their items, or with no item at all. */
const INCONSISTENT_ORDERS = `
  select o.id from orders o left join order_items i on i.order_id = o.id
  where o.id > ?
  group by o.id, o.total_cents
  having count(i.id) = 0 or o.total_cents <> sum(i.quantity * i.unit_price_cents)`;

/** The id of the order a placeOrder answer acknowledges, if it does. */
function orderIdOf(body: string): number | undefined {
  try {
    const id = JSON.parse(body)?.data?.placeOrder?.order?.id;
    return typeof id === 'string' ? Number(id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The writes hold when every acknowledged order is there once, no order is half-written, and no order appeared
 * that the client was not waiting on: placed orders beyond the acknowledged ones are at most the unanswered calls.
 */
export function writesHold(report: WriteReport): boolean {
  const unacknowledged = report.ordersPlaced - report.acknowledged;
  return (
    report.lost === 0 && report.duplicated === 0 && report.inconsistent === 0 && unacknowledged >= 0 && unacknowledged <= (report.unanswered ?? 0)
  );
}
