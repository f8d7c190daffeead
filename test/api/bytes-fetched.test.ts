import { productDescription } from '../../src/db/seed';
import { createTestApp, TEST_DB, type TestApp } from '../support/test-app';

let lab: TestApp;
beforeAll(async () => {
  lab = await createTestApp();
});
afterAll(() => lab.close());

// Products 1-3: ids (8 bytes each), names `Product 01`… (10 bytes), prices (8) and descriptions (2,021, 3,018 and
// 4,015 bytes): what each strategy selects decides what the database sends.
const DESCRIPTIONS = [1, 2, 3].map((id) => productDescription(id).length);
const ID_AND_NAME = 3 * (8 + 10);
const EVERY_COLUMN = 3 * (8 + 10 + 8) + DESCRIPTIONS.reduce((sum, length) => sum + length, 0);

describe(`bytesFetched: the size of the values the database sent [${TEST_DB}]`, () => {
  test.each([
    ['naive', EVERY_COLUMN, 'select *'],
    ['select-in', EVERY_COLUMN, 'entities: every column'],
    ['balanced', EVERY_COLUMN, 'entities: every column'],
    ['batched', ID_AND_NAME, 'only the selected columns'],
    ['joined', EVERY_COLUMN, "a root list with nothing below: batched's row query with every column"],
  ])('products(first: 3) { id name } under %s: %i bytes (%s)', async (strategy, bytes) => {
    const { body, headers } = await lab.gql('{ products(first: 3) { id name } }', { strategy });
    const stats = body.extensions!.queryStats!;
    expect(stats).toMatchObject({ sqlCount: 1, rowsFetched: 3, bytesFetched: bytes });
    expect(headers.get('server-timing')).toContain(`(1 in series) ${bytes} bytes"`);
    expect(headers.get('server-timing')).toMatch(new RegExp(`total;dur=[\\d.]+;desc="${headers.get('content-length')} bytes"$`));
  });

  test('the wide column: 2,021 + 3,018 + 4,015 bytes of description, fetched by batched only when asked', async () => {
    expect(DESCRIPTIONS).toEqual([2021, 3018, 4015]);
    const asked = await lab.gql('{ products(first: 3) { id name description } }', { strategy: 'batched' });
    expect(asked.body.extensions!.queryStats!.bytesFetched).toBe(ID_AND_NAME + 2021 + 3018 + 4015);
    expect((asked.body.data as { products: Array<{ description: string }> }).products.map((product) => product.description.length)).toEqual(
      DESCRIPTIONS,
    );
  });

  test('per statement in the timeline, adding up to the request’s; the response’s size in the log line', async () => {
    lab.logs.length = 0;
    const { body, headers } = await lab.gql('query Tree { users(first: 3) { username orders { id items { quantity } } } }', { strategy: 'naive' });
    const stats = body.extensions!.queryStats!;
    const { requestId } = (body.extensions as { lab: { requestId: string } }).lab;
    const timeline = await (await lab.app.fetch(`http://lab/lab/requests/${requestId}`)).json();
    const perStatement = timeline.statements.map((statement: { bytes: number }) => statement.bytes);
    expect(perStatement).toHaveLength(stats.sqlCount);
    expect(perStatement.every((bytes: number) => bytes > 0)).toBe(true);
    expect(perStatement.reduce((sum: number, bytes: number) => sum + bytes, 0)).toBe(stats.bytesFetched);
    expect(timeline).toMatchObject({ bytesFetched: stats.bytesFetched, responseBytes: Number(headers.get('content-length')) });
    expect(lab.logs.find((line) => line.msg === 'request')).toMatchObject({
      operation: 'Tree',
      bytesFetched: stats.bytesFetched,
      responseBytes: Number(headers.get('content-length')),
    });
  });
});
