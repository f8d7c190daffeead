import { QueryExpectationError, queryExpectations } from '../../lab/testing';
import { EXAMPLE_OPERATIONS } from '../../src/examples';
import { useTestApp } from '../support/shared-app';
import { TEST_DB } from '../support/test-app';

const lab = useTestApp();

/** lab/testing's expectQueries and expectNoNPlusOne: they pass within bounds and fail saying why. */
describe(`test helpers [${TEST_DB}]`, () => {
  let expectQueries: ReturnType<typeof queryExpectations>['expectQueries'];
  let expectNoNPlusOne: ReturnType<typeof queryExpectations>['expectNoNPlusOne'];
  beforeAll(() => {
    ({ expectQueries, expectNoNPlusOne } = queryExpectations(lab.app));
  });
  const query = EXAMPLE_OPERATIONS.usersOrdersItemsProducts;

  test('pass when the SQL is within bounds', async () => {
    await expect(expectQueries({ query, strategy: 'batched' }, { max: 4 })).resolves.toMatchObject({ sqlCount: 4 });
    await expect(expectQueries({ query, strategy: 'joined' }, { exactly: 1 })).resolves.toMatchObject({ sqlCount: 1 });
    await expect(expectNoNPlusOne({ query, strategy: 'batched' })).resolves.toMatchObject({ nPlusOne: [] });
  });

  test('expectQueries fails with the statements by field', async () => {
    const failure = expectQueries({ query, strategy: 'naive' }, { max: 4 });
    await expect(failure).rejects.toThrow(QueryExpectationError);
    await expect(failure).rejects.toThrow(
      /^expected at most 4 SQL statements, got 51 \(x-strategy: naive\)\nstatements by field:\n +users +1\n +users\.orders +5 +N\+1\n/,
    );
  });

  test('expectNoNPlusOne fails naming the path, the statement and the fix', async () => {
    const failure = expectNoNPlusOne({ query: EXAMPLE_OPERATIONS.usersWithOrders, strategy: 'naive' });
    await expect(failure).rejects.toThrow(
      /found 1 \(x-strategy: naive\)[\s\S]*N\+1 at users\.orders: 5 × select .*user_id.? = \?[\s\S]*fix: User\.orders queries once per parent/,
    );
  });

  test('an operation with errors fails with the error', async () => {
    await expect(expectQueries('{ users(first: 0) { id } }', { max: 1 })).rejects.toThrow(
      'the operation failed: Argument "first" must be from 1 to 1000; got 0',
    );
  });
});
