import { emptyCounts, failureOf, mixedRequests, spreadWrites, usersTheReadsSee } from '../../lab/load/mix';
import { writeTargets } from '../../lab/load/writes';

describe("npm run load's mix: its writes stay out of its reads", () => {
  test('the reads see users up to the largest of $first (given or its default, 5) and user(id:)’s default, 3', () => {
    expect(usersTheReadsSee(undefined)).toBe(5);
    expect(usersTheReadsSee(100)).toBe(100);
    expect(usersTheReadsSee(1)).toBe(3);
  });

  test('the orders go to the last users, one per x-write mode, when all are beyond the reads', () => {
    expect(writeTargets([999, 1000], 100)).toEqual([999, 1000]);
    expect(writeTargets([6, 7], 5)).toEqual([6, 7]);
  });

  test.each([
    [[5, 6], 5],
    [[1000], 100],
  ])('last users %j with reads up to %i: refused, naming both', (lastUserIds, readsUpTo) => {
    expect(() => writeTargets(lastUserIds, readsUpTo)).toThrow(
      `the writes need 2 users beyond those the reads see (ids 1 to ${readsUpTo}), so that their orders do not lengthen the reads; ` +
        `the last users are ${JSON.stringify(lastUserIds)}: seed ${readsUpTo + 2} users or more, or --writes off`,
    );
  });

  test('a rotation spreads the writes through the reads: 30 reads and 6 writes, a write after every 5th read', () => {
    const reads = Array.from({ length: 30 }, (_, index) => `r${index + 1}`);
    const rotation = spreadWrites(reads, ['w1', 'w2', 'w3', 'w4', 'w5', 'w6']);
    expect(rotation.slice(0, 12)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'w1', 'r6', 'r7', 'r8', 'r9', 'r10', 'w2']);
    expect(rotation.slice(-2)).toEqual(['r30', 'w6']);
    expect(rotation).toHaveLength(36);
  });

  test.each([
    [['r1', 'r2', 'r3'], [], ['r1', 'r2', 'r3']],
    [
      ['r1', 'r2', 'r3', 'r4'],
      ['w1', 'w2', 'w3'],
      ['r1', 'r2', 'w1', 'r3', 'r4', 'w2', 'w3'],
    ],
    [['r1'], ['w1', 'w2'], ['r1', 'w1', 'w2']],
  ])('reads %j, writes %j: %j, each once', (reads, writes, rotation) => {
    expect(spreadWrites(reads, writes)).toEqual(rotation);
  });

  test('a failed read is counted for its strategy with why: status and the first error code, else its message', () => {
    const counts = emptyCounts();
    const reads = mixedRequests('/graphql', counts);
    // As autocannon calls it once the answer is in (its typings merge the option with the request's fields).
    const answer = (strategy: string) =>
      reads.find((read) => read.headers?.['x-strategy'] === strategy)!.onResponse as (status: number, body: string) => void;
    const [naive, joined] = [answer('naive'), answer('joined')];
    const unavailable = JSON.stringify({ errors: [{ message: 'The database is unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] });
    naive(503, unavailable);
    naive(503, unavailable);
    naive(200, JSON.stringify({ data: { users: [] } }));
    joined(200, JSON.stringify({ data: null, errors: [{ message: 'Unexpected error.' }] }));
    expect(counts.naive).toEqual({ responses: 3, non2xx: 2, graphqlErrors: 0, failedBecause: { '503 DATABASE_UNAVAILABLE': 2 } });
    expect(counts.joined).toEqual({ responses: 1, non2xx: 0, graphqlErrors: 1, failedBecause: { '200 Unexpected error.': 1 } });
    expect(counts.batched).toEqual({ responses: 0, non2xx: 0, graphqlErrors: 0, failedBecause: {} });
  });

  test.each([
    ['{"errors":[{"message":"m","extensions":{"code":"STATEMENT_TIMEOUT"}}]}', 'STATEMENT_TIMEOUT'],
    ['{"errors":[{"message":"Unexpected error."}]}', 'Unexpected error.'],
    ['{"data":{}}', 'no error in the body'],
    ['<html>Bad Gateway</html>', 'not JSON: <html>Bad Gateway</html>'],
  ])('failureOf(%s): %s', (body, reason) => {
    expect(failureOf(body)).toBe(reason);
  });
});
