import { DEFAULT_TIMEOUTS } from '../../src/config';
import { Order, OrderItem } from '../../src/db/entities';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

// Consistency is asserted here, not latency: 20 clients on PostgreSQL's pool of 10 queue for connections, and on a
// slow CI host one read-back once waited past the 2 s acquire bound (503). That bound has its own tests
// (database-faults); here it is 10 s, so only a real deadlock or a lost write fails the test.
const lab = useTestApp({ bounds: { ...DEFAULT_TIMEOUTS, acquireMs: 10_000 } });

const PLACE = `mutation Place($userId: ID!, $items: [OrderItemInput!]!) {
  placeOrder(userId: $userId, items: $items) { order { id totalCents items { quantity unitPriceCents } } }
}`;

/** Runs `work` for 0…count-1 from `clients` concurrent callers, as that many connections would. */
async function fromClients<T>(clients: number, count: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

describe(`concurrent writes [${TEST_DB}]`, () => {
  test('200 placeOrder calls from 20 clients: every one persists, each total the sum of its items', async () => {
    const em = lab.orm.em.fork();
    const before = { orders: await em.count(Order), items: await em.count(OrderItem) };
    const replies = await fromClients(20, 200, (index) =>
      lab.gql<{ placeOrder: { order: { id: string; totalCents: number; items: Array<{ quantity: number; unitPriceCents: number }> } } }>(PLACE, {
        writeMode: index % 2 ? 'batched' : 'per-item',
        strategy: index % 3 ? 'batched' : 'naive',
        variables: {
          userId: String(1 + (index % 20)),
          items: [
            { productId: String(1 + (index % 30)), quantity: 1 + (index % 4) },
            { productId: String(31 + (index % 19)), quantity: 2 },
          ],
        },
      }),
    );
    for (const reply of replies) expect(reply.body.errors).toBeUndefined();
    const orders = replies.map((reply) => reply.body.data!.placeOrder.order);
    expect(new Set(orders.map((order) => order.id)).size).toBe(200);
    for (const order of orders) {
      expect(order.totalCents).toBe(order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceCents, 0));
    }
    const after = lab.orm.em.fork();
    expect({ orders: await after.count(Order), items: await after.count(OrderItem) }).toEqual({
      orders: before.orders + 200,
      items: before.items + 400,
    });
  });

  test('10 clients move one order PENDING → PAID at once: exactly one succeeds, the others are told it is PAID', async () => {
    const placed = await lab.gql<{ placeOrder: { order: { id: string } } }>(PLACE, {
      variables: { userId: '1', items: [{ productId: '1', quantity: 1 }] },
    });
    const id = placed.body.data!.placeOrder.order.id;
    const replies = await fromClients(10, 10, () => lab.gql(`mutation { updateOrderStatus(id: ${id}, status: PAID) { previousStatus } }`));
    const succeeded = replies.filter((reply) => !reply.body.errors);
    expect(succeeded.map((reply) => reply.body.data)).toEqual([{ updateOrderStatus: { previousStatus: 'PENDING' } }]);
    for (const refused of replies.filter((reply) => reply.body.errors)) {
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ message: 'Argument "status" must be one of SHIPPED, CANCELLED after PAID; got "PAID"' }),
      ]);
    }
  });
});
