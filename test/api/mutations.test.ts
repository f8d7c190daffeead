import { Order, OrderItem, Product } from '../../src/db/entities';
import { STRATEGY_NAMES } from '../../src/strategies';
import { WRITE_MODES } from '../../src/writing/write-mode';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

const PLACE_ORDER = `mutation Place($userId: ID!, $items: [OrderItemInput!]!) {
  placeOrder(userId: $userId, items: $items) {
    order { id status totalCents user { id orderCount orders { id } } items { quantity unitPriceCents product { id priceCents } } }
  }
}`;

/** What the database holds, read with the ORM outside any request. */
async function rowCounts() {
  const em = lab.orm.em.fork();
  return { orders: await em.count(Order), items: await em.count(OrderItem) };
}

async function priceOf(productId: number) {
  return (await lab.orm.em.fork().findOneOrFail(Product, productId)).priceCents;
}

type Placed = {
  placeOrder: {
    order: {
      id: string;
      status: string;
      totalCents: number;
      user: { orderCount: number; orders: Array<{ id: string }> };
      items: Array<{ quantity: number; unitPriceCents: number; product: { id: string; priceCents: number } }>;
    };
  };
};

describe(`placeOrder [${TEST_DB}]`, () => {
  test.each(STRATEGY_NAMES.flatMap((strategy) => WRITE_MODES.map((writeMode) => [strategy, writeMode] as const)))(
    '%s reads it back, %s writes it: prices from the products, the total computed, exact statements',
    async (strategy, writeMode) => {
      const before = await rowCounts();
      const items = [
        { productId: '3', quantity: 2 },
        { productId: '7', quantity: 1 },
        { productId: '11', quantity: 5 },
      ];
      const { status, body } = await lab.gql<Placed>(PLACE_ORDER, { strategy, writeMode, variables: { userId: '4', items } });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const { order } = body.data!.placeOrder;
      const prices = [await priceOf(3), await priceOf(7), await priceOf(11)];
      expect(order).toMatchObject({
        status: 'PENDING',
        totalCents: 2 * prices[0]! + prices[1]! + 5 * prices[2]!,
        items: items.map(({ productId, quantity }, index) => ({
          quantity,
          unitPriceCents: prices[index],
          product: { id: productId, priceCents: prices[index] },
        })),
      });
      expect(order.user.orders.map((o) => o.id)).toContain(order.id);
      expect(order.user.orderCount).toBe(order.user.orders.length);
      expect(await rowCounts()).toEqual({ orders: before.orders + 1, items: before.items + 3 });

      const stats = body.extensions!.queryStats!;
      expect(stats).toMatchObject({ strategy, write: writeMode });
      const inserts = stats.statements.filter((statement) => /^insert/i.test(statement.sql));
      // per-item: the order, then one INSERT per item; batched: the order, then all items in one.
      expect(inserts.map((statement) => statement.count)).toEqual(writeMode === 'per-item' ? [1, 3] : [1, 1]);
      // Sorted: on PostgreSQL sibling fields' statements interleave in any order.
      expect({ sqlCount: stats.sqlCount, statements: stats.statements.map(({ sql, count }) => `${count} × ${sql}`).sort() }).toMatchSnapshot();
    },
  );

  test('the SQL in queryStats and the log carries placeholders, never the values written', async () => {
    lab.logs.length = 0;
    const { body } = await lab.gql(PLACE_ORDER, { writeMode: 'batched', variables: { userId: '9', items: [{ productId: '13', quantity: 987 }] } });
    expect(body.errors).toBeUndefined();
    const statements = body.extensions!.queryStats!.statements.map((statement) => statement.sql).join('\n');
    expect(statements).not.toMatch(/987|PENDING/);
    const loggedSql = lab.logs.filter((line) => typeof line.sql === 'string').map((line) => line.sql as string);
    expect(loggedSql.filter((sql) => /^insert/.test(sql))).toHaveLength(2);
    expect(loggedSql.join('\n')).not.toMatch(/987|PENDING/);
    // Nor the variables anywhere (timestamps and sizes aside, which are numbers that may contain any digits).
    expect(JSON.stringify(lab.logs)).not.toMatch(/PENDING|"quantity"|"variables"/);
    expect(lab.logs.find((line) => line.msg === 'request')).toMatchObject({ operation: 'Place', write: 'batched' });
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['an unknown user', { userId: '99999', items: [{ productId: '1', quantity: 1 }] }, 'Argument "userId" must name an existing user; got "99999"'],
    [
      'an unknown product',
      {
        userId: '1',
        items: [
          { productId: '1', quantity: 1 },
          { productId: '99999', quantity: 1 },
        ],
      },
      'Argument "items[1].productId" must name an existing product; got "99999"',
    ],
    ['quantity 0', { userId: '1', items: [{ productId: '1', quantity: 0 }] }, 'Argument "items[0].quantity" must be from 1 to 1000; got 0'],
    [
      'a negative quantity',
      { userId: '1', items: [{ productId: '1', quantity: -3 }] },
      'Argument "items[0].quantity" must be from 1 to 1000; got -3',
    ],
    [
      'an absurd quantity',
      { userId: '1', items: [{ productId: '1', quantity: 1001 }] },
      'Argument "items[0].quantity" must be from 1 to 1000; got 1001',
    ],
    ['no items', { userId: '1', items: [] }, 'Argument "items" must list at least one item; got []'],
    [
      'too many items',
      { userId: '1', items: Array.from({ length: 51 }, (_, i) => ({ productId: String(i + 1), quantity: 1 })) },
      'Argument "items" must list at most 50 items; got "51 items"',
    ],
    [
      'a product twice',
      {
        userId: '1',
        items: [
          { productId: '2', quantity: 1 },
          { productId: '2', quantity: 4 },
        ],
      },
      'Argument "items[1].productId" must not repeat an earlier item\'s product; got "2"',
    ],
    [
      'a malformed id',
      { userId: 'x1', items: [{ productId: '1', quantity: 1 }] },
      'Argument "userId" must be a positive integer id (1 to 2147483647); got "x1"',
    ],
  ];
  test.each(refusals)('%s: BAD_USER_INPUT naming the argument and the value, nothing written', async (_case, variables, message) => {
    for (const writeMode of WRITE_MODES) {
      const before = await rowCounts();
      const { body } = await lab.gql(PLACE_ORDER, { writeMode, variables });
      expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
      expect(body.data).toBeNull();
      expect(await rowCounts()).toEqual(before);
    }
  });
});

const SET_STATUS = `mutation Move($id: ID!, $status: OrderStatus!) {
  updateOrderStatus(id: $id, status: $status) { previousStatus order { id status } }
}`;

describe(`updateOrderStatus [${TEST_DB}]`, () => {
  async function newOrder(): Promise<string> {
    const { body } = await lab.gql<Placed>(PLACE_ORDER, { variables: { userId: '2', items: [{ productId: '5', quantity: 1 }] } });
    return body.data!.placeOrder.order.id;
  }

  test('PENDING → PAID → SHIPPED → DELIVERED, each read back; then nothing more', async () => {
    const id = await newOrder();
    let previous = 'PENDING';
    for (const status of ['PAID', 'SHIPPED', 'DELIVERED']) {
      const { body } = await lab.gql(SET_STATUS, { variables: { id, status } });
      expect(body).toMatchObject({ data: { updateOrderStatus: { previousStatus: previous, order: { id, status } } } });
      previous = status;
    }
    const { body } = await lab.gql(SET_STATUS, { variables: { id, status: 'CANCELLED' } });
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Argument "status" cannot change: DELIVERED is final; got "CANCELLED"' })]);
  });

  test.each([
    [['PAID', 'CANCELLED'], 'SHIPPED', 'Argument "status" cannot change: CANCELLED is final; got "SHIPPED"'],
    [[], 'SHIPPED', 'Argument "status" must be one of PAID, CANCELLED after PENDING; got "SHIPPED"'],
    [[], 'PENDING', 'Argument "status" must be one of PAID, CANCELLED after PENDING; got "PENDING"'],
    [['PAID'], 'DELIVERED', 'Argument "status" must be one of SHIPPED, CANCELLED after PAID; got "DELIVERED"'],
  ])('after %j, %s is refused and the status stays', async (path, status, message) => {
    const id = await newOrder();
    for (const step of path) expect((await lab.gql(SET_STATUS, { variables: { id, status: step } })).body.errors).toBeUndefined();
    const { body } = await lab.gql(SET_STATUS, { variables: { id, status } });
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    const read = await lab.gql(`{ order(id: ${id}) { status } }`);
    expect(read.body.data).toEqual({ order: { status: path.at(-1) ?? 'PENDING' } });
  });

  test('an unknown order', async () => {
    const { body } = await lab.gql(SET_STATUS, { variables: { id: '99999', status: 'PAID' } });
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Argument "id" must name an existing order; got "99999"' })]);
  });
});

const SET_PRICE =
  'mutation Price($id: ID!, $priceCents: Int!) { updateProductPrice(id: $id, priceCents: $priceCents) { previousPriceCents product { id priceCents } } }';

describe(`updateProductPrice [${TEST_DB}]`, () => {
  test('sets the price; orders already placed keep theirs', async () => {
    const old = await priceOf(17);
    const { body: placed } = await lab.gql<Placed>(PLACE_ORDER, { variables: { userId: '3', items: [{ productId: '17', quantity: 1 }] } });
    const { body } = await lab.gql(SET_PRICE, { variables: { id: '17', priceCents: old + 100 } });
    expect(body.data).toEqual({ updateProductPrice: { previousPriceCents: old, product: { id: '17', priceCents: old + 100 } } });
    expect(await priceOf(17)).toBe(old + 100);
    const read = await lab.gql(`{ order(id: ${placed.data!.placeOrder.order.id}) { totalCents items { unitPriceCents } } }`);
    expect(read.body.data).toEqual({ order: { totalCents: old, items: [{ unitPriceCents: old }] } });
  });

  test.each([
    [{ id: '18', priceCents: 0 }, 'Argument "priceCents" must be from 1 to 1000000; got 0'],
    [{ id: '18', priceCents: 1_000_001 }, 'Argument "priceCents" must be from 1 to 1000000; got 1000001'],
    [{ id: '99999', priceCents: 500 }, 'Argument "id" must name an existing product; got "99999"'],
  ])('%j is refused, nothing written', async (variables, message) => {
    const old = await priceOf(18);
    const { body } = await lab.gql(SET_PRICE, { variables });
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(await priceOf(18)).toBe(old);
  });
});
