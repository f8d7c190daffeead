import net from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test puts between the app and PostgreSQL to play a failing database:
 * - `pause()`: the database stops answering. Open connections stay open but nothing is forwarded either way,
 *   and new connections are accepted and then get nothing (a hung server, or a network that drops packets).
 * - `kill()`: the database goes away. Every connection is destroyed and new ones are refused (ECONNREFUSED).
 * - `restore()`: the database is back. Paused connections forward what they held; after a kill the proxy
 *   listens again on the same port.
 */
export interface TcpProxy {
  port: number;
  /** `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  pause(): void;
  kill(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let paused = false;
  let server = net.createServer(accept);
  await listen(server, 0);
  const port = (server.address() as net.AddressInfo).port;

  function accept(client: net.Socket): void {
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', forget);
      socket.on('close', forget);
      if (paused) socket.pause();
    }
  }

  /** Stops listening and destroys every connection (the listener only reports closed once they are gone). */
  async function closeAll(): Promise<void> {
    const closed = close(server);
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
    await closed;
  }

  return {
    port,
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    pause() {
      paused = true;
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    async kill() {
      paused = false;
      await closeAll();
    },
    async restore() {
      paused = false;
      for (const { client, upstream } of pairs) {
        client.resume();
        upstream.resume();
      }
      if (!server.listening) {
        server = net.createServer(accept);
        await listen(server, port);
      }
    },
    close: closeAll,
  };
}

function listen(server: net.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}
