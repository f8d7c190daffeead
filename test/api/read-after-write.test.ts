import { STRATEGY_NAMES } from '../../src/strategies';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

// One request: read an order's tree, write three things it shows, read the same tree again. The second read
// must see every write, whatever the first read left in the request's DataLoaders or identity map.
const AFTER_WRITES = `mutation AfterWrites($order: ID!, $product: ID!, $user: ID!) {
  before: updateOrderStatus(id: $order, status: PAID) { order { ...Tree } }
  price: updateProductPrice(id: $product, priceCents: 4242) { previousPriceCents }
  placed: placeOrder(userId: $user, items: [{ productId: $product, quantity: 1 }]) { order { id } }
  after: updateOrderStatus(id: $order, status: SHIPPED) { order { ...Tree } }
}
fragment Tree on Order { status user { orderCount orders { id status } } items { product { id priceCents } } }`;

type Tree = {
  status: string;
  user: { orderCount: number; orders: Array<{ id: string; status: string }> };
  items: Array<{ product: { id: string; priceCents: number } }>;
};
type Reply = { before: { order: Tree }; placed: { order: { id: string } }; after: { order: Tree } };

describe(`a read after a write in the same request sees the write [${TEST_DB}]`, () => {
  test.each(STRATEGY_NAMES)('%s: the new price, the new order in the count and the list, the new status', async (strategy) => {
    const user = '6';
    const product = String(20 + STRATEGY_NAMES.indexOf(strategy));
    const placed = await lab.gql<{ placeOrder: { order: { id: string } } }>(
      `mutation { placeOrder(userId: ${user}, items: [{ productId: ${product}, quantity: 2 }]) { order { id } } }`,
    );
    const order = placed.body.data!.placeOrder.order.id;

    const { body } = await lab.gql<Reply>(AFTER_WRITES, { strategy, variables: { order, product, user } });
    expect(body.errors).toBeUndefined();
    const { before, after, placed: second } = body.data!;
    expect(before.order.items[0]!.product.priceCents).not.toBe(4242);
    expect(after.order.items).toEqual([{ product: { id: product, priceCents: 4242 } }]);
    expect(after.order.user.orderCount).toBe(before.order.user.orderCount + 1);
    expect(after.order.user.orders.map((o) => o.id)).toEqual([...before.order.user.orders.map((o) => o.id), second.order.id]);
    expect(after.order.status).toBe('SHIPPED');
    expect(after.order.user.orders.find((o) => o.id === order)).toEqual({ id: order, status: 'SHIPPED' });
  });
});
