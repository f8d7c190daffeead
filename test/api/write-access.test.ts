import { Order } from '../../src/db/entities';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

const PLACE = 'mutation Place { placeOrder(userId: 1, items: [{ productId: 1, quantity: 1 }]) { order { id } } }';
const TOKEN = 'a-write-token-of-32-characters!!';

async function orderCount(lab: TestApp) {
  return lab.orm.em.fork().count(Order);
}

describe(`writes need the token [${TEST_DB}]`, () => {
  let lab: TestApp;
  beforeAll(async () => {
    lab = await createTestApp({ env: { WRITE_TOKEN: TOKEN } });
  });
  afterAll(() => lab.close());

  test.each([
    ['no Authorization header', {}, 'none was sent'],
    ['another token', { authorization: `Bearer ${TOKEN.replace('a-', 'b-')}` }, 'the token sent is not it'],
    ['a Basic credential', { authorization: `Basic ${TOKEN}` }, 'none was sent'],
  ])('%s: HTTP 401, no SQL, nothing written', async (_case, headers, reason) => {
    const before = await orderCount(lab);
    const { status, headers: replyHeaders, body } = await lab.gql(PLACE, { headers });
    expect(status).toBe(401);
    expect(replyHeaders.get('www-authenticate')).toBe('Bearer');
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `Mutations need "Authorization: Bearer <WRITE_TOKEN>"; ${reason}`,
        extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
      }),
    ]);
    expect(body.extensions?.queryStats?.sqlCount ?? 0).toBe(0);
    expect(await orderCount(lab)).toBe(before);
  });

  test('the token: the write happens; queries never need it', async () => {
    const before = await orderCount(lab);
    const { status, body } = await lab.gql(PLACE, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(await orderCount(lab)).toBe(before + 1);
    expect((await lab.gql('{ users(first: 1) { id } }')).status).toBe(200);
  });

  test.each(['plan', 'analyze'])('x-explain: %s on a mutation is refused before anything runs (HTTP 400)', async (mode) => {
    const before = await orderCount(lab);
    const { status, body } = await lab.gql(PLACE, { headers: { authorization: `Bearer ${TOKEN}`, 'x-explain': mode } });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: `x-explain explains queries only; this operation is a mutation (x-explain: ${mode})`,
        extensions: expect.objectContaining({ code: 'EXPLAIN_WRITE' }),
      }),
    ]);
    expect(await orderCount(lab)).toBe(before);
  });
});

describe(`no WRITE_TOKEN [${TEST_DB}]`, () => {
  test('production: writes are off (HTTP 403), nothing written', async () => {
    const lab = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const before = await orderCount(lab);
      const { status, body } = await lab.gql(PLACE);
      expect(status).toBe(403);
      expect(body.errors).toEqual([expect.objectContaining({ message: 'Writes are off: NODE_ENV=production and no WRITE_TOKEN is set' })]);
      expect(await orderCount(lab)).toBe(before);
    } finally {
      await lab.close();
    }
  });

  test('anywhere else: allowed without a token', async () => {
    const lab = await createTestApp();
    try {
      const { status, body } = await lab.gql(PLACE);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    } finally {
      await lab.close();
    }
  });
});
