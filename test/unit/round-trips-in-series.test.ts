import net from 'node:net';
import { startNetworkDelay } from '../../src/db/network-delay';
import { longestChain } from '../../src/stats/time';

describe('longestChain: the round trips a request waited for one after another', () => {
  test.each([
    ['none', [], 0],
    [
      'one after another (SQLite)',
      [
        [0, 1],
        [1, 2],
        [2.5, 3],
      ],
      3,
    ],
    [
      'all at once (parallel on a pool)',
      [
        [0, 5],
        [0.1, 5.2],
        [0.2, 4.9],
      ],
      1,
    ],
    // A level of naive on a pool of 2: two run, the third waits for a connection, then the next level.
    [
      'a wave, a queued one, then a level below',
      [
        [0, 5],
        [0.1, 5.1],
        [5.05, 9],
        [9.2, 10],
      ],
      3,
    ],
    [
      'order of arrival does not matter',
      [
        [9.2, 10],
        [0.1, 5.1],
        [5.05, 9],
        [0, 5],
      ],
      3,
    ],
  ] as Array<[string, Array<[number, number]>, number]>)('%s', (_name, intervals, expected) => {
    expect(longestChain(intervals)).toBe(expected);
  });
});

describe('startNetworkDelay: a proxy that holds every answer for the latency', () => {
  test('an echo through a 30 ms proxy takes at least 30 ms and arrives whole, in order', async () => {
    const echo = net.createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const proxy = await startNetworkDelay({ host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port }, 30);
    try {
      const client = net.connect(proxy.port, '127.0.0.1');
      await new Promise((resolve) => client.once('connect', resolve));
      const sent = performance.now();
      const chunks: Buffer[] = [];
      const whole = new Promise<number>((resolve) =>
        client.on('data', (chunk) => {
          chunks.push(chunk);
          if (Buffer.concat(chunks).length === 3 * 1000) resolve(performance.now());
        }),
      );
      for (const letter of ['a', 'b', 'c']) client.write(letter.repeat(1000));
      const arrived = await whole;
      expect(arrived - sent).toBeGreaterThanOrEqual(29);
      expect(Buffer.concat(chunks).toString()).toBe(`${'a'.repeat(1000)}${'b'.repeat(1000)}${'c'.repeat(1000)}`);
      client.destroy();
    } finally {
      await proxy.close();
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});
