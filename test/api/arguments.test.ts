import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

describe(`argument errors [${TEST_DB}]`, () => {
  test.each([
    ['users(first: 0)', 'Argument "first" must be from 1 to 1000; got 0'],
    ['users(first: 1001)', 'Argument "first" must be from 1 to 1000; got 1001'],
    ['orders(first: -3)', 'Argument "first" must be from 1 to 1000; got -3'],
    ['products(first: null)', 'Argument "first" must be from 1 to 1000; got null'],
    ['users(offset: -1)', 'Argument "offset" must be 0 or more; got -1'],
  ])('%s: an error naming argument, value and range, and no data', async (field, message) => {
    const { status, body } = await lab.gql(`{ ${field} { id } }`);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
  });

  test('the bounds themselves are allowed', async () => {
    const { body } = await lab.gql('{ users(first: 1000, offset: 0) { id } products(first: 1) { id } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ users: expect.any(Array), products: [{ id: '1' }] });
    expect((body.data!.users as unknown[]).length).toBe(20);
  });

  test.each(['abc', '0', '-4', '1.5', '99999999999'])('user(id: %j): a clear error', async (id) => {
    const { body } = await lab.gql('query ($id: ID!) { user(id: $id) { id } }', { variables: { id } });
    expect(body.data).toEqual({ user: null });
    expect(body.errors).toEqual([expect.objectContaining({ message: `Argument "id" must be a positive integer id (1 to 2147483647); got "${id}"` })]);
  });

  test('user(id:) of nobody: null, no error', async () => {
    const { body } = await lab.gql('{ user(id: 4242) { id } }');
    expect(body).toMatchObject({ data: { user: null } });
    expect(body.errors).toBeUndefined();
  });

  test("malformed GraphQL: Yoga's 400", async () => {
    const { status, body } = await lab.gql('{ users(first: 2) { id ');
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/Syntax Error/);
  });

  test('unknown field: a validation error, reported once', async () => {
    const { status, body } = await lab.gql('{ users { password } }');
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Cannot query field "password" on type "User".' })]);
  });
});

describe(`internal errors [${TEST_DB}]`, () => {
  test('are masked in the response and logged in full', async () => {
    const broken = await createTestApp();
    // A table the API needs is gone (a closed ORM no longer does: MikroORM 7's PostgreSQL driver reconnects lazily).
    await broken.orm.em.getConnection().execute('alter table users rename to users_gone');
    const { body } = await broken.gql('{ users(first: 2) { id } }');
    expect(body.errors).toEqual([expect.objectContaining({ message: 'Unexpected error.' })]);
    expect(JSON.stringify(body)).not.toMatch(/knex|pool|sqlite|postgres|destroyed/i);
    const logged = broken.logs.find((line) => line.msg === 'unexpected error while resolving');
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged!.err)).toMatch(/\w+/);
    await broken.close().catch(() => undefined);
  });
});
