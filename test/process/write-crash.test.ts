import { sendOperation } from '../../lab/client';
import { type OrdersBefore, placedOrders, WriteMix } from '../../lab/load/writes';
import { type RunningServer, startServer, useFreshDatabase } from '../support/server-process';
import { TEST_DB } from '../support/test-app';

// 50 items inserted one statement each: a write long enough to be cut half-way by the kill.
const PLACE_ORDER = 'mutation ($items: [OrderItemInput!]!) { placeOrder(userId: 3, items: $items) { order { id } } }';
const ITEMS = Array.from({ length: 50 }, (_, k) => ({ productId: String(k + 1), quantity: 1 }));
const CLIENTS = 6;

/**
 * The hardest stop: SIGKILL while writes are in flight (no drain, no rollback by the app). The transaction is the
 * only guard left: after a restart every order the server acknowledged is there, and no order is half-written.
 */
describe(`writes cut by a crash [${TEST_DB}]`, () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());
  const database = useFreshDatabase();

  test(`SIGKILL among ${CLIENTS} clients writing: after a restart, every acknowledged order there, none half-written`, async () => {
    server = await startServer({ DATABASE_URL: database.url });
    const before: OrdersBefore = await WriteMix.before(database.url, 0); // no reads here to keep the orders away from
    const acknowledged: number[] = [];
    const ackedAt: number[] = [];
    let sent = 0;
    let stopped = false;
    const url = server.url;
    const clients = Array.from({ length: CLIENTS }, async () => {
      while (!stopped) {
        sent += 1;
        const reply = await sendOperation<{ placeOrder: { order: { id: string } } }>(url, {
          query: PLACE_ORDER,
          variables: { items: ITEMS },
          writeMode: 'per-item',
        }).catch(() => undefined);
        const id = reply?.body.data?.placeOrder.order.id;
        if (id) acknowledged.push(Number(id));
        if (id) ackedAt.push(performance.now());
        else break; // the server is gone
      }
    });
    // Kill once a few orders are in, half-way between two acknowledgements: writes are then under way (a kill just
    // after an answer finds the next requests still reading).
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    while (acknowledged.length < 8) await sleep(5);
    await sleep((ackedAt.at(-1)! - ackedAt[0]!) / (ackedAt.length - 1) / 2);
    await server.stop('SIGKILL');
    stopped = true;
    await Promise.all(clients);

    // A restart: the database opens (SQLite recovers its journal; PostgreSQL had aborted the killed transactions).
    server = await startServer({ DATABASE_URL: database.url });
    const found = await placedOrders(database.url, before, acknowledged);
    expect(found).toMatchObject({ lost: 0, duplicated: 0, inconsistent: 0 });
    // Committed but never answered (the kill took the response) is allowed: at most one per client.
    expect(found.ordersPlaced).toBeGreaterThanOrEqual(acknowledged.length);
    expect(found.ordersPlaced).toBeLessThanOrEqual(acknowledged.length + CLIENTS);
    expect(sent).toBeGreaterThan(acknowledged.length);
    const read = await sendOperation(server.url, `{ order(id: ${acknowledged.at(-1)}) { items { id } } }`);
    expect((read.body.data as { order: { items: unknown[] } }).order.items).toHaveLength(50);
  }, 120_000);
});
