import { spreadWrites, usersTheReadsSee } from '../../lab/load/mix';
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
});
