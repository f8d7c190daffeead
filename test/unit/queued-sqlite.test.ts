import pino from 'pino';
import { type Orm, openDatabase } from '../../src/db/orm';
import { ConnectionQueue } from '../../src/db/queued-sqlite';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ConnectionQueue', () => {
  test('hands the connection to the waiters in the order they came, waking one per release', async () => {
    const queue = new ConnectionQueue();
    const holders: string[] = [];
    await queue.take();
    const waiters = ['a', 'b', 'c'].map((name) => queue.take().then(() => holders.push(name)));
    await settle();
    expect({ holders, waiting: queue.waiting }).toEqual({ holders: [], waiting: 3 });
    queue.release();
    await settle();
    expect({ holders, waiting: queue.waiting }).toEqual({ holders: ['a'], waiting: 2 });
    queue.release();
    queue.release();
    await Promise.all(waiters);
    expect({ holders, waiting: queue.waiting }).toEqual({ holders: ['a', 'b', 'c'], waiting: 0 });
    queue.release();
    // Free again: the next take holds it at once.
    await queue.take();
    expect(queue.waiting).toBe(0);
  });

  test('a release without its take is a bug, said as one', () => {
    expect(() => new ConnectionQueue().release()).toThrow('ConnectionQueue.release: the connection is not held (a release without its take)');
  });
});

describe("the app's SQLite connection, taken in turn", () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await openDatabase({ kind: 'sqlite', file: ':memory:' }, pino({ level: 'silent' }));
  });
  afterAll(() => orm.close(true));

  const countProducts = async () => Number((await orm.em.fork().execute<Array<{ n: number }>>('select count(*) as n from products'))[0]!.n);

  test('statements issued while a transaction holds the connection run after it, in the order they were issued', async () => {
    const finished: string[] = [];
    let readsIssued!: Promise<number[]>;
    const transaction = orm.em
      .fork()
      .transactional(async (em) => {
        await em.execute(`insert into products (name, price_cents) values ('uncommitted', 1)`);
        // The transaction holds the one connection across this await: the reads queue behind it.
        readsIssued = Promise.all(
          Array.from({ length: 20 }, (_, index) =>
            countProducts().then((count) => {
              finished.push(`read ${index}`);
              return count;
            }),
          ),
        );
        await settle();
        finished.push('transaction');
        throw new Error('rolled back on purpose');
      })
      .catch((error: Error) => error.message);
    expect(await transaction).toBe('rolled back on purpose');
    // Had a read run inside the transaction, on its connection, it would have counted the uncommitted row.
    expect(await readsIssued).toEqual(Array.from({ length: 20 }, () => 0));
    expect(finished).toEqual(['transaction', ...Array.from({ length: 20 }, (_, index) => `read ${index}`)]);
  });
});
